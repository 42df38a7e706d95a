package org.chasqui.persistence.log;

import java.nio.ByteBuffer;
import net.openhft.chronicle.bytes.Bytes;

/**
 * A copy of one record out of a mapped file into the calling thread's own buffer, for decoding with
 * the journals' codecs: a new Chronicle {@code Bytes} per read costs more than the read (with
 * assertions on, Chronicle records where each was made), so each thread reuses one.
 */
public final class RecordCopy {

    private static final ThreadLocal<Bytes<?>> BUFFER = ThreadLocal.withInitial(() -> Bytes.allocateElasticOnHeap(512));
    private static final ThreadLocal<byte[]> ARRAY = ThreadLocal.withInitial(() -> new byte[512]);

    private RecordCopy() {
    }

    /**
     * The {@code length} bytes at {@code at} of {@code from} (absolute: {@code from} is not changed, so
     * threads may share it), in this thread's buffer, valid until its next call.
     */
    public static Bytes<?> of(ByteBuffer from, int at, int length) {
        byte[] array = ARRAY.get();
        if (array.length < length) {
            array = new byte[Math.max(length, array.length * 2)];
            ARRAY.set(array);
        }
        from.get(at, array, 0, length);
        Bytes<?> bytes = BUFFER.get();
        bytes.clear();
        bytes.write(array, 0, length);
        return bytes;
    }
}
