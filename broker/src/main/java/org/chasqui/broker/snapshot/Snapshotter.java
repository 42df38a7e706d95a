package org.chasqui.broker.snapshot;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.chasqui.broker.accounts.AccountService;
import org.chasqui.broker.pubsub.PubSubServices;
import org.chasqui.broker.users.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes snapshots of the three journals, one journal after the other, one snapshot at a time. The
 * state is collected on its owners (user shards, the account index) and written by one worker
 * thread of its own, never on an event loop.
 */
public final class Snapshotter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);

    private final AccountService accounts;
    private final UserStore users;
    private final PubSubServices pubsub;
    private final int keep;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "chasqui-snapshot");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Void> running = CompletableFuture.completedFuture(null);

    public Snapshotter(AccountService accounts, UserStore users, PubSubServices pubsub, int keep) {
        this.accounts = accounts;
        this.users = users;
        this.pubsub = pubsub;
        this.keep = keep;
    }

    /**
     * Starts a snapshot of every journal, or returns the one under way; completes when all are
     * written (exceptionally if one failed: the journals are untouched then, and the next try starts
     * afresh).
     */
    public synchronized CompletableFuture<Void> snapshot() {
        if (!running.isDone()) {
            return running;
        }
        long started = System.nanoTime();
        running = CompletableFuture.runAsync(() -> accounts.snapshot(keep), worker)
                .thenCompose(v -> users.snapshot(keep, worker))
                .thenCompose(v -> pubsub.snapshot(keep, worker))
                .handle((v, failure) -> {
                    if (failure != null) {
                        LOG.error("snapshot failed; the journals are kept whole", failure);
                        throw new IllegalStateException("snapshot failed", failure);
                    }
                    LOG.info("snapshots of accounts, users and pubsub written in {} ms",
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    return null;
                });
        return running;
    }

    /** Waits for a snapshot under way (up to a minute), then stops the worker. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(60, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }
}
