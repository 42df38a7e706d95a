package org.chasqui.broker.testing;

import java.nio.file.Path;
import java.time.Duration;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.chasqui.persistence.log.ChronicleLog;
import org.chasqui.persistence.log.JournalRoll;

/**
 * Holds a running server's journal still, without a hook in the server: Chronicle Queue has one write
 * lock per queue directory, in its {@code metadata.cq4t}, shared by every queue instance on that
 * directory (another process's or this one's). This opens a second queue on the directory and starts a
 * document, which takes that lock; the journal's writer thread then waits in its next append until
 * {@link #close()} rolls the document back, so nothing of it is ever written.
 *
 * <p>Keep the hold short. A writer that waits longer than {@link #WRITER_TIMEOUT} does not keep
 * waiting, and the lock is not broken either: since the holder (this process) is alive, Chronicle fails
 * that append with an {@code UnrecoverableTimeoutException} ({@code queue.force.unlock.mode}
 * {@code LOCKING_PROCESS_DEAD}, the default), which the server reports as an error; the next append
 * works. {@link #close()} fails the test if the hold came near that limit.
 */
public final class HeldJournal implements AutoCloseable {

    /**
     * How long a Chronicle writer waits for the lock: in Chronicle Queue 2026.4 the append lock gets
     * 3/2 of {@code SingleChronicleQueueBuilder.timeoutMS()}, 10 s when not set (as {@link ChronicleLog}
     * leaves it). Measured: an append behind a held lock failed after 15,037 ms.
     */
    private static final Duration WRITER_TIMEOUT = Duration.ofSeconds(15);
    /** The longest hold {@link #close()} accepts, well under {@link #WRITER_TIMEOUT}. */
    private static final Duration LONGEST_HOLD = Duration.ofSeconds(10);

    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final DocumentContext document;
    private final long heldSince = System.nanoTime();

    private HeldJournal(SingleChronicleQueue queue, ExcerptAppender appender, DocumentContext document) {
        this.queue = queue;
        this.appender = appender;
        this.document = document;
    }

    /** Takes the write lock of the journal in {@code dir}; release it with {@link #close()} on the same thread. */
    public static HeldJournal hold(Path dir) {
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile())
                .rollCycle(JournalRoll.of(dir, JournalRoll.DAILY).cycle()).build(); // the directory's own roll
        ExcerptAppender appender = null;
        try {
            appender = queue.createAppender();
            return new HeldJournal(queue, appender, appender.writingDocument());
        } catch (RuntimeException | Error e) {
            if (appender != null) {
                appender.close();
            }
            queue.close();
            throw e;
        }
    }

    /** Rolls the empty document back (nothing is written) and so releases the lock. */
    @Override
    public void close() {
        Duration held = Duration.ofNanos(System.nanoTime() - heldSince);
        try {
            document.rollbackOnClose();
            document.close();
        } finally {
            appender.close();
            queue.close();
        }
        if (held.compareTo(LONGEST_HOLD) > 0) {
            throw new AssertionError("the journal was held " + held.toMillis() + " ms, close to the "
                    + WRITER_TIMEOUT.toMillis() + " ms after which Chronicle fails the server's waiting append");
        }
    }
}
