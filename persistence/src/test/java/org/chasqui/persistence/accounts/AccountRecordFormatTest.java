package org.chasqui.persistence.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.chasqui.xmpp.sasl.ScramCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk format: exact bytes, and what an older reader does with records from a newer writer. */
class AccountRecordFormatTest {

    static final ScramCredential SHA1 = AccountJournalTest.SHA1;
    static final ScramCredential SHA256 = AccountJournalTest.SHA256;

    @TempDir
    Path dir;

    @Test
    void deleted_record_bytes() {
        Bytes<byte[]> out = Bytes.allocateElasticOnHeap();
        AccountRecordCodec.writeDeleted(out, "j\u00fc");
        assertThat(out.toByteArray()).containsExactly('D', 1, 3, 'j', 0xC3, 0xBC);
    }

    @Test
    void saved_record_round_trips() {
        Bytes<byte[]> out = Bytes.allocateElasticOnHeap();
        AccountRecord r = AccountRecord.of("juliet", SHA256, SHA1);
        AccountRecordCodec.writeSaved(out, r);
        byte[] bytes = out.toByteArray();
        assertThat(bytes[0]).isEqualTo((byte) 'S');
        assertThat(bytes[1]).isEqualTo((byte) 1);
        assertThat(AccountRecordCodec.read(Bytes.wrapForRead(bytes))).isEqualTo(new AccountRecordCodec.Saved(r));
    }

    @Test
    void records_this_version_cannot_read_are_skipped_and_the_rest_delivered() {
        appendRaw(b -> b.writeByte((byte) 'X').writeByte((byte) 1).writeStopBit(1)); // unknown tag
        appendRaw(b -> b.writeByte((byte) 'S').writeByte((byte) 2).writeStopBit(1)); // unknown version
        appendRaw(b -> b.writeByte((byte) 'S'));                                       // truncated header
        appendRaw(b -> b.writeByte((byte) 'S').writeByte((byte) 1).writeStopBit(100)); // truncated body
        appendRaw(b -> AccountRecordCodec.writeSaved(b, AccountRecord.of("romeo", SHA1)));
        appendRaw(b -> b.writeByte((byte) 'D').writeByte((byte) 1).writeStopBit(2).write(new byte[] {(byte) 0xC3, 'x'}));
        try (AccountJournal journal = AccountJournal.open(dir)) {
            RecordingVisitor v = new RecordingVisitor();
            assertThat(journal.reader().readAvailable(v)).isEqualTo(1);
            assertThat(v.events).containsExactly("saved romeo");
        }
    }

    @Test
    void credentials_with_an_unknown_algorithm_code_are_dropped_from_the_record() {
        appendRaw(b -> {
            b.writeByte((byte) 'S').writeByte((byte) 1);
            b.writeStopBit(6).write("juliet".getBytes());
            b.writeStopBit(2);
            b.writeByte((byte) 9); // a future algorithm, e.g. SCRAM-SHA-512
            b.writeStopBit(2).write(new byte[] {1, 2}).writeStopBit(4096);
            b.writeStopBit(64).write(new byte[64]).writeStopBit(64).write(new byte[64]);
            b.writeByte(AccountRecordCodec.algorithmCode(SHA1.algorithm()));
            b.writeStopBit(SHA1.salt().length).write(SHA1.salt()).writeStopBit(SHA1.iterations());
            b.writeStopBit(20).write(SHA1.storedKey()).writeStopBit(20).write(SHA1.serverKey());
        });
        try (AccountJournal journal = AccountJournal.open(dir)) {
            RecordingVisitor v = new RecordingVisitor();
            assertThat(journal.reader().readAvailable(v)).isEqualTo(1);
            assertThat(v.accounts.get("juliet")).isEqualTo(AccountRecord.of("juliet", SHA1));
        }
    }

    private void appendRaw(Consumer<Bytes<?>> writer) {
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.single(dir.toFile())
                .rollCycle(AccountJournal.ROLL_CYCLE).build();
             ExcerptAppender appender = q.createAppender();
             DocumentContext dc = appender.writingDocument()) {
            writer.accept(dc.wire().bytes());
        }
    }
}
