package org.chasqui.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One selector thread. Each {@link XmppConnection} belongs to one loop and is touched only on it;
 * other threads hand it work with {@link #execute}. Latencies measured by receivers on this loop go
 * into its own {@link Histogram}, merged after a run.
 */
final class IoLoop implements AutoCloseable {

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private volatile boolean running = true;
    /** Receive latencies measured on this loop; replaced by {@link #takeLatency}. */
    private Histogram latency = new Histogram();
    final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);

    IoLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on this loop (now, if already on it). */
    void execute(Runnable task) {
        if (inLoop()) {
            task.run();
            return;
        }
        tasks.add(task);
        if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Records a latency; on this loop only. */
    void recordLatency(long micros) {
        latency.record(micros);
    }

    /** This loop's histogram since the last call, taken on the loop, and a fresh one in its place. */
    Histogram takeLatency() {
        java.util.concurrent.CompletableFuture<Histogram> f = new java.util.concurrent.CompletableFuture<>();
        execute(() -> {
            f.complete(latency);
            latency = new Histogram();
        });
        return f.join();
    }

    private void run() {
        while (running) {
            try {
                selector.select(100);
                wakeupPending.set(false);
                for (SelectionKey key : selector.selectedKeys()) {
                    XmppConnection c = (XmppConnection) key.attachment();
                    try {
                        c.ready(key);
                    } catch (RuntimeException | IOException e) {
                        c.failed(e.toString());
                    }
                }
                selector.selectedKeys().clear();
                Runnable t;
                while ((t = tasks.poll()) != null) {
                    t.run();
                }
            } catch (IOException | RuntimeException e) {
                System.err.println(thread.getName() + ": " + e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
            selector.close();
        } catch (IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
