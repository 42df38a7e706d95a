package org.chasqui.persistence.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountJournalProcessTest {

    @TempDir
    Path dir;

    @Test
    void a_running_server_sees_an_account_added_by_another_process() throws Exception {
        try (AccountJournal server = AccountJournal.open(dir)) {
            server.appendSaved(AccountRecord.of("juliet", AccountJournalTest.SHA1)).join();
            AccountJournal.Reader reader = server.reader();
            RecordingVisitor v = new RecordingVisitor();
            assertThat(reader.readAvailable(v)).isEqualTo(1);

            // same class path and JVM flags (the Chronicle --add-opens/--add-exports) as this test JVM
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(a -> a.startsWith("--add-") || a.startsWith("-D") || a.startsWith("--enable-")
                            || a.startsWith("--sun-misc"))
                    .toList());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    OtherProcessAppender.class.getName(), dir.toString(), "romeo", "s3cret"));
            Process child = new ProcessBuilder(command).inheritIO().start();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();

            assertThat(reader.readAvailable(v)).isEqualTo(1);
            assertThat(v.events).containsExactly("saved juliet", "saved romeo");
            assertThat(v.accounts.get("romeo").credentials().get(0).verifyPassword("s3cret")).isTrue();
        }
    }

    @Test
    void replay_crosses_days_without_records() {
        // records written on two days a month apart (two cycle files, none in between)
        appendOn(LocalDate.of(2026, 1, 5), AccountRecord.of("juliet", AccountJournalTest.SHA1));
        appendOn(LocalDate.of(2026, 2, 9), AccountRecord.of("romeo", AccountJournalTest.SHA256));
        try (AccountJournal journal = AccountJournal.open(dir)) {
            AccountJournal.Reader reader = journal.reader();
            RecordingVisitor v = new RecordingVisitor();
            assertThat(reader.readAvailable(v)).isEqualTo(2);
            journal.appendDeleted("juliet").join(); // today, a third file
            assertThat(reader.readAvailable(v)).isEqualTo(1);
            assertThat(v.events).containsExactly("saved juliet", "saved romeo", "deleted juliet");
        }
    }

    private void appendOn(LocalDate day, AccountRecord r) {
        SetTimeProvider time = new SetTimeProvider(day.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli());
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.single(dir.toFile())
                .rollCycle(AccountJournal.ROLL_CYCLE).timeProvider(time).build();
             ExcerptAppender appender = q.createAppender();
             DocumentContext dc = appender.writingDocument()) {
            AccountRecordCodec.writeSaved(dc.wire().bytes(), r);
        }
    }
}
