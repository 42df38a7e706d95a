package org.chasqui.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.onoes.ExceptionKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JournalRoll} through {@link ChronicleLog}: an hourly journal has one file per hour and reads,
 * addresses and deletions work across them; a directory keeps the roll it was created with, whatever
 * a later open asks for, in every way Chasqui opens one.
 */
class JournalRollTest {

    private static final String NAME = "test-journal";
    private static final long HOUR = 3_600_000L;
    /** 2023-11-14T22:13:20Z: three hours later is another day. */
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(T0);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Bytes<?> b) {
        byte[] data = new byte[(int) b.readRemaining()];
        b.read(data);
        return new String(data, StandardCharsets.UTF_8);
    }

    private static List<String> readAll(LogReader reader) {
        List<String> out = new ArrayList<>();
        reader.readAvailable(b -> out.add(text(b)));
        return out;
    }

    /** Appends one record an hour; returns their addresses. */
    private static List<Long> appendHourly(ChronicleLog log, AtomicLong clock, String... records) {
        List<Long> addresses = new ArrayList<>();
        for (String r : records) {
            addresses.add(log.appendAddressed(out -> out.write(utf8(r))).join());
            clock.addAndGet(HOUR);
        }
        return addresses;
    }

    private List<String> cycleFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted().toList();
        }
    }

    @Test
    void anHourlyJournalHasAFileAnHourAndReadsAcrossThem() throws IOException {
        List<Long> addresses;
        try (ChronicleLog log = ChronicleLog.open(dir, NAME, Durability.PROCESS, JournalRoll.HOURLY, clock::get)) {
            addresses = appendHourly(log, clock, "r0", "r1", "r2", "r3");
            assertThat(cycleFiles()).containsExactly("20231114-22F.cq4", "20231114-23F.cq4", "20231115-00F.cq4",
                    "20231115-01F.cq4");
            for (int i = 0; i < 4; i++) {
                assertThat(log.read(addresses.get(i), JournalRollTest::text)).isEqualTo("r" + i);
            }
            assertThat(addresses).isSorted().doesNotHaveDuplicates();
            try (LogReader reader = log.reader()) {
                assertThat(readAll(reader)).containsExactly("r0", "r1", "r2", "r3");
            }
        }
        try (ChronicleLog log = ChronicleLog.open(dir, NAME, Durability.PROCESS, JournalRoll.HOURLY, clock::get)) {
            try (LogReader reader = log.reader()) {
                assertThat(readAll(reader)).as("replayed after a reopen").containsExactly("r0", "r1", "r2", "r3");
                assertThat(log.read(reader.address(), JournalRollTest::text)).isEqualTo("r3");
            }
        }
    }

    @Test
    void deletionTakesEveryHourFileBeforeThePositionAndRecordsItsLastIndex() throws IOException {
        try (ChronicleLog log = ChronicleLog.open(dir, NAME, Durability.PROCESS, JournalRoll.HOURLY, clock::get)) {
            List<Long> addresses = appendHourly(log, clock, "r0", "r1", "r2");
            long lastOfHour1 = log.position().join();
            clock.addAndGet(-HOUR); // back into the hour of r2
            log.append(out -> out.write(utf8("r2b"))).join();
            clock.addAndGet(HOUR);
            log.append(out -> out.write(utf8("r3"))).join();
            long position = log.position().join();
            try (LogReader reader = log.reader()) {
                reader.readAvailable(b -> { });
            }
            assertThat(log.deleteCyclesBefore(position).join()).isEqualTo(3); // the hours of r0, r1, r2/r2b
            assertThat(cycleFiles()).containsExactly("20231115-01F.cq4");
            assertThat(log.read(addresses.get(0), JournalRollTest::text)).as("its file is gone").isNull();
            try (ReadOnlyLog readOnly = ReadOnlyLog.open(dir, NAME)) {
                assertThat(readOnly.deletedThrough()).isGreaterThan(lastOfHour1).isLessThan(position);
                assertThat(readOnly.firstIndex()).isEqualTo(position);
            }
            try (LogReader reader = log.reader()) {
                assertThat(readAll(reader)).containsExactly("r3");
            }
        }
    }

    @Test
    void aDailyDirectoryOpenedHourlyStaysDaily() throws IOException {
        try (ChronicleLog log = ChronicleLog.open(dir, NAME, Durability.PROCESS, JournalRoll.DAILY, clock::get)) {
            appendHourly(log, clock, "d0");
        }
        try (ChronicleLog log = ChronicleLog.open(dir, NAME, Durability.PROCESS, JournalRoll.HOURLY, clock::get)) {
            appendHourly(log, clock, "h1", "h2", "h3");
            assertThat(cycleFiles()).containsExactly("20231114F.cq4", "20231115F.cq4");
            try (LogReader reader = log.reader()) {
                assertThat(readAll(reader)).containsExactly("d0", "h1", "h2", "h3");
            }
        }
        assertThat(JournalRoll.of(dir, JournalRoll.HOURLY)).isEqualTo(JournalRoll.DAILY);
        assertReadOnlyOpensRead("d0", "h1", "h2", "h3");
    }

    @Test
    void anHourlyDirectoryOpenedDailyStaysHourly() throws IOException {
        try (ChronicleLog log = ChronicleLog.open(dir, NAME, Durability.PROCESS, JournalRoll.HOURLY, clock::get)) {
            appendHourly(log, clock, "h0");
        }
        try (ChronicleLog log = ChronicleLog.open(dir, NAME, Durability.PROCESS, clock::get)) { // daily: the default
            appendHourly(log, clock, "d1", "d2");
            assertThat(cycleFiles()).containsExactly("20231114-22F.cq4", "20231114-23F.cq4", "20231115-00F.cq4");
        }
        assertThat(JournalRoll.of(dir, JournalRoll.DAILY)).isEqualTo(JournalRoll.HOURLY);
        assertReadOnlyOpensRead("h0", "d1", "d2");
    }

    /** verify-data, the event feed's reader and repair-data's salvage open the directory with its own roll. */
    private void assertReadOnlyOpensRead(String... records) {
        List<String> verified = new ArrayList<>();
        JournalReport report = ChronicleLog.verify(dir, NAME, b -> verified.add(text(b)));
        assertThat(report.problems()).isEmpty();
        assertThat(verified).containsExactly(records);
        try (ReadOnlyLog log = ReadOnlyLog.open(dir, NAME); LogReader reader = log.reader(ChronicleLog.NO_INDEX)) {
            assertThat(readAll(reader)).containsExactly(records);
        }
        try (ChronicleLog log = ChronicleLog.salvage(dir, NAME); LogReader reader = log.reader()) {
            assertThat(log.damage()).isEmpty();
            assertThat(readAll(reader)).containsExactly(records);
        }
    }

    @Test
    void aDirectoryWithoutFilesYetKeepsTheRollItsMetadataNamesWithoutChronicleWarning() throws IOException {
        try (ChronicleLog log = ChronicleLog.open(dir, NAME, Durability.PROCESS, JournalRoll.HOURLY, clock::get)) {
            assertThat(cycleFiles()).isEmpty(); // opened, never written: only metadata.cq4t
        }
        Map<ExceptionKey, Integer> warnings = Jvm.recordExceptions(false, false, false);
        try (ChronicleLog log = ChronicleLog.open(dir, NAME, Durability.PROCESS, JournalRoll.DAILY, clock::get)) {
            appendHourly(log, clock, "h0");
        } finally {
            Jvm.resetExceptionHandlers();
        }
        assertThat(warnings.keySet()).extracting(ExceptionKey::message).noneMatch(m -> m.contains("Overriding"));
        assertThat(cycleFiles()).containsExactly("20231114-22F.cq4");
    }

    @Test
    void filesOfTwoRollsInOneDirectoryAreRefused() throws IOException {
        try (ChronicleLog log = ChronicleLog.open(dir, NAME, Durability.PROCESS, JournalRoll.HOURLY, clock::get)) {
            appendHourly(log, clock, "h0");
        }
        Files.copy(dir.resolve("20231114-22F.cq4"), dir.resolve("20231114F.cq4"));
        assertThatThrownBy(() -> ChronicleLog.open(dir, NAME, Durability.PROCESS, JournalRoll.HOURLY, clock::get))
                .isInstanceOf(FormatMarker.IncompatibleDataException.class).hasMessageContaining("both daily and hourly");
        assertThatThrownBy(() -> ReadOnlyLog.open(dir, NAME))
                .isInstanceOf(FormatMarker.IncompatibleDataException.class);
    }

    @Test
    void hourlyCycleNumbersFitInAnAddress() {
        int cycle = JournalRoll.HOURLY.cycle().toCycle(JournalRoll.HOURLY.cycle().toIndex(
                (int) (T0 / HOUR), 0));
        long address = CycleFiles.address(cycle, 123);
        assertThat(CycleFiles.cycleOf(address)).isEqualTo(cycle);
        assertThat(CycleFiles.positionOf(address)).isEqualTo(123);
        int year2900 = (int) (930L * 365 * 24); // hours from 1970 to about 2900
        assertThat(CycleFiles.cycleOf(CycleFiles.address(year2900, 1L << 39))).isEqualTo(year2900);
    }
}
