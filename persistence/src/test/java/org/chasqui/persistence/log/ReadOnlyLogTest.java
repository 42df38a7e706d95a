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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReadOnlyLog}: a journal read by someone who is not its writer changes nothing, not even a torn
 * tail the writer would clear.
 */
class ReadOnlyLogTest {

    private static final String NAME = "test-journal";

    @TempDir
    Path dir;

    private void write(String... records) {
        try (ChronicleLog log = ChronicleLog.open(dir, NAME)) {
            for (String r : records) {
                log.append(out -> out.write(r.getBytes(StandardCharsets.UTF_8))).join();
            }
        }
    }

    private static List<String> readAll(ChronicleLog.Reader reader) {
        List<String> out = new ArrayList<>();
        reader.readAvailable(b -> {
            byte[] data = new byte[(int) b.readRemaining()];
            b.read(data);
            out.add(new String(data, StandardCharsets.UTF_8));
        });
        return out;
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

        try (ReadOnlyLog log = ReadOnlyLog.open(dir, NAME); ChronicleLog.Reader reader = log.reader(ChronicleLog.NO_INDEX)) {
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
}
