package org.chasqui.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory written by the version before checksums (format 1, written here by
 * {@link RawJournal#writeFormatOne} straight through Chronicle) is read as it is, appended to in
 * its own framing (no checksum) and keeps its marker: the framing follows the directory, never the
 * version reading it.
 */
class FormatOneTest {

    private static final String NAME = "test-journal";

    @TempDir
    Path dir;

    @Test
    void aFormatOneDirectoryOpensReplaysAndTakesAppendsWithoutChecksums() throws Exception {
        RawJournal.writeFormatOne(dir, NAME, List.of(text("record-0"), text("record-1")));

        try (ChronicleLog log = ChronicleLog.open(dir, NAME)) {
            assertThat(log.format()).isEqualTo(1);
            assertThat(ChecksumTest.readAll(log)).containsExactly("record-0", "record-1");
            log.append(text("record-2")).join();
        }
        assertThat(Files.readString(dir.resolve("FORMAT")).strip()).isEqualTo("chasqui test-journal format 1");
        Path file = RawJournal.cycleFile(dir);
        long header = RawJournal.offsetOf(file, "record-2") - Integer.BYTES;
        assertThat(ByteBuffer.wrap(RawJournal.read(file, header, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt())
                .as("the appended record is its 8 bytes, no checksum in front").isEqualTo(8);

        try (ChronicleLog log = ChronicleLog.open(dir, NAME)) {
            assertThat(ChecksumTest.readAll(log)).containsExactly("record-0", "record-1", "record-2");
        }
        JournalReport report = ChronicleLog.verify(dir, NAME, b -> assertThat(b.readRemaining()).isEqualTo(8));
        assertThat(report.problems()).isEmpty();
        assertThat(report.records()).isEqualTo(3);
    }

    @Test
    void aFormatOneDirectoryStillHasItsStructuralChecks() throws Exception {
        RawJournal.writeFormatOne(dir, NAME, List.of(text("record-0"), text("record-1")));
        Path file = RawJournal.cycleFile(dir);
        RawJournal.flip(file, RawJournal.offsetOf(file, "record-0") - 1); // the top byte of its header: not complete

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChronicleLog.open(dir, NAME))
                .isInstanceOf(CorruptJournalException.class);
    }

    @Test
    void journalFilesWithoutAMarkerAreFormatOne() throws Exception {
        RawJournal.writeFormatOne(dir, NAME, List.of(text("record-0")));
        Files.delete(dir.resolve("FORMAT")); // as before the marker existed

        try (ChronicleLog log = ChronicleLog.open(dir, NAME)) {
            assertThat(log.format()).isEqualTo(1);
            assertThat(ChecksumTest.readAll(log)).containsExactly("record-0");
        }
        assertThat(Files.readString(dir.resolve("FORMAT")).strip()).isEqualTo("chasqui test-journal format 1");
    }

    @Test
    void aNewDirectoryIsFormatTwo() {
        try (ChronicleLog log = ChronicleLog.open(dir, NAME)) {
            assertThat(log.format()).isEqualTo(FormatMarker.VERSION).isEqualTo(2);
        }
    }

    private static Consumer<Bytes<?>> text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }
}
