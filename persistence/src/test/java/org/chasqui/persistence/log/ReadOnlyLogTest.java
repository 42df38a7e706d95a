package org.chasqui.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReadOnlyLog}: a journal read by someone who is not its writer changes nothing, not even a torn
 * tail the writer would clear; and the writer records what it deletes before the files go.
 */
class ReadOnlyLogTest {

    private static final String NAME = "test-journal";
    private static final long DAY = 86_400_000L;

    @TempDir
    Path dir;

    private void write(String... records) {
        RawJournal.writeTexts(dir, NAME, records);
    }

    private static List<String> readAll(LogReader reader) {
        return RawJournal.readTexts(reader);
    }

    /** Every file under {@link #dir} and its bytes. */
    private Map<String, String> everyFile() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    @Test
    void aTornTailIsWhereReadingStopsAndIsLeftAsItIs() throws IOException {
        write("record-0", "record-1");
        Path file = RawJournal.cycleFile(dir);
        JournalScan.Result clean = JournalScan.scan(file.toFile(), 0, true, 0);
        ByteBuffer torn = ByteBuffer.allocate(4 + 30).order(ByteOrder.LITTLE_ENDIAN);
        torn.putInt(0).put("half-written-body-of-record-2!".getBytes(StandardCharsets.UTF_8)).flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(torn, clean.end()); // what a writer killed mid-append leaves: the body, a zero header
        }
        Map<String, String> before = everyFile();

        try (ReadOnlyLog log = ReadOnlyLog.open(dir, NAME); LogReader reader = log.reader(ChronicleLog.NO_INDEX)) {
            assertThat(readAll(reader)).containsExactly("record-0", "record-1");
            assertThat(readAll(reader)).isEmpty();
        }
        assertThat(everyFile()).as("no byte changed, no file made").isEqualTo(before);
    }

    @Test
    void openingWhereThereIsNoJournalCreatesNothing() throws IOException {
        Path absent = dir.resolve("absent");
        assertThatThrownBy(() -> ReadOnlyLog.open(absent, NAME)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(absent.toString());
        assertThat(absent).doesNotExist();
        Files.createDirectories(absent);
        assertThatThrownBy(() -> ReadOnlyLog.open(absent, NAME)).isInstanceOf(FormatMarker.IncompatibleDataException.class);
        write("record-0");
        assertThatThrownBy(() -> ReadOnlyLog.open(dir, "another-journal"))
                .isInstanceOf(FormatMarker.IncompatibleDataException.class).hasMessageContaining(NAME);
    }

    @Test
    void theWriterRecordsTheLastDeletedIndexBeforeDeletingFiles() {
        AtomicLong clock = new AtomicLong(System.currentTimeMillis() - 10 * DAY);
        List<Long> lastOfDay = new ArrayList<>();
        try (ChronicleLog log = ChronicleLog.open(dir, NAME, Durability.PROCESS, clock::get);
             ReadOnlyLog reader = ReadOnlyLog.open(dir, NAME)) {
            long firstOfDay2 = 0;
            for (int day = 0; day < 3; day++) {
                for (int i = 0; i < 3; i++) {
                    log.append(out -> out.write("r".getBytes(StandardCharsets.UTF_8))).join();
                    if (day == 2 && i == 0) {
                        firstOfDay2 = log.position().join();
                    }
                }
                lastOfDay.add(log.position().join());
                clock.addAndGet(DAY);
            }
            assertThat(reader.deletedThrough()).isEqualTo(ChronicleLog.NO_INDEX);
            assertThat(reader.firstIndex()).isEqualTo(lastOfDay.get(0) - 2);
            assertThat(reader.lastIndex()).isEqualTo(lastOfDay.get(2));

            assertThat(log.deleteCyclesBefore(lastOfDay.get(2)).join()).isEqualTo(2);
            assertThat(reader.deletedThrough()).isEqualTo(lastOfDay.get(1));
            assertThat(reader.firstIndex()).isEqualTo(firstOfDay2);
            assertThat(log.deleteCyclesBefore(lastOfDay.get(2)).join()).isZero();
            assertThat(reader.deletedThrough()).as("nothing more went").isEqualTo(lastOfDay.get(1));
        }
    }
}
