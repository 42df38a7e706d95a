package org.chasqui.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChronicleLog#salvage}, for {@code chasqui repair-data}: a damaged journal opened read-only
 * hands over exactly the records before its first damage and says where that damage is and what lies
 * after it; it changes nothing, and nothing can be written to it. Files are damaged for real, as in
 * {@link ChecksumTest} and {@link TornTailTest}.
 */
class SalvageTest {

    private static final String NAME = "test-journal";
    private static final long DAY = 86_400_000L;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis() - 10 * DAY);

    @Test
    void aSoundJournalHasNoDamageAndHandsOverEveryRecord() throws Exception {
        write("record-0", "record-1", "record-2");
        Map<Path, String> before = files();

        try (ChronicleLog log = ChronicleLog.salvage(dir, NAME)) {
            assertThat(log.damage()).isEmpty();
            assertThat(readAll(log)).containsExactly("record-0", "record-1", "record-2");
        }
        assertThat(files()).as("salvage changes nothing").containsExactlyEntriesOf(before);
    }

    @Test
    void aMismatchInTheMiddleEndsTheRecordsHandedOverBeforeIt() throws Exception {
        write("record-0", "record-1", "record-2", "record-3");
        Path file = RawJournal.cycleFile(dir);
        long header = RawJournal.headerOfChecksummed(file, "record-1");
        RawJournal.flip(file, RawJournal.offsetOf(file, "record-1") + 3);
        Map<Path, String> before = files();

        try (ChronicleLog log = ChronicleLog.salvage(dir, NAME)) {
            JournalDamage d = log.damage().orElseThrow();
            assertThat(d.file().toPath()).isEqualTo(file);
            assertThat(d.offset()).isEqualTo(header);
            assertThat(d.problem()).contains("record 2 of the file").contains("does not match its checksum");
            assertThat(d.recordsBefore()).isEqualTo(1);
            assertThat(d.recordsAfter()).as("the damaged record and the two after it").isEqualTo(3);
            assertThat(d.bytesAfter()).as("three documents of 4 + 4 + 8 bytes").isEqualTo(3 * 16);
            assertThat(d.laterFiles()).isZero();
            assertThat(indexes(log)).singleElement().satisfies(i -> assertThat(d.index()).isEqualTo(i + 1));
            assertThat(readAll(log)).containsExactly("record-0");
            try (LogReader reader = log.reader()) {
                reader.readAvailable(b -> { });
                assertThat(reader.readAvailable(b -> { })).as("reading again stops at the damage again").isZero();
            }
        }
        assertThat(files()).containsExactlyEntriesOf(before);
        assertThatThrownBy(() -> ChronicleLog.open(dir, NAME)).as("still refused by a normal open")
                .isInstanceOf(CorruptJournalException.class);
    }

    @Test
    void aMismatchInTheLastRecordKeepsAllTheOthers() throws Exception {
        write("record-0", "record-1", "record-2");
        Path file = RawJournal.cycleFile(dir);
        long header = RawJournal.headerOfChecksummed(file, "record-2");
        RawJournal.flip(file, RawJournal.offsetOf(file, "record-2") + 7);

        try (ChronicleLog log = ChronicleLog.salvage(dir, NAME)) {
            JournalDamage d = log.damage().orElseThrow();
            assertThat(d.offset()).isEqualTo(header);
            assertThat(d.recordsBefore()).isEqualTo(2);
            assertThat(d.recordsAfter()).isEqualTo(1);
            assertThat(readAll(log)).containsExactly("record-0", "record-1");
        }
    }

    @Test
    void aDamagedHeaderHidesTheRecordsAfterItButNotTheirBytes() throws Exception {
        write("record-0", "record-1", "record-2", "record-3");
        Path file = RawJournal.cycleFile(dir);
        long header = RawJournal.headerOfChecksummed(file, "record-2");
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(4), header); // a zero header where records go on
        }

        try (ChronicleLog log = ChronicleLog.salvage(dir, NAME)) {
            JournalDamage d = log.damage().orElseThrow();
            assertThat(d.offset()).isEqualTo(header);
            assertThat(d.problem()).contains("unreachable");
            assertThat(d.recordsBefore()).isEqualTo(2);
            assertThat(d.recordsAfter()).as("not countable past a damaged header").isEqualTo(-1);
            assertThat(d.bytesAfter()).as("up to the end of record-3").isEqualTo(2 * 16);
            assertThat(readAll(log)).containsExactly("record-0", "record-1");
        }
    }

    @Test
    void damageInAnEarlierFileSetsTheLaterFilesAsideAndKeepsTheFilesBefore() throws Exception {
        try (ChronicleLog log = ChronicleLog.open(dir, NAME, Durability.PROCESS, clock::get)) {
            for (String day : List.of("a", "b", "c")) {
                for (int i = 0; i < 3; i++) {
                    String r = "day-" + day + "-" + i;
                    log.append(out -> out.write(r.getBytes(StandardCharsets.UTF_8))).join();
                }
                clock.addAndGet(DAY);
            }
        }
        Path middle = cycleFiles().get(1);
        RawJournal.flip(middle, RawJournal.offsetOf(middle, "day-b-1") + 2);

        try (ChronicleLog log = ChronicleLog.salvage(dir, NAME)) {
            JournalDamage d = log.damage().orElseThrow();
            assertThat(d.file().toPath()).isEqualTo(middle);
            assertThat(d.recordsBefore()).isEqualTo(4);
            assertThat(d.recordsAfter()).isEqualTo(2);
            assertThat(d.laterFiles()).isEqualTo(1);
            assertThat(d.laterRecords()).isEqualTo(3);
            assertThat(readAll(log)).containsExactly("day-a-0", "day-a-1", "day-a-2", "day-b-0");
            List<Long> indexes = indexes(log);
            try (LogReader reader = log.reader(indexes.get(1))) {
                List<Long> after = new ArrayList<>();
                reader.readAvailable((index, bytes) -> after.add(index));
                assertThat(after).as("a reader starting later stops at the same place").isEqualTo(indexes.subList(2, 4));
            }
        }
    }

    @Test
    void aTornTailIsNotDamage() throws Exception {
        write("record-0", "record-1");
        Path file = RawJournal.cycleFile(dir);
        long end = RawJournal.headerOfChecksummed(file, "record-1") + 16;
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap("cut-off-body".getBytes(StandardCharsets.UTF_8)), end + 8);
        }
        Map<Path, String> before = files();

        try (ChronicleLog log = ChronicleLog.salvage(dir, NAME)) {
            assertThat(log.damage()).isEmpty();
            assertThat(readAll(log)).containsExactly("record-0", "record-1");
        }
        assertThat(files()).as("the torn tail is left for the next start to clear").containsExactlyEntriesOf(before);
    }

    @Test
    void nothingCanBeWrittenToASalvagedLog() throws Exception {
        write("record-0");
        Map<Path, String> before = files();

        try (ChronicleLog log = ChronicleLog.salvage(dir, NAME)) {
            assertThatThrownBy(() -> log.append(out -> out.writeInt(1)).join())
                    .isInstanceOf(CompletionException.class).hasMessageContaining("read-only");
            assertThatThrownBy(() -> log.position().join()).hasMessageContaining("read-only");
            assertThatThrownBy(() -> log.deleteCyclesBefore(0).join()).hasMessageContaining("read-only");
        }
        assertThat(files()).containsExactlyEntriesOf(before);
    }

    @Test
    void anotherJournalsDirectoryIsRefused() throws Exception {
        write("record-0");
        assertThatThrownBy(() -> ChronicleLog.salvage(dir, "other-journal"))
                .isInstanceOf(FormatMarker.IncompatibleDataException.class);
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

    private static List<Long> indexes(ChronicleLog log) {
        List<Long> out = new ArrayList<>();
        try (LogReader reader = log.reader()) {
            reader.readAvailable((index, bytes) -> out.add(index));
        }
        return out;
    }

    private List<Path> cycleFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".cq4")).sorted().toList();
        }
    }

    /** Every file of the directory and the SHA-256 of its bytes. */
    private Map<Path, String> files() throws Exception {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(p, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }
}
