package org.chasqui.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.wire.Wires;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged journal files, made for real: records are written through {@link ChronicleLog}, the log is
 * closed, bytes of its cycle file are overwritten, and the log is opened again. A torn tail (what a
 * crash in the middle of an append leaves) is cleared and the journal goes on from its last complete
 * record; damage before the last complete record refuses the open, naming file and offset; the
 * offline check reports both without changing anything.
 */
class TornTailTest {

    private static final String NAME = "test-journal";

    @TempDir
    Path dir;

    @Test
    void aCutOffWriteWithAZeroHeaderIsClearedAndTheLogGoesOn() throws Exception {
        write("record-0", "record-1", "record-2");
        long end = endOfRecords();
        // What a process killed inside an append leaves in 2026.4: the body written, the header still 0.
        long garbageEnd = damage(end, 0, "half-written-body-".repeat(20));

        assertThat(verify().warnings()).singleElement().asString().contains("offset " + end);
        assertThat(verify().sound()).isTrue();
        try (ChronicleLog log = ChronicleLog.open(dir, NAME)) {
            assertThat(readAll(log)).containsExactly("record-0", "record-1", "record-2");
            log.append(out -> out.write("record-3".getBytes(StandardCharsets.UTF_8))).join();
            assertThat(readAll(log)).containsExactly("record-0", "record-1", "record-2", "record-3");
        }
        assertThat(zeroFrom(end + 4 + Framing.CHECKSUM_BYTES + 8, garbageEnd)).as("no byte of the cut-off write is left behind").isTrue();
        try (ChronicleLog log = ChronicleLog.open(dir, NAME)) {
            assertThat(readAll(log)).containsExactly("record-0", "record-1", "record-2", "record-3");
        }
        assertThat(verify().warnings()).isEmpty();
    }

    @Test
    void aNotCompleteHeaderAtTheEndIsATornTail() throws Exception {
        write("record-0", "record-1");
        long end = endOfRecords();
        damage(end, Wires.NOT_COMPLETE | 300, "x".repeat(40)); // header claims 300 bytes, 40 arrived

        try (ChronicleLog log = ChronicleLog.open(dir, NAME)) {
            log.append(out -> out.write("record-2".getBytes(StandardCharsets.UTF_8))).join();
        }
        try (ChronicleLog log = ChronicleLog.open(dir, NAME)) {
            assertThat(readAll(log)).containsExactly("record-0", "record-1", "record-2");
        }
    }

    @Test
    void anIncompleteHeaderBeforeCompleteRecordsRefusesTheOpen() throws Exception {
        write("record-0", "record-1", "record-2", "record-3");
        long second = headerOf("record-1");
        damage(second, Wires.NOT_COMPLETE, "");

        assertThatThrownBy(() -> ChronicleLog.open(dir, NAME))
                .isInstanceOf(CorruptJournalException.class)
                .hasMessageContaining(cycleFile().getName())
                .hasMessageContaining("offset " + second)
                .satisfies(e -> assertThat(((CorruptJournalException) e).offset()).isEqualTo(second));
        JournalReport report = verify();
        assertThat(report.sound()).isFalse();
        // what Chronicle's own reader makes of it: it stops at the damaged header, without an error
        assertThat(report.records()).as("records Chronicle's tailer reads").isEqualTo(1);
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains("offset " + second));
    }

    @Test
    void aDamagedLengthInTheMiddleRefusesTheOpen() throws Exception {
        write("record-0", "record-1", "record-2", "record-3");
        long second = headerOf("record-1");
        damage(second, 4096, ""); // a complete header, but a wrong length: the walk misses the next record

        assertThatThrownBy(() -> ChronicleLog.open(dir, NAME))
                .isInstanceOf(CorruptJournalException.class)
                .hasMessageContaining("offset " + second);
    }

    @Test
    void aRecordTheDecoderCannotReadIsAProblemOfTheOfflineCheck() throws Exception {
        write("record-0", "bad-record", "record-2");
        JournalReport report = ChronicleLog.verify(dir, NAME, bytes -> {
            if (bytes.readRemaining() == 10) {
                throw new IllegalArgumentException("unknown tag");
            }
        });
        assertThat(report.records()).isEqualTo(3);
        assertThat(report.problems()).singleElement().asString().contains("record 2").contains("unknown tag");
    }

    @Test
    void theOfflineCheckChangesNothing() throws Exception {
        write("record-0");
        long end = endOfRecords();
        damage(end, 0, "left-alone");
        byte[] before = Files.readAllBytes(cycleFile().toPath());
        assertThat(verify().records()).isEqualTo(1);
        assertThat(Files.readAllBytes(cycleFile().toPath())).isEqualTo(before);
        assertThat(ChronicleLog.verify(dir.resolve("absent"), NAME, b -> { }).present()).isFalse();
    }

    // --- helpers

    private void write(String... records) {
        RawJournal.writeTexts(dir, NAME, records);
    }

    private static List<String> readAll(ChronicleLog log) {
        try (LogReader reader = log.reader()) {
            return RawJournal.readTexts(reader);
        }
    }

    private JournalReport verify() {
        return ChronicleLog.verify(dir, NAME, b -> { });
    }

    private File cycleFile() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow().toFile();
        }
    }

    private long endOfRecords() throws IOException {
        JournalScan.Result r = JournalScan.scan(cycleFile(), 0, true, 0);
        assertThat(r.kind()).isEqualTo(JournalScan.End.CLEAN);
        return r.end();
    }

    /** The offset of the header of the record holding {@code text} (behind its checksum). */
    private long headerOf(String text) throws IOException {
        return offsetOf(text) - Integer.BYTES - Framing.CHECKSUM_BYTES;
    }

    private long offsetOf(String text) throws IOException {
        byte[] file = Files.readAllBytes(cycleFile().toPath());
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + needle.length <= file.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (file[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(text + " not found");
    }

    /** Writes {@code header} then {@code body} at {@code offset}; returns the end of what it wrote. */
    private long damage(long offset, int header, String body) throws IOException {
        byte[] data = body.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(header).put(data).flip();
        try (FileChannel ch = FileChannel.open(cycleFile().toPath(), StandardOpenOption.WRITE)) {
            ch.write(b, offset);
        }
        return offset + 4 + data.length;
    }

    private boolean zeroFrom(long from, long to) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) (to - from));
        try (FileChannel ch = FileChannel.open(cycleFile().toPath())) {
            ch.read(b, from);
        }
        for (int i = 0; i < b.limit(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
