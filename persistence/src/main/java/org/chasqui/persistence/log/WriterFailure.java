package org.chasqui.persistence.log;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first failure of a journal's writer (an append that could not be written, a force that failed),
 * after which the journal takes no more appends. Its owner applied the failed change in memory before
 * appending it, so from then on its state may hold a change the journal does not (and after a failed
 * force at {@code os}, the file may hold records whose appends were reported failed, since a retried
 * force can succeed without writing them): going on would show clients changes a restart takes back. So
 * the journal fails fast from then on and tells its listener once, and the server stops; a restart
 * rebuilds the state from what the journal really holds. Set on the writer thread, read by any.
 */
final class WriterFailure {

    private static final Logger LOG = LoggerFactory.getLogger(WriterFailure.class);

    private final String journal;
    private volatile Throwable cause;
    private volatile Consumer<Throwable> listener = t -> { };

    WriterFailure(String journal) {
        this.journal = journal;
    }

    /** {@code listener} is told (on the writer thread) of the first failure, or at once if it happened. */
    void listen(Consumer<Throwable> listener) {
        this.listener = listener;
        Throwable c = cause;
        if (c != null) {
            listener.accept(c);
        }
    }

    /** Records {@code t} if it is the first failure; the writer thread only. */
    void fail(Throwable t) {
        if (cause != null) {
            return;
        }
        cause = t;
        LOG.error("{}: an append failed; the journal takes no more appends until a restart", journal, t);
        listener.accept(t);
    }

    /** The exception an append is refused with once the writer failed; null before. */
    JournalFailedException refusal() {
        Throwable c = cause;
        return c == null ? null : new JournalFailedException(journal, c);
    }

    /** A journal whose writer failed: it takes no more appends until the server restarts. */
    public static final class JournalFailedException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        JournalFailedException(String journal, Throwable cause) {
            super(journal + ": an earlier append failed (" + cause + "); no more appends until a restart", cause);
        }
    }
}
