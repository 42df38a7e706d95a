package org.chasqui.persistence.log;

import java.util.ArrayList;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Journal files for tests, written and damaged without {@link ChronicleLog}: a format-1 directory
 * as the version before checksums wrote it, and byte-level reads and flips of a cycle file.
 */
public final class RawJournal {

    private RawJournal() {
    }

    /**
     * Writes a journal directory {@code journal} in format 1 as Chasqui wrote it before records had
     * checksums: the marker {@code chasqui <journal> format 1}, then each record exactly as its
     * encoder writes it, one Chronicle document each (what {@code ChronicleLog.write} did then).
     */
    public static void writeFormatOne(Path dir, String journal, List<Consumer<Bytes<?>>> records) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("FORMAT"), "chasqui " + journal + " format 1\n", StandardCharsets.UTF_8);
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile())
                .rollCycle(ChronicleLog.ROLL_CYCLE).build();
                ExcerptAppender appender = queue.createAppender()) {
            for (Consumer<Bytes<?>> r : records) {
                try (DocumentContext dc = appender.writingDocument()) {
                    r.accept(dc.wire().bytes());
                }
            }
        }
    }

    /** Appends each text as one record of the journal {@code name} in {@code dir}, opened and closed here. */
    public static void writeTexts(Path dir, String name, String... records) {
        try (ChronicleLog log = ChronicleLog.open(dir, name)) {
            for (String r : records) {
                log.append(out -> out.write(r.getBytes(StandardCharsets.UTF_8))).join();
            }
        }
    }

    /** The records {@code reader} has not handed over yet, as UTF-8 text. */
    public static List<String> readTexts(LogReader reader) {
        List<String> out = new ArrayList<>();
        reader.readAvailable(b -> {
            byte[] data = new byte[(int) b.readRemaining()];
            b.read(data);
            out.add(new String(data, StandardCharsets.UTF_8));
        });
        return out;
    }

    /** The only cycle file of a journal directory. */
    public static Path cycleFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> cycles = files.filter(p -> p.toString().endsWith(SingleChronicleQueue.SUFFIX)).toList();
            if (cycles.size() != 1) {
                throw new IllegalStateException("expected one cycle file in " + dir + ": " + cycles);
            }
            return cycles.get(0);
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

    /** The header offset of the checksummed record whose bytes start with {@code text}. */
    public static long headerOfChecksummed(Path file, String text) throws IOException {
        return offsetOf(file, text) - Integer.BYTES - Framing.CHECKSUM_BYTES;
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

    /** The {@code length} bytes of {@code file} at {@code offset}. */
    public static byte[] read(Path file, long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        try (FileChannel ch = FileChannel.open(file)) {
            ch.read(b, offset);
        }
        return b.array();
    }
}
