package org.chasqui.persistence.log;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads the log from where it last stopped. Not thread-safe: use it from one thread at a time (it
 * may move between threads, e.g. replay on the main thread, then polling on an event loop).
 */
public final class LogReader implements AutoCloseable {

    private final String name;
    private final ExcerptTailer tailer;
    private final Framing framing;
    private final RollCycle roll;
    private final long after;
    /**
     * The index of the first record not to hand over ({@link ChronicleLog#NO_LIMIT}: none), asked once
     * per {@link #readAvailable(IndexedDecoder, int)}: fixed for a salvaged log (its first damage), moving
     * for a reader beside a writer at {@link Durability#OS} (one past the last forced record).
     */
    private final LongSupplier limits;
    private long lastIndex;
    private long address = ChronicleLog.NO_INDEX;

    LogReader(String name, ExcerptTailer tailer, Framing framing, RollCycle roll, long after, LongSupplier limits) {
        this.name = name;
        this.tailer = tailer;
        this.framing = framing;
        this.roll = roll;
        this.after = after;
        this.limits = limits;
        this.lastIndex = after;
    }

    /** A record and its index in the log. */
    @FunctionalInterface
    public interface IndexedDecoder {
        void accept(long index, Bytes<?> bytes);
    }

    /** The address (see {@link ChronicleLog#read}) of the record last handed over. */
    public long address() {
        return address;
    }

    /** The index of the last record read or skipped as covered ({@link ChronicleLog#NO_INDEX}: none). */
    public long lastIndex() {
        return lastIndex;
    }

    /**
     * Hands every record not yet read, in order, to {@code decoder}; returns how many there were.
     * A record counts as read before it is handed over, so an exception from the decoder
     * propagates and that record is not handed over again.
     *
     * @throws CorruptJournalException at a record that does not match its checksum (naming the
     *                                 file, the offset and the index); the reader stays before
     *                                 it, so reading again stops there again
     */
    public int readAvailable(Consumer<Bytes<?>> decoder) {
        Objects.requireNonNull(decoder, "decoder");
        return readAvailable((index, bytes) -> decoder.accept(bytes));
    }

    /** {@link #readAvailable(Consumer)} with each record's index. */
    public int readAvailable(IndexedDecoder decoder) {
        return readAvailable(decoder, Integer.MAX_VALUE);
    }

    /**
     * {@link #readAvailable(IndexedDecoder)} handing over {@code max} records at most: a reader that
     * follows a journal appended to faster than it reads still gets control back between batches.
     */
    public int readAvailable(IndexedDecoder decoder, int max) {
        Objects.requireNonNull(decoder, "decoder");
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, got " + max);
        }
        tailer.singleThreadedCheckReset(); // Chronicle pins a tailer to one thread; we allow handing it over
        long limit = limits.getAsLong();
        int read = 0;
        while (read < max) {
            if (limit != ChronicleLog.NO_LIMIT && tailer.index() >= limit) {
                return read; // a salvaged log: the damage is next, and reading it may fail
            }
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return read;
                }
                long index = dc.index();
                if (index >= limit) {
                    dc.rollbackOnClose();
                    return read;
                }
                if (index <= after) {
                    continue; // covered by the snapshot the caller started from
                }
                Bytes<?> bytes = dc.wire().bytes();
                long body = bytes.readPosition(); // the record's address is its body's, checksum included
                if (!framing.unframe(bytes)) {
                    dc.rollbackOnClose(); // never step over damage
                    throw new CorruptJournalException(name, tailer.currentFile(),
                            body - Integer.BYTES, String.format("the record at index 0x%x does"
                                    + " not match its checksum: its content is damaged", index));
                }
                lastIndex = index;
                read++;
                address = CycleFiles.address(roll.toCycle(index), body);
                decoder.accept(index, bytes);
            }
        }
        return read;
    }

    @Override
    public void close() {
        tailer.close();
    }
}
