package org.chasqui.persistence.log;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * How a record sits inside its Chronicle document, decided per journal directory by its FORMAT
 * marker ({@link FormatMarker}), never guessed from the bytes:
 * <pre>
 *   format 1: record                         (the bytes exactly as the journal's codec wrote them)
 *   format 2: checksum(int32, little-endian) record
 *             checksum = CRC-32C(record) XOR 0xC4A50F1A
 * </pre>
 * The mask makes an all-zero body (zeros where a record should be) fail, since the CRC-32C of no
 * bytes is 0. The checksum covers the record's bytes; their length is the document's, which
 * {@link JournalScan} checks against the queue's write position.
 *
 * <p>{@link #frame} and {@link #unframe} are the only places that know the layout; {@link JournalScan}
 * uses {@link #checksum(CRC32C)} for files it reads without Chronicle. An instance keeps a scratch
 * buffer: use it from one thread at a time (the writer thread, one reader).
 */
final class Framing {

    /** The format version of a directory whose records carry a checksum. */
    static final int CHECKSUMMED_FORMAT = 2;
    /** Bytes the frame adds before a record in a checksummed directory. */
    static final int CHECKSUM_BYTES = Integer.BYTES;
    private static final int MASK = 0xC4A5_0F1A;
    private static final int SCRATCH_BYTES = 8 * 1024;

    private final CRC32C crc;
    /** In native order, as the queue's bytes are: a long read from them goes back as the same bytes. */
    private final ByteBuffer scratch;

    private Framing(int format) {
        boolean checked = checksummed(format);
        this.crc = checked ? new CRC32C() : null;
        this.scratch = checked ? ByteBuffer.allocate(SCRATCH_BYTES).order(ByteOrder.nativeOrder()) : null;
    }

    /** The framing of a directory in {@code format} (one that {@link FormatMarker} accepted). */
    static Framing of(int format) {
        if (format < 1 || format > FormatMarker.VERSION) {
            throw new IllegalArgumentException("no framing for format " + format);
        }
        return new Framing(format);
    }

    /** Whether the records of a directory in {@code format} carry a checksum. */
    static boolean checksummed(int format) {
        return format >= CHECKSUMMED_FORMAT;
    }

    boolean checksummed() {
        return crc != null;
    }

    /** Writes the record {@code encoder} writes into {@code out}, framed. */
    void frame(Bytes<?> out, Consumer<Bytes<?>> encoder) {
        if (crc == null) {
            encoder.accept(out);
            return;
        }
        long at = out.writePosition();
        out.writeInt(0); // the checksum, once the record is there
        encoder.accept(out);
        out.writeInt(at, checksumOf(out, at + CHECKSUM_BYTES, out.writePosition()));
    }

    /**
     * Checks the frame of the record at {@code in}'s read position and, when it is sound, leaves
     * {@code in} positioned at the record's bytes. Returns false (and leaves {@code in} as it was)
     * when the record does not match its checksum or is too short to hold one.
     */
    boolean unframe(Bytes<?> in) {
        if (crc == null) {
            return true;
        }
        long at = in.readPosition();
        long end = in.readLimit();
        if (end - at < CHECKSUM_BYTES || in.readInt(at) != checksumOf(in, at + CHECKSUM_BYTES, end)) {
            return false;
        }
        in.readSkip(CHECKSUM_BYTES);
        return true;
    }

    /**
     * The checksum of {@code bytes[from, to)}, copied through the scratch buffer. A queue's mapped
     * file is a series of chunks, and Chronicle Bytes 2026.4's positioned bulk read copies from the
     * current chunk whatever the offset: a record written in small pieces across a chunk boundary
     * leaves the appender on the next chunk, and a bulk read of it then read unmapped memory and
     * crashed the JVM. So the bulk copy is used only when the current chunk holds the whole range
     * (nearly always); otherwise the positioned primitive reads, which move to the right chunk.
     */
    private int checksumOf(Bytes<?> bytes, long from, long to) {
        crc.reset();
        BytesStore<?, ?> chunk = bytes.bytesStore();
        boolean inChunk = chunk != null && chunk.inside(from, to - from);
        for (long pos = from; pos < to; ) {
            int n = (int) Math.min(scratch.capacity(), to - pos);
            if (inChunk) {
                chunk.read(pos, scratch.array(), 0, n);
            } else {
                copyPiecewise(bytes, pos, n);
            }
            crc.update(scratch.array(), 0, n);
            pos += n;
        }
        return checksum(crc);
    }

    private void copyPiecewise(Bytes<?> bytes, long pos, int n) {
        int i = 0;
        for (; i + Long.BYTES <= n; i += Long.BYTES) {
            scratch.putLong(i, bytes.readLong(pos + i));
        }
        for (; i < n; i++) {
            scratch.put(i, bytes.readByte(pos + i));
        }
    }

    /** The checksum stored for a record whose bytes went through {@code crc} (for {@link JournalScan}). */
    static int checksum(CRC32C crc) {
        return (int) crc.getValue() ^ MASK;
    }
}
