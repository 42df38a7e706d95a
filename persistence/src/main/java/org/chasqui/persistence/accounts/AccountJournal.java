package org.chasqui.persistence.accounts;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
 * The account journal on a Chronicle Queue directory (format in {@code package-info.java}).
 *
 * <p>Threads: every append runs on one writer thread owned by this journal, fed by the executor's queue,
 * so callers (Vert.x event loops) never block; the returned future completes on that writer thread once
 * the record is in the queue (in the page cache: the open-source queue does not fsync). Each
 * {@link Reader} has its own tailer and must be used by one thread at a time. Several journals, also in
 * other processes such as the CLI, may append to the same directory; Chronicle serialises the appends.
 */
public final class AccountJournal implements AutoCloseable {

    /**
     * One file a day (only on days with changes). Every process opening the directory must use the same cycle.
     * Not WEEKLY: with Chronicle Queue 2026.4 a WEEKLY queue took appends (file 2026W48.cq4) but its tailers
     * found no records, and {@code toStart()} failed an assertion under {@code -ea}.
     */
    public static final RollCycle ROLL_CYCLE = RollCycles.FAST_DAILY;

    private static final Logger LOG = LoggerFactory.getLogger(AccountJournal.class);
    private static final long CLOSE_TIMEOUT_SECONDS = 60;

    /** What a replay delivers, in journal order. */
    public interface Visitor {
        /** The user's credentials are now exactly {@code r.credentials()}. */
        void saved(AccountRecord r);

        /** The user no longer exists. */
        void deleted(String username);
    }

    private final SingleChronicleQueue queue;
    private final ExecutorService writer;
    private ExcerptAppender appender; // created and used on the writer thread only
    private final AtomicBoolean closedFlag = new AtomicBoolean();
    private volatile boolean closed;

    private AccountJournal(SingleChronicleQueue queue) {
        this.queue = queue;
        this.writer = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "chasqui-account-journal-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens (creating if needed) the journal in {@code dir}. */
    public static AccountJournal open(Path dir) {
        Objects.requireNonNull(dir, "dir");
        return new AccountJournal(SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(ROLL_CYCLE).build());
    }

    /** Appends "these are now all of the user's credentials". */
    public CompletableFuture<Void> appendSaved(AccountRecord r) {
        Objects.requireNonNull(r, "r");
        return append(out -> AccountRecordCodec.writeSaved(out, r));
    }

    /** Appends "the user is gone". */
    public CompletableFuture<Void> appendDeleted(String username) {
        Objects.requireNonNull(username, "username");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("username must not be empty");
        }
        return append(out -> AccountRecordCodec.writeDeleted(out, username));
    }

    private CompletableFuture<Void> append(Consumer<Bytes<?>> encoder) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("account journal closed"));
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
            done.completeExceptionally(new IllegalStateException("account journal closed", e));
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

    /** A new reader positioned at the start of the journal. */
    public Reader reader() {
        if (closed) {
            throw new IllegalStateException("account journal closed");
        }
        return new Reader(queue.createTailer().toStart());
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
                LOG.warn("account journal: appends still pending after {} s; closing anyway", CLOSE_TIMEOUT_SECONDS);
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.shutdownNow();
        }
        queue.close();
    }

    /**
     * Reads the journal from where it last stopped. Not thread-safe: use it from one thread at a time
     * (it may move between threads, e.g. replay on the main thread, then polling on an event loop).
     */
    public static final class Reader implements AutoCloseable {

        private final ExcerptTailer tailer;

        private Reader(ExcerptTailer tailer) {
            this.tailer = tailer;
        }

        /**
         * Delivers every record not yet read, in order, and returns how many were delivered (records this
         * version cannot read are skipped with a warning and not counted). Returns 0 when there is nothing
         * new. A record counts as read before it is delivered, so an exception from the visitor propagates
         * and that record is not delivered again.
         */
        public int readAvailable(Visitor v) {
            Objects.requireNonNull(v, "v");
            tailer.singleThreadedCheckReset(); // Chronicle pins a tailer to one thread; we allow handing it over
            int delivered = 0;
            while (true) {
                AccountRecordCodec.Entry entry;
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return delivered;
                    }
                    entry = AccountRecordCodec.read(dc.wire().bytes());
                }
                if (entry instanceof AccountRecordCodec.Saved s) {
                    delivered++;
                    v.saved(s.record());
                } else if (entry instanceof AccountRecordCodec.Deleted d) {
                    delivered++;
                    v.deleted(d.username());
                }
            }
        }

        @Override
        public void close() {
            tailer.close();
        }
    }
}
