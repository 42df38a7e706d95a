package org.chasqui.broker.testing;

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
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Reads and damages Chronicle Queue cycle files for tests: documents are a little-endian int header
 * (bit 31 not complete, bit 30 metadata, 30 bits of length) and a body, 4-byte aligned; a zero
 * header ends the data. In a format-2 journal a data document's body is a little-endian int
 * checksum (CRC-32C of the record XOR {@link #CHECKSUM_MASK}) and then the record.
 */
public final class JournalFiles {

    public static final int NOT_COMPLETE = 0x80000000;
    public static final int CHECKSUM_MASK = 0xC4A50F1A;

    private JournalFiles() {
    }

    /** The only cycle file of a journal directory. */
    public static Path cycleFile(Path journalDir) throws IOException {
        try (Stream<Path> files = Files.list(journalDir)) {
            List<Path> cycles = files.filter(p -> p.toString().endsWith(".cq4")).toList();
            if (cycles.size() != 1) {
                throw new IllegalStateException("expected one cycle file in " + journalDir + ": " + cycles);
            }
            return cycles.get(0);
        }
    }

    /** The offsets of the data documents' headers, then (last) the offset where the data ends. */
    public static List<Long> dataHeadersAndEnd(Path file) throws IOException {
        List<Long> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file)) {
            long pos = 0;
            while (true) {
                int header = readInt(ch, pos);
                if (header == 0 || (header & NOT_COMPLETE) != 0) {
                    out.add(pos);
                    return out;
                }
                if ((header & 0x40000000) == 0) {
                    out.add(pos);
                }
                pos = (pos + 4 + (header & 0x3FFFFFFF) + 3) & ~3L;
            }
        }
    }

    /** Writes {@code header} and then {@code body} at {@code offset}. */
    public static void write(Path file, long offset, int header, byte[] body) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(header).put(body).flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(b, offset);
        }
    }

    /** The offset of the first occurrence of {@code text} (UTF-8) in {@code file}. */
    public static long offsetOf(Path file, String text) throws IOException {
        byte[] data = Files.readAllBytes(file);
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(text + " not found in " + file);
    }

    /** Inverts the lowest bit of the byte at {@code offset}. */
    public static void flip(Path file, long offset) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, offset);
            b.put(0, (byte) (b.get(0) ^ 1)).rewind();
            ch.write(b, offset);
        }
    }

    /**
     * Rewrites the checksum of the format-2 data document at {@code header} to match its record as
     * it now is (damage a record's content without the checksum noticing).
     */
    public static void rechecksum(Path file, long header) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            int length = readInt(ch, header) & 0x3FFFFFFF;
            ByteBuffer record = ByteBuffer.allocate(length - 4);
            ch.read(record, header + 8);
            CRC32C crc = new CRC32C();
            crc.update(record.flip());
            ByteBuffer sum = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            sum.putInt((int) crc.getValue() ^ CHECKSUM_MASK).flip();
            ch.write(sum, header + 4);
        }
    }

    private static int readInt(FileChannel ch, long pos) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(b, pos);
        return b.getInt(0);
    }
}
