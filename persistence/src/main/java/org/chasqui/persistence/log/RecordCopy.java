package org.chasqui.persistence.log;

import java.nio.ByteBuffer;
import net.openhft.chronicle.bytes.Bytes;

/**
 * A copy of one record out of a mapped file into the calling thread's own buffer, for decoding with
 * the journals' codecs: a new Chronicle {@code Bytes} per read costs more than the read (with
 * assertions on, Chronicle records where each was made), so each thread reuses one array and one
 * {@code Bytes} over it.
 */
public final class RecordCopy {

    private static final class Buffer {
        byte[] array = new byte[0];
        Bytes<byte[]> bytes;
    }

    /** The largest record a thread's buffer grows to. */
    private static final int KEPT = 1 << 20;
    private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(Buffer::new);

    private RecordCopy() {
    }

    /**
     * The {@code length} bytes at {@code at} of {@code from} (absolute: {@code from} is not changed, so
     * threads may share it), in this thread's buffer, valid until its next call.
     */
    public static Bytes<?> of(ByteBuffer from, int at, int length) {
        if (length > KEPT) { // a rare large record: not kept by the thread afterwards
            byte[] once = new byte[length];
            from.get(at, once, 0, length);
            return Bytes.wrapForRead(once);
        }
        Buffer b = BUFFER.get();
        if (b.array.length < length) {
            b.array = new byte[Math.min(KEPT, Math.max(length, Math.max(512, b.array.length * 2)))];
            b.bytes = Bytes.wrapForRead(b.array);
        }
        from.get(at, b.array, 0, length);
        b.bytes.readPositionRemaining(0, length);
        return b.bytes;
    }
}
