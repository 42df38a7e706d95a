package org.chasqui.persistence.snapshot;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;
import net.openhft.chronicle.bytes.Bytes;
import org.chasqui.persistence.log.RecordCopy;
import org.chasqui.persistence.snapshot.SnapshotStore.Snapshot;

/**
 * A snapshot's data file mapped read-only, for reading single records at the offsets
 * {@link SnapshotStore.Placed} gave when it was written (or {@link SnapshotStore.RecordAt} when it was
 * read). Reads are plain memory accesses with absolute gets on the shared mapping, which change no
 * buffer state, so any number of threads read at once without a lock.
 *
 * <p>The mapping outlives the file: once mapped, a snapshot deleted by retention stays readable through
 * this object (on Linux and other POSIX systems), and its disk space is freed when the mapping is
 * garbage-collected. The file is mapped in overlapping windows of {@link #WINDOW} bytes plus the largest
 * record, so every record lies inside one window however large the file.
 */
public final class SnapshotData {

    /** The start of one mapping window to the next. */
    static final long WINDOW = 1L << 30;

    private final Snapshot snapshot;
    private final MappedByteBuffer[] windows;
    private final long size;

    private SnapshotData(Snapshot snapshot, MappedByteBuffer[] windows, long size) {
        this.snapshot = snapshot;
        this.windows = windows;
        this.size = size;
    }

    /** Maps the data file of {@code s}. */
    public static SnapshotData map(Snapshot s) throws IOException {
        try (FileChannel channel = FileChannel.open(s.data(), StandardOpenOption.READ)) {
            long size = channel.size();
            int count = (int) Math.max(1, (size + WINDOW - 1) / WINDOW);
            MappedByteBuffer[] windows = new MappedByteBuffer[count];
            for (int w = 0; w < count; w++) {
                long start = w * WINDOW;
                long length = Math.min(size - start, WINDOW + Integer.BYTES + SnapshotStore.MAX_RECORD_BYTES);
                windows[w] = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.max(0, length));
            }
            return new SnapshotData(s, windows, size); // the mapping stays valid after the channel closes
        }
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /**
     * Decodes the record at {@code offset} and returns what {@code decoder} returns; null when no
     * record of this file can start there.
     */
    public <T> T read(long offset, Function<Bytes<?>, T> decoder) {
        long lengthAt = offset - Integer.BYTES;
        if (lengthAt < 0 || offset > size) {
            return null;
        }
        MappedByteBuffer window = windows[(int) (lengthAt / WINDOW)];
        int at = (int) (lengthAt % WINDOW);
        int length = window.getInt(at);
        if (length <= 0 || length > SnapshotStore.MAX_RECORD_BYTES || offset + length > size) {
            return null;
        }
        return decoder.apply(RecordCopy.of(window, at + Integer.BYTES, length));
    }
}
