package org.chasqui.broker.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads and damages Chronicle Queue cycle files for tests: documents are a little-endian int header
 * (bit 31 not complete, bit 30 metadata, 30 bits of length) and a body, 4-byte aligned; a zero
 * header ends the data.
 */
public final class JournalFiles {

    public static final int NOT_COMPLETE = 0x80000000;

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

    private static int readInt(FileChannel ch, long pos) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(b, pos);
        return b.getInt(0);
    }
}
