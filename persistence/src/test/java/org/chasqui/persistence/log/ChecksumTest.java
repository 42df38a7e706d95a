package org.chasqui.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records in a format-2 directory carry a CRC-32C: a byte flipped inside a record's content, which
 * leaves every header intact (so the structural walk alone passes it), refuses the open wherever
 * it is, naming file, offset and index, and the offline check reports it. Files are damaged for
 * real: written through {@link ChronicleLog}, closed, a byte flipped, opened again.
 */
class ChecksumTest {

    private static final String NAME = "test-journal";

    @TempDir
    Path dir;

    @Test
    void aRecordIsItsChecksumThenItsBytes() throws Exception {
        write("record-0");
        Path file = RawJournal.cycleFile(dir);
        long header = RawJournal.headerOfChecksummed(file, "record-0");
        ByteBuffer doc = ByteBuffer.wrap(RawJournal.read(file, header, 4 + 4 + 8)).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update("record-0".getBytes(StandardCharsets.UTF_8));

        assertThat(doc.getInt(0)).as("header: a complete data document of 4 + 8 bytes").isEqualTo(12);
        assertThat(doc.getInt(4)).as("CRC-32C of the record XOR the mask").isEqualTo((int) crc.getValue() ^ 0xC4A50F1A);
        assertThat(Files.readString(dir.resolve("FORMAT")).strip()).isEqualTo("chasqui test-journal format 2");
    }

    @Test
    void aFlippedByteInAMiddleRecordRefusesTheOpenNamingFileOffsetAndIndex() throws Exception {
        write("record-0", "record-1", "record-2", "record-3");
        Path file = RawJournal.cycleFile(dir);
        long header = RawJournal.headerOfChecksummed(file, "record-1");
        RawJournal.flip(file, RawJournal.offsetOf(file, "record-1") + 3); // "recnrd-1": still a valid string

        assertThatThrownBy(() -> ChronicleLog.open(dir, NAME))
                .isInstanceOf(CorruptJournalException.class)
                .hasMessageContaining(NAME)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("offset " + header)
                .hasMessageContaining("record 2 of the file (index 0x")
                .hasMessageContaining("does not match its checksum")
                .satisfies(e -> assertThat(((CorruptJournalException) e).offset()).isEqualTo(header));
        JournalReport report = verify();
        assertThat(report.sound()).isFalse();
        assertThat(report.problems()).singleElement().asString()
                .contains(file + " offset " + header).contains("does not match its checksum");
        assertThat(report.records()).as("the other records still read").isEqualTo(4);
    }

