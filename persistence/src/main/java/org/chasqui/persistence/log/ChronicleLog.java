package org.chasqui.persistence.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * writer thread once the record is durable at the log's {@link Durability} level: in the queue's
 * mapped file ({@link Durability#PROCESS}), or forced to the device ({@link Durability#OS}, group
 * commit: the writer writes every append waiting, forces once, then completes their futures).
 * Records keep the order in which {@link #append} was called. Opening checks the files first
 * ({@link JournalCheck}): a torn tail is cleared with a warning, damage refuses the open.
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
    /** Appends written and forced together at most; bounds the latency the first one of a group sees. */
    private static final int MAX_GROUP = 1024;

    private record Pending(Consumer<Bytes<?>> encoder, CompletableFuture<Void> done) {
    }

    /** Put last by {@link #close()}: the writer stops after it. */
    private static final Pending STOP = new Pending(null, null);

    private final String name;
    private final SingleChronicleQueue queue;
    private final Durability durability;
    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    /**
     * Guards {@link #closed} together with the hand-over to {@link #pending}, so that no append is
     * queued after {@link #STOP} (it would never complete). Held only for a flag check and a queue
     * insert; no other lock is taken inside it.
     */
    private final Object handOver = new Object();
    private boolean closed; // guarded by handOver
    private final Thread writer;
    // used on the writer thread only:
    private ExcerptAppender appender;
    private final FileSync sync;
    private final List<Pending> written = new ArrayList<>();

    private ChronicleLog(String name, Path dir, SingleChronicleQueue queue, Durability durability) {
        this.name = name;
        this.queue = queue;
        this.durability = durability;
        this.sync = durability == Durability.OS ? new FileSync(dir) : null;
        this.writer = new Thread(this::runWriter, "chasqui-" + name + "-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** {@link #open(Path, String, Durability)} at {@link Durability#PROCESS}. */
    public static ChronicleLog open(Path dir, String name) {
        return open(dir, name, Durability.PROCESS);
    }

    /**
     * Opens (creating if needed) the log in {@code dir}; {@code name} appears in thread names and logs.
     *
     * @throws FormatMarker.IncompatibleDataException if the directory holds another journal or format
     * @throws CorruptJournalException                if a file is damaged before its last complete record
     */
    public static ChronicleLog open(Path dir, String name, Durability durability) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(durability, "durability");
        FormatMarker.check(dir, name);
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(ROLL_CYCLE).build();
        try {
            JournalCheck.atOpen(queue, name);
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
        return new ChronicleLog(name, dir, queue, durability);
    }

    /**
     * Checks the journal in {@code dir} offline and changes nothing: its FORMAT marker, the structure of
     * every file, and that {@code decoder} reads every record (it throws on one it cannot read).
     */
    public static JournalReport verify(Path dir, String name, Consumer<Bytes<?>> decoder) {
        return JournalCheck.offline(dir, name, decoder);
    }

    /** Groups forced to the device so far ({@link Durability#OS}; 0 otherwise). For tests. */
    long forcedGroups() {
        return sync == null ? 0 : sync.forces();
    }

    public Durability durability() {
        return durability;
    }

    /** Appends one record written by {@code encoder} (on the writer thread). */
    public CompletableFuture<Void> append(Consumer<Bytes<?>> encoder) {
        Objects.requireNonNull(encoder, "encoder");
        Pending p = new Pending(encoder, new CompletableFuture<>());
        synchronized (handOver) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException(name + " closed"));
            }
            pending.add(p);
        }
        return p.done();
    }

    /** The writer thread: takes what is waiting, as one group, until {@link #STOP}. */
    private void runWriter() {
        List<Pending> group = new ArrayList<>();
        try {
            boolean stop = false;
            while (!stop) {
                group.add(pending.take());
                pending.drainTo(group, MAX_GROUP - 1);
                stop = commit(group);
                group.clear();
            }
        } catch (InterruptedException e) {
            LOG.warn("{}: writer interrupted; failing the appends still waiting", name);
        } finally {
            pending.drainTo(group);
            for (Pending p : group) {
                if (p != STOP) {
                    p.done().completeExceptionally(new IllegalStateException(name + " closed"));
                }
            }
            if (appender != null) {
                appender.close();
            }
            if (sync != null) {
                sync.close();
            }
        }
    }

    /** Writes a group; at {@link Durability#OS} forces it once before completing it. Returns true at {@link #STOP}. */
    private boolean commit(List<Pending> group) {
        boolean stop = false;
        for (Pending p : group) {
            if (p == STOP) {
                stop = true;
                continue;
            }
            try {
                write(p.encoder());
            } catch (Throwable t) {
                p.done().completeExceptionally(t);
                continue;
            }
            if (sync == null) {
                p.done().complete(null);
            } else {
                sync.wrote(appender.currentFile());
                written.add(p);
            }
        }
        if (!written.isEmpty()) {
            Throwable failure = null;
            try {
                sync.force();
            } catch (IOException | RuntimeException e) {
                LOG.error("{}: cannot force {} appends to the device; failing them", name, written.size(), e);
                failure = e;
            }
            for (Pending p : written) {
                if (failure == null) {
                    p.done().complete(null);
                } else {
                    p.done().completeExceptionally(failure);
                }
            }
            written.clear();
        }
        return stop;
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
        boolean isClosed;
        synchronized (handOver) {
            isClosed = closed;
        }
        if (isClosed) {
            throw new IllegalStateException(name + " closed");
        }
        return new Reader(queue.createTailer().toStart());
    }

    /** Waits for pending appends to finish, then closes the queue. Idempotent. */
    @Override
    public void close() {
        synchronized (handOver) {
            if (closed) {
                return;
            }
            closed = true;
            pending.add(STOP);
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(CLOSE_TIMEOUT_SECONDS));
            if (writer.isAlive()) {
                LOG.warn("{}: appends still pending after {} s; closing anyway", name, CLOSE_TIMEOUT_SECONDS);
                writer.interrupt();
                writer.join(TimeUnit.SECONDS.toMillis(CLOSE_TIMEOUT_SECONDS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.interrupt();
        }
        queue.close();
    }

    /**
     * Reads the log from where it last stopped. Not thread-safe: use it from one thread at a time (it
     * may move between threads, e.g. replay on the main thread, then polling on an event loop).
     */
    public static final class Reader implements AutoCloseable {

        private final ExcerptTailer tailer;

        private Reader(ExcerptTailer tailer) {
            this.tailer = tailer;
        }

        /**
         * Hands every record not yet read, in order, to {@code decoder}; returns how many there were.
         * A record counts as read before it is handed over, so an exception from the decoder
         * propagates and that record is not handed over again.
         */
        public int readAvailable(Consumer<Bytes<?>> decoder) {
            Objects.requireNonNull(decoder, "decoder");
            tailer.singleThreadedCheckReset(); // Chronicle pins a tailer to one thread; we allow handing it over
            int read = 0;
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return read;
                    }
                    read++;
                    decoder.accept(dc.wire().bytes());
                }
            }
        }

        @Override
        public void close() {
            tailer.close();
        }
    }
}
