package org.chasqui.persistence.log;

import java.io.File;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.IntFunction;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.Wires;

/**
 * Random reads of single records from a log's cycle files by their address (cycle and byte position
 * of the record's body), through read-only memory mappings of the files made here: Chronicle's own
 * tailers find a record by index through an index entry every 256 records and a walk from it, which
 * measured 5 to 35 µs per random read; this is one header check and a copy. The headers are the ones
 * {@link JournalScan} walks (little-endian, bit 31 not complete, bit 30 metadata, 30 bits of length).
 *
 * <p>Threads: any number read at once. A file is mapped in windows of {@link #WINDOW} bytes plus
 * {@link #OVERLAP} (so a record lies in one window), each made on first need and made again when the
 * file has grown past it; only that mapping takes a lock. A mapping outlives the file: a deleted cycle
 * stays readable through a window already fetched, and {@link #forgetBefore} drops the windows of
 * deleted cycles so the GC can unmap them.
 */
final class CycleFiles {

    static final long WINDOW = 1L << 30;
    static final long OVERLAP = 256L << 20;
    private static final int POSITION_BITS = 40;
    private static final long MAX_POSITION = (1L << POSITION_BITS) - 1;

    /** One cycle file's windows. */
    private static final class Mapped {
        final int cycle;
        final File file;
        volatile MappedByteBuffer[] windows = new MappedByteBuffer[0];

        Mapped(int cycle, File file) {
            this.cycle = cycle;
            this.file = file;
        }

        /** The window holding {@code [from, to)}, mapped (again) if needed; null if the file does not reach it. */
        MappedByteBuffer window(long from, long to) {
            int w = (int) (from / WINDOW);
            MappedByteBuffer[] all = windows;
            MappedByteBuffer b = w < all.length ? all[w] : null;
            if (b != null && to - (long) w * WINDOW <= b.limit()) {
                return b;
            }
            return map(w, to);
        }

        private synchronized MappedByteBuffer map(int w, long to) {
            long start = w * WINDOW;
            MappedByteBuffer[] all = windows;
            if (w < all.length && all[w] != null && to - start <= all[w].limit()) {
                return all[w];
            }
            try (FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.READ)) {
                long length = Math.min(channel.size() - start, WINDOW + OVERLAP);
                if (length < to - start) {
                    return null;
                }
                MappedByteBuffer b = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
                b.order(ByteOrder.LITTLE_ENDIAN);
                MappedByteBuffer[] now = Arrays.copyOf(all, Math.max(all.length, w + 1));
                now[w] = b;
                windows = now;
                return b;
            } catch (IOException e) {
                return null; // deleted, or not there: no record at this address
            }
        }
    }

    private final IntFunction<File> fileOfCycle;
    /** The cycles read so far (few: the files a snapshot has not yet deleted); replaced whole, read without a lock. */
    private volatile Mapped[] cycles = new Mapped[0];

    CycleFiles(IntFunction<File> fileOfCycle) {
        this.fileOfCycle = fileOfCycle;
    }

    /** The address of the record whose body starts at {@code position} of {@code cycle}'s file. */
    static long address(int cycle, long position) {
        if (cycle < 0 || cycle >= (1 << (Long.SIZE - 1 - POSITION_BITS)) || position < 0 || position > MAX_POSITION) {
            throw new IllegalStateException("no address for cycle " + cycle + " position " + position);
        }
        return ((long) cycle << POSITION_BITS) | position;
    }

    static int cycleOf(long address) {
        return (int) (address >>> POSITION_BITS);
    }

    static long positionOf(long address) {
        return address & MAX_POSITION;
    }

    /** Decodes the record at {@code address}; null when there is no complete data record there. */
    <T> T read(long address, Function<Bytes<?>, T> decoder) {
        long position = positionOf(address);
        long headerAt = position - Integer.BYTES;
        if (address < 0 || headerAt < 0) {
            return null;
        }
        Mapped file = mapped(cycleOf(address));
        MappedByteBuffer header = file.window(headerAt, position);
        if (header == null) {
            return null;
        }
        int h = header.getInt((int) (headerAt % WINDOW));
        int length = Wires.lengthOf(h);
        if (h == 0 || Wires.isNotComplete(h) || (h & Wires.META_DATA) != 0 || length > OVERLAP) {
            return null;
        }
        MappedByteBuffer body = file.window(headerAt, position + length);
        if (body == null) {
            return null;
        }
        return decoder.apply(RecordCopy.of(body, (int) (position - (headerAt / WINDOW) * WINDOW), length));
    }

    private Mapped mapped(int cycle) {
        for (Mapped m : cycles) {
            if (m.cycle == cycle) {
                return m;
            }
        }
        synchronized (this) {
            Mapped[] all = cycles;
            for (Mapped m : all) {
                if (m.cycle == cycle) {
                    return m;
                }
            }
            Mapped m = new Mapped(cycle, fileOfCycle.apply(cycle));
            Mapped[] now = Arrays.copyOf(all, all.length + 1);
            now[all.length] = m;
            cycles = now;
            return m;
        }
    }

    /** Drops the mappings of cycles before {@code cycle} (their files were deleted). */
    synchronized void forgetBefore(int cycle) {
        cycles = Arrays.stream(cycles).filter(m -> m.cycle >= cycle).toArray(Mapped[]::new);
    }
}
