package org.chasqui.persistence.log;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import net.openhft.chronicle.wire.Wires;

/**
 * Walks the documents of one Chronicle Queue cycle file by their 4-byte headers, without Chronicle,
 * to tell a clean end from a torn tail (a write cut off by a crash) and from damage in the middle.
 *
 * <p>What Chronicle Queue 2026.4 writes (checked on real files, see {@code JournalScanTest}): each
 * document is a little-endian int header (bit 31 "not complete", bit 30 "metadata", 30 bits of
 * length) followed by the body, the next header at the following multiple of 4. A cycle starts with
 * metadata (the store header, the index) and ends at a zero header, or at {@link Wires#END_OF_DATA}
 * once the queue rolled to the next cycle. An append writes its body first and its header last, and
 * zeroes the header slot after it; a process killed mid-append therefore leaves a zero (or
 * not-complete) header followed by part of a body. Chronicle's readers stop there and the next
 * append overwrites the header, but not the rest of the cut-off body, which stays behind as
 * garbage past the new end. The store header keeps the queue's write position: the start of the
 * last document whose append finished. A document that ends the walk before that position means a
 * complete record cannot be reached: damage, not a torn tail.
 *
 * <p>In a checksummed directory ({@link Framing}) the walk also checks every data document's body
 * against its checksum. A mismatch under a complete header is damage wherever it is, the last
 * record included: the header is written after the body, so a process killed mid-append leaves an
 * incomplete header (a torn tail), never a complete header over a partial body. Only an OS crash or
 * a power loss, writing back pages of appends not yet forced out of order, could leave one; those
 * are refused too rather than guessed to be unacknowledged (see the README, "Guarantees").
 */
final class JournalScan {

    /** A run of zero bytes this long ends a torn tail (a record of ours has no such run). */
    static final int ZERO_RUN = 1 << 20;
    private static final int WINDOW = 1 << 20;

    /** How a cycle file ends. */
    enum End {
        /** The queue rolled past it ({@link Wires#END_OF_DATA}). */
        ROLLED,
        /** A zero header with nothing after it. */
        CLEAN,
        /** An incomplete document after the last complete one: a write cut off by a crash. */
        TORN,
        /** A complete record cannot be reached: the file is damaged. */
        CORRUPT
    }

    /**
     * One file's outcome: {@code records} data documents before {@code end}; for {@link End#TORN} the
     * bytes {@code [end, tailEnd)} are the cut-off write; for {@link End#CORRUPT} {@code problem} says
     * what is wrong at offset {@code end}, and {@code mismatch} whether it is a record that does not
     * match its checksum under a sound header (the documents after it can still be walked).
     * {@code firstIndex} is the queue index of the file's first record.
     */
    record Result(File file, long firstIndex, long records, End kind, long end, long tailEnd, String problem,
            boolean mismatch) {

        /** The queue index of the record at {@code end} (the first one not reached, for damage). */
        long indexAtEnd() {
            return firstIndex + records;
        }
    }

    /**
     * What lies in a file from a damaged document on: {@code records} complete data documents a walk
     * of the headers reaches from it (-1 when its header is damaged, so none can be told apart), and
     * {@code bytes} up to the end of the non-zero data.
     */
    record Rest(long records, long bytes) {
    }

    private final FileChannel channel;
    private final long size;
    /** Null in a directory without checksums. */
    private final CRC32C crc;
    /** The queue index of this file's first record. */
    private final long firstIndex;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
    private long windowStart = -1;
    private int windowLength;

