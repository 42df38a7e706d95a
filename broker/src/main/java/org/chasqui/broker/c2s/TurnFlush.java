package org.chasqui.broker.c2s;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP connections of one event loop that gathered output during the current turn, written by one
 * task queued behind the turn's other tasks. A fan-out touches hundreds of connections per loop in one
 * turn; one flush task for all of them, instead of one each, keeps the loop's task queue out of the
 * per-notification cost. Confined to its event loop's thread.
 */
final class TurnFlush {

    private static final Logger LOG = LoggerFactory.getLogger(TurnFlush.class);
    private static final ThreadLocal<TurnFlush> OF_THIS_LOOP = ThreadLocal.withInitial(TurnFlush::new);

    private List<Runnable> due = new ArrayList<>();
    private List<Runnable> spare = new ArrayList<>();

    private TurnFlush() {
    }

    /**
     * Runs {@code flush} after the tasks already queued on {@code context}'s loop. Called on that loop,
     * flushes of every connection share one task; from any other thread, the flush is its own task.
     */
    static void schedule(Context context, Runnable flush) {
        if (Vertx.currentContext() != context || !Context.isOnEventLoopThread()) {
            context.runOnContext(v -> flush.run());
            return;
        }
        TurnFlush turn = OF_THIS_LOOP.get();
        if (turn.due.isEmpty()) {
            context.runOnContext(v -> turn.runDue());
        }
        turn.due.add(flush);
    }

    private void runDue() {
        List<Runnable> now = due;
        due = spare; // a flush that schedules again lands in the next turn's list
        for (Runnable flush : now) {
            try {
                flush.run();
            } catch (RuntimeException e) {
                LOG.error("flushing a connection's output failed", e); // the others still get theirs
            }
        }
        now.clear();
        spare = now;
    }
}
