package org.chasqui.persistence.log;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of raw byte records on a Chronicle Queue directory, with exactly one writer
 * thread. Callers (Vert.x event loops) hand an encoder over and get a future that completes on the
 * writer thread once the record is in the queue (in the page cache: the open-source queue does not
 * fsync). Records keep the order in which {@link #append} was called.
 */
public final class ChronicleLog implements AutoCloseable {

    /**
     * One file a day (only on days with changes). Every process opening a directory must use the same
     * cycle. Not WEEKLY: with Chronicle Queue 2026.4 a WEEKLY queue took appends but its tailers found
     * no records, and {@code toStart()} failed an assertion under {@code -ea}.
     */
    public static final RollCycle ROLL_CYCLE = RollCycles.FAST_DAILY;

    private static final Logger LOG = LoggerFactory.getLogger(ChronicleLog.class);
    private static final long CLOSE_TIMEOUT_SECONDS = 60;

    private final String name;
    private final SingleChronicleQueue queue;
    private final ExecutorService writer;
    private ExcerptAppender appender; // created and used on the writer thread only
    private final AtomicBoolean closedFlag = new AtomicBoolean();
    private volatile boolean closed;

    private ChronicleLog(String name, SingleChronicleQueue queue) {
        this.name = name;
        this.queue = queue;
        this.writer = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "chasqui-" + name + "-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens (creating if needed) the log in {@code dir}; {@code name} appears in thread names and logs. */
    public static ChronicleLog open(Path dir, String name) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(name, "name");
        FormatMarker.check(dir, name);
        return new ChronicleLog(name, SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(ROLL_CYCLE).build());
    }

    /**
     * {@link #open(Path, String)} with the clock that decides the cycle (file) records go to; tests use
     * it to write several cycles. Every process opening the directory must see time move forward.
     */
    public static ChronicleLog open(Path dir, String name, LongSupplier clockMillis) {
        Objects.requireNonNull(clockMillis, "clockMillis");
        FormatMarker.check(dir, name);
        return new ChronicleLog(name, SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(ROLL_CYCLE)
                .timeProvider(clockMillis::getAsLong).build());
    }

    /** Appends one record written by {@code encoder} (on the writer thread). */
    public CompletableFuture<Void> append(Consumer<Bytes<?>> encoder) {
        Objects.requireNonNull(encoder, "encoder");
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException(name + " closed"));
        }
        try {
            writer.execute(() -> {
                try {
                    write(encoder);
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) { // close() won the race
            done.completeExceptionally(new IllegalStateException(name + " closed", e));
        }
        return done;
    }

    /** On the writer thread. */
    private void write(Consumer<Bytes<?>> encoder) {
        if (appender == null) {
            appender = queue.createAppender();
        }
        try (DocumentContext dc = appender.writingDocument()) {
            try {
                encoder.accept(dc.wire().bytes());
            } catch (RuntimeException e) {
                dc.rollbackOnClose(); // never leave half a record
                throw e;
            }
        }
    }

    /** A new reader positioned at the start of the log. */
    public Reader reader() {
        return reader(NO_INDEX);
    }

    /** Index before every record: "nothing covered yet". */
    public static final long NO_INDEX = -1;

    /**
     * A new reader that hands over only the records after index {@code after} ({@link #NO_INDEX}: all).
     * It starts at {@code after} when that record is still there, else at the start and skips.
     */
    public Reader reader(long after) {
        if (closed) {
            throw new IllegalStateException(name + " closed");
        }
        ExcerptTailer tailer = queue.createTailer();
        if (after == NO_INDEX || !tailer.moveToIndex(after)) {
            tailer.toStart();
        }
        return new Reader(tailer, after);
    }

    /**
     * The index of the last record in the log once every append requested before this call is done: a
     * caller that appends in order (a shard) learns which of its records are at or before it. Completes
     * on the writer thread; {@link #NO_INDEX} when the log is empty.
     */
    public CompletableFuture<Long> position() {
        CompletableFuture<Long> done = new CompletableFuture<>();
        try {
            writer.execute(() -> {
                try {
                    done.complete(queue.lastIndex()); // on the writer thread: the appends before are in
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new IllegalStateException(name + " closed", e));
        }
        return done;
    }

    /**
     * Deletes the cycle files whose records all come before the cycle of {@code index} (so the file
     * holding {@code index} and every later one stay); returns how many went. On the writer thread, so
     * it never races an append rolling to a new file.
     */
    public CompletableFuture<Integer> deleteCyclesBefore(long index) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        if (index == NO_INDEX) {
            return CompletableFuture.completedFuture(0);
        }
        try {
            writer.execute(() -> {
                try {
                    done.complete(deleteBefore(queue.rollCycle().toCycle(index)));
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new IllegalStateException(name + " closed", e));
        }
        return done;
    }

    private int deleteBefore(int cycle) {
        RollCycle roll = queue.rollCycle();
        DateTimeFormatter format = DateTimeFormatter.ofPattern(roll.format()).withZone(ZoneOffset.UTC);
        int deleted = 0;
        for (int c = queue.firstCycle(); c < cycle; c++) { // no file: firstCycle is Integer.MAX_VALUE
            File file = new File(queue.file(), format.format(Instant.ofEpochMilli((long) c * roll.lengthInMillis()))
                    + SingleChronicleQueue.SUFFIX);
            if (file.delete()) {
                deleted++;
            }
        }
        if (deleted > 0) {
            queue.refreshDirectoryListing();
            LOG.info("{}: deleted {} journal file(s) covered by a snapshot", name, deleted);
        }
        return deleted;
    }

    /** Waits for pending appends to finish, then closes the queue. Idempotent. */
    @Override
    public void close() {
        if (!closedFlag.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        writer.execute(() -> {
            if (appender != null) {
                appender.close();
            }
        });
        writer.shutdown();
        try {
            if (!writer.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("{}: appends still pending after {} s; closing anyway", name, CLOSE_TIMEOUT_SECONDS);
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.shutdownNow();
        }
        queue.close();
    }

    /**
     * Reads the log from where it last stopped. Not thread-safe: use it from one thread at a time (it
     * may move between threads, e.g. replay on the main thread, then polling on an event loop).
     */
    public static final class Reader implements AutoCloseable {

        private final ExcerptTailer tailer;
        private final long after;
        private long lastIndex;

        private Reader(ExcerptTailer tailer, long after) {
            this.tailer = tailer;
            this.after = after;
            this.lastIndex = after;
        }

        /** A record and its index in the log. */
        @FunctionalInterface
        public interface IndexedDecoder {
            void accept(long index, Bytes<?> bytes);
        }

        /** The index of the last record read or skipped as covered ({@link #NO_INDEX}: none). */
        public long lastIndex() {
            return lastIndex;
        }

        /**
         * Hands every record not yet read, in order, to {@code decoder}; returns how many there were.
         * A record counts as read before it is handed over, so an exception from the decoder
         * propagates and that record is not handed over again.
         */
        public int readAvailable(Consumer<Bytes<?>> decoder) {
            Objects.requireNonNull(decoder, "decoder");
            return readAvailable((index, bytes) -> decoder.accept(bytes));
        }

        /** {@link #readAvailable(Consumer)} with each record's index. */
        public int readAvailable(IndexedDecoder decoder) {
            Objects.requireNonNull(decoder, "decoder");
            tailer.singleThreadedCheckReset(); // Chronicle pins a tailer to one thread; we allow handing it over
            int read = 0;
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return read;
                    }
                    long index = dc.index();
                    if (index <= after) {
                        continue; // covered by the snapshot the caller started from
                    }
                    lastIndex = index;
                    read++;
                    decoder.accept(index, dc.wire().bytes());
                }
            }
        }

        @Override
        public void close() {
            tailer.close();
        }
    }
}