    private JournalScan(FileChannel channel, boolean checksummed, long firstIndex) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        this.crc = checksummed ? new CRC32C() : null;
        this.firstIndex = firstIndex;
    }

    /**
     * Scans {@code file}; {@code writePosition} is the queue's own write position for it (read
     * before the scan, so an append finishing meanwhile cannot make a sound file look damaged);
     * {@code checksummed}: whether its records are framed with a checksum ({@link Framing});
     * {@code firstIndex}: the queue index of its first record (for messages).
     */
    static Result scan(File file, long writePosition, boolean checksummed, long firstIndex) throws IOException {
        try (FileChannel ch = FileChannel.open(file.toPath(), StandardOpenOption.READ)) {
            return new JournalScan(ch, checksummed, firstIndex).walk(file, writePosition);
        }
    }

    /**
     * What lies in {@code file} from the damaged document at {@code from} on (see {@link Rest}). With
     * {@code walkable} (the damage is a checksum mismatch, every header sound) the documents are
     * counted up to where the walk stops; otherwise only the bytes are.
     */
    static Rest rest(File file, long from, boolean walkable) throws IOException {
        try (FileChannel ch = FileChannel.open(file.toPath(), StandardOpenOption.READ)) {
            return new JournalScan(ch, false, 0).restFrom(from, walkable);
        }
    }

    /** Writes zeros over {@code [from, to)} of {@code file} and forces them to the device. */
    static void clear(File file, long from, long to) throws IOException {
        try (FileChannel ch = FileChannel.open(file.toPath(), StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(WINDOW, to - from));
            for (long pos = from; pos < to; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), to - pos));
                pos += ch.write(zeros, pos);
            }
            ch.force(false);
        }
    }

    private Result walk(File file, long writePosition) throws IOException {
        long pos = 0;
        long records = 0;
        while (true) {
            if (pos + Integer.BYTES > size) {
                return stop(file, records, pos, writePosition, "the file ends");
            }
            int header = intAt(pos);
            if (header == Wires.END_OF_DATA) {
                return new Result(file, firstIndex, records, End.ROLLED, pos, pos, null, false);
            }
            if (header == 0 || Wires.isNotComplete(header)) {
                return stop(file, records, pos, writePosition, String.format("header 0x%08x", header));
            }
            long next = align(pos + Integer.BYTES + Wires.lengthOf(header));
            if (next > size) {
                return stop(file, records, pos, writePosition,
                        "a document of " + Wires.lengthOf(header) + " bytes runs past the end of the file");
            }
            if (pos < writePosition && next > writePosition) {
                return corrupt(file, records, pos, String.format("the document header 0x%08x does not lead to the"
                        + " queue's write position %d: the header is damaged", header, writePosition));
            }
            if ((header & Wires.META_DATA) == 0) {
                String damage = crc == null ? null : checksumProblem(pos, Wires.lengthOf(header));
                if (damage != null) {
                    return new Result(file, firstIndex, records, End.CORRUPT, pos, pos, String.format(
                            "record %d of the file (index 0x%x) %s", records + 1, firstIndex + records, damage), true);
                }
                records++;
            }
            pos = next;
        }
    }

    private Result stop(File file, long records, long pos, long writePosition, String what) throws IOException {
        if (writePosition > pos) {
            return corrupt(file, records, pos, what + " where the queue says complete records continue up to"
                    + " offset " + writePosition + ": the records after it are unreachable");
        }
        long tailEnd = endOfNonZero(pos);
        return new Result(file, firstIndex, records, tailEnd == pos ? End.CLEAN : End.TORN, pos, tailEnd, null, false);
    }

    private Result corrupt(File file, long records, long pos, String problem) {
        return new Result(file, firstIndex, records, End.CORRUPT, pos, pos, problem, false);
    }

    private Rest restFrom(long from, boolean walkable) throws IOException {
        if (!walkable) {
            return new Rest(-1, endOfNonZero(from) - from);
        }
        long pos = from;
        long records = 0;
        while (pos + Integer.BYTES <= size) {
            int header = intAt(pos);
            if (header == Wires.END_OF_DATA) {
                return new Rest(records, pos - from); // the queue rolled past this file
            }
            if (header == 0 || Wires.isNotComplete(header)) {
                break;
            }
            long next = align(pos + Integer.BYTES + Wires.lengthOf(header));
            if (next > size) {
                break;
            }
            if ((header & Wires.META_DATA) == 0) {
                records++;
            }
            pos = next;
        }
        return new Rest(records, endOfNonZero(pos) - from);
    }

    /** The end (exclusive, 4-aligned) of the non-zero bytes from {@code from}, up to a run of {@link #ZERO_RUN} zeros. */
    private long endOfNonZero(long from) throws IOException {
        long lastNonZero = -1;
        for (long pos = from; pos < size; pos += Integer.BYTES) {
            if (intAt(pos) != 0) {
                lastNonZero = pos;
            } else if (pos - Math.max(lastNonZero, from) >= ZERO_RUN) {
                break;
            }
        }
        return lastNonZero < 0 ? from : lastNonZero + Integer.BYTES;
    }

    /** What is wrong with the frame of the data document at {@code pos}, or null when it is sound. */
    private String checksumProblem(long pos, int length) throws IOException {
        if (length < Framing.CHECKSUM_BYTES) {
            return "is too short (" + length + " bytes) to hold its checksum";
        }
        long from = pos + Integer.BYTES + Framing.CHECKSUM_BYTES;
        long to = pos + Integer.BYTES + length;
        int stored = intAt(pos + Integer.BYTES);
        crc.reset();
        for (long at = from; at < to; ) {
            load(at);
            int n = (int) Math.min(to - at, windowStart + windowLength - at);
            if (n <= 0) {
                return "runs past the end of the file";
            }
            int offset = (int) (at - windowStart);
            crc.update(window.array(), offset, n);
            at += n;
        }
        int computed = Framing.checksum(crc);
        return stored == computed ? null : String.format("does not match its checksum (stored 0x%08x, computed"
                + " 0x%08x): its content is damaged", stored, computed);
    }

    /** Reads the window from {@code pos} unless it holds {@code pos} already. */
    private void load(long pos) throws IOException {
        if (pos < windowStart || pos >= windowStart + windowLength) {
            fill(pos);
        }
    }

    private void fill(long pos) throws IOException {
        window.clear();
        windowStart = pos;
        windowLength = 0;
        while (window.hasRemaining()) {
            int n = channel.read(window, pos + window.position());
            if (n < 0) {
                break;
            }
        }
        windowLength = window.position();
    }

    private int intAt(long pos) throws IOException {
        if (pos < windowStart || pos + Integer.BYTES > windowStart + windowLength) {
            fill(pos);
            if (windowLength < Integer.BYTES) {
                return 0;
            }
        }
        return window.getInt((int) (pos - windowStart));
    }

    private static long align(long pos) {
        return (pos + 3) & ~3L;
    }
}
