package org.chasqui.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Torn tails made by a real crash, not by editing bytes: a child JVM appends 1 MiB records slowly
 * ({@link SlowWriter}) and is killed with SIGKILL, so the kill nearly always lands inside an append.
 * The offline check then reports the cut-off write as a warning (never a problem), the next open
 * clears it, and every record before it is intact; numbering goes on without a gap.
 */
class KilledWriterTest {

    static final String NAME = "test-journal";
    private static final int ROUNDS = 4;

    @TempDir
    Path dir;

    @Test
    void aWriterKilledMidAppendLeavesATornTailThatTheNextOpenClears() throws Exception {
        Random random = new Random();
        int torn = 0;
        long records = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process child = start(round % 2 == 0 ? Durability.PROCESS : Durability.OS);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).isEqualTo("started at " + records);
                Thread.sleep(100 + random.nextInt(400));
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            JournalReport before = ChronicleLog.verify(dir, NAME, KilledWriterTest::check);
            assertThat(before.problems()).isEmpty();
            if (!before.warnings().isEmpty()) {
                torn++;
            }
            assertThat(before.records()).isGreaterThanOrEqualTo(records);
            records = before.records();

            try (ChronicleLog log = ChronicleLog.open(dir, NAME)) {
                List<Long> seqs = new ArrayList<>();
                try (LogReader reader = log.reader()) {
                    reader.readAvailable(b -> seqs.add(check(b)));
                }
                assertThat(seqs).hasSize((int) records);
                for (int i = 0; i < seqs.size(); i++) {
                    assertThat(seqs.get(i)).isEqualTo(i);
                }
            }
            assertThat(ChronicleLog.verify(dir, NAME, b -> { }).warnings()).as("cleared at open").isEmpty();
        }
        System.out.printf("%d kills, %d left a torn tail, %d records intact%n", ROUNDS, torn, records);
        assertThat(torn).as("kills that landed inside an append").isPositive();
    }

    /** Checks one record's bytes; returns its seq. */
    private static long check(Bytes<?> b) {
        long seq = b.readLong();
        int length = b.readInt();
        assertThat(b.readRemaining()).isEqualTo(length);
        for (int i = 0; i < length; i++) {
            if (b.readByte() != SlowWriter.expected(seq, i)) {
                throw new AssertionError("record " + seq + " damaged at byte " + i);
            }
        }
        return seq;
    }

    private Process start(Durability durability) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle.") || a.startsWith("--enable-")
                        || a.startsWith("--sun-misc"))
                .toList());
        command.addAll(List.of("-Xmx128m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                SlowWriter.class.getName(), dir.toString(), durability.name()));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