    @Test
    void aFlippedByteInTheLastRecordRefusesTheOpenToo() throws Exception {
        // The documented policy: Chronicle writes a document's header after its body, so a crash of
        // the process cannot leave a complete header over a damaged body; it is damage, not a torn tail.
        write("record-0", "record-1", "record-2");
        Path file = RawJournal.cycleFile(dir);
        long header = RawJournal.headerOfChecksummed(file, "record-2");
        RawJournal.flip(file, RawJournal.offsetOf(file, "record-2") + 7);
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> ChronicleLog.open(dir, NAME))
                .isInstanceOf(CorruptJournalException.class)
                .hasMessageContaining("offset " + header)
                .hasMessageContaining("record 3 of the file");
        assertThat(Files.readAllBytes(file)).as("the refused open changed nothing").isEqualTo(before);
        assertThat(verify().problems()).singleElement().asString().contains("offset " + header);
    }

    @Test
    void aDamagedChecksumIsFoundLikeDamagedContent() throws Exception {
        write("record-0", "record-1");
        Path file = RawJournal.cycleFile(dir);
        long header = RawJournal.headerOfChecksummed(file, "record-0");
        RawJournal.flip(file, header + 4);

        assertThatThrownBy(() -> ChronicleLog.open(dir, NAME)).isInstanceOf(CorruptJournalException.class)
                .hasMessageContaining("offset " + header);
    }

    @Test
    void aReaderStopsAtDamageFoundAfterTheOpenAndDoesNotStepOverIt() throws Exception {
        try (ChronicleLog log = ChronicleLog.open(dir, NAME)) {
            for (String r : List.of("record-0", "record-1", "record-2")) {
                log.append(out -> out.write(r.getBytes(StandardCharsets.UTF_8))).join();
            }
            Path file = RawJournal.cycleFile(dir);
            long header = RawJournal.headerOfChecksummed(file, "record-1");
            RawJournal.flip(file, RawJournal.offsetOf(file, "record-1")); // the file is mapped: the reader sees it

            List<String> read = new ArrayList<>();
            try (LogReader reader = log.reader()) {
                for (int attempt = 0; attempt < 2; attempt++) {
                    assertThatThrownBy(() -> reader.readAvailable(b -> read.add(text(b))))
                            .isInstanceOf(CorruptJournalException.class)
                            .hasMessageContaining(file.toString())
                            .hasMessageContaining("offset " + header)
                            .hasMessageContaining("does not match its checksum");
                }
                assertThat(read).as("handed over before the damage, once").containsExactly("record-0");
            }
        }
    }

    @Test
    void aRecordReadByItsAddressIsCheckedToo() throws Exception {
        try (ChronicleLog log = ChronicleLog.open(dir, NAME)) {
            List<Long> addresses = new ArrayList<>();
            for (String r : List.of("record-0", "record-1", "record-2")) {
                addresses.add(log.appendAddressed(out -> out.write(r.getBytes(StandardCharsets.UTF_8))).join());
            }
            assertThat(log.read(addresses.get(1), ChecksumTest::text)).isEqualTo("record-1");
            Path file = RawJournal.cycleFile(dir);
            long header = RawJournal.headerOfChecksummed(file, "record-1");
            RawJournal.flip(file, RawJournal.offsetOf(file, "record-1") + 3); // "recnrd-1": still a valid string

            assertThatThrownBy(() -> log.read(addresses.get(1), ChecksumTest::text))
                    .isInstanceOf(CorruptJournalException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("offset " + header)
                    .hasMessageContaining("does not match its checksum");
            assertThat(log.read(addresses.get(2), ChecksumTest::text)).isEqualTo("record-2");
        }
    }

    @Test
    void largeAndEmptyRecordsRoundTripAndAreChecked() throws Exception {
        String large = "L" + "0123456789abcdef".repeat(200_000); // 3.2 MB: several scan windows and scratch buffers
        try (ChronicleLog log = ChronicleLog.open(dir, NAME)) {
            log.append(out -> { }).join();
            log.append(out -> out.write(large.getBytes(StandardCharsets.UTF_8))).join();
            log.append(out -> out.write("after".getBytes(StandardCharsets.UTF_8))).join();
        }
        try (ChronicleLog log = ChronicleLog.open(dir, NAME)) {
            assertThat(readAll(log)).containsExactly("", large, "after");
        }
        Path file = RawJournal.cycleFile(dir);
        RawJournal.flip(file, RawJournal.offsetOf(file, "L0123") + 2_500_000);
        assertThatThrownBy(() -> ChronicleLog.open(dir, NAME)).isInstanceOf(CorruptJournalException.class)
                .hasMessageContaining("record 2 of the file");
    }

    @Test
    void recordsAcrossTheMappedChunksOfAFileAreFramedAndChecked() throws Exception {
        // Chronicle maps a cycle file in chunks (64 MiB); a record written in small pieces across a chunk
        // boundary leaves the appender on the next chunk, and its checksum must still be read from the
        // right one (a bulk copy from the current chunk read unmapped memory and crashed the JVM).
        int records = 17_500; // 4 KiB each: past the first chunk boundary
        byte[] piece = new byte[64];
        try (ChronicleLog log = ChronicleLog.open(dir, NAME)) {
            CompletableFuture<Void> last = null;
            for (int i = 0; i < records; i++) {
                byte value = (byte) ('A' + i % 26);
                last = log.append(out -> {
                    for (int p = 0; p < 64; p++) {
                        Arrays.fill(piece, value);
                        out.write(piece);
                    }
                });
            }
            last.join();
        }
        try (ChronicleLog log = ChronicleLog.open(dir, NAME); LogReader reader = log.reader()) {
            int[] read = new int[1];
            reader.readAvailable(b -> {
                assertThat(b.readRemaining()).isEqualTo(64 * 64);
                assertThat(b.readByte(b.readPosition() + 64 * 64 - 1)).isEqualTo((byte) ('A' + read[0] % 26));
                read[0]++;
            });
            assertThat(read[0]).isEqualTo(records);
        }
        assertThat(verify().problems()).isEmpty();
    }

    @Test
    void anEmptyRecordWhoseFrameWasZeroedDoesNotCheckOut() throws Exception {
        write("record-0", "", "record-2");
        Path file = RawJournal.cycleFile(dir);
        long emptyHeader = RawJournal.offsetOf(file, "record-0") + 8; // record-0 is 8 bytes, 4-aligned
        assertThat(ByteBuffer.wrap(RawJournal.read(file, emptyHeader, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt())
                .as("the empty record's header").isEqualTo(4);
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4), emptyHeader + 4); // zeros where its checksum was
        }
        assertThat(verify().problems()).singleElement().asString().contains("offset " + emptyHeader);
    }

    // --- helpers

    private void write(String... records) {
        RawJournal.writeTexts(dir, NAME, records);
    }

    private JournalReport verify() {
        return ChronicleLog.verify(dir, NAME, b -> { });
    }

    static List<String> readAll(ChronicleLog log) {
        List<String> out = new ArrayList<>();
        try (LogReader reader = log.reader()) {
            reader.readAvailable(b -> out.add(text(b)));
        }
        return out;
    }

    static String text(net.openhft.chronicle.bytes.Bytes<?> b) {
        byte[] data = new byte[(int) b.readRemaining()];
        b.read(data);
        return new String(data, StandardCharsets.UTF_8);
    }
}
