package org.chasqui.broker.routing;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups the work one thread hands to other event loops while it fans a stanza out, so that each
 * target loop gets one task carrying all of its deliveries rather than one task per recipient (a
 * cross-thread queue offer and wake-up each). Used around a notification's fan-out:
 * {@code HandOffs.during(() -> ...)}; inside, {@link #submit} gathers, outside it submits at once.
 * The tasks for one loop keep their order, and each loop's batch is queued when the fan-out ends,
 * before anything the same thread hands over afterwards.
 */
public final class HandOffs {

    private static final Logger LOG = LoggerFactory.getLogger(HandOffs.class);
    private static final ThreadLocal<Map<Context, List<Runnable>>> GATHERING = new ThreadLocal<>();

    private HandOffs() {
    }

    /** Runs {@code fanOut}, then gives every target loop its gathered tasks as one task. */
    public static void during(Runnable fanOut) {
        if (GATHERING.get() != null) {
            fanOut.run(); // nested: the outer scope submits
            return;
        }
        Map<Context, List<Runnable>> gathered = new IdentityHashMap<>();
        GATHERING.set(gathered);
        try {
            fanOut.run();
        } finally {
            GATHERING.remove();
            gathered.forEach((context, tasks) -> context.runOnContext(v -> runAll(tasks)));
        }
    }

    /** One failing delivery must not cost the others theirs. */
    private static void runAll(List<Runnable> tasks) {
        for (Runnable task : tasks) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("a delivery failed", e);
            }
        }
    }

    /** Runs {@code task} on {@code context}: gathered inside {@link #during}, else queued at once. */
    public static void submit(Context context, Runnable task) {
        Map<Context, List<Runnable>> gathering = GATHERING.get();
        if (gathering == null) {
            context.runOnContext(v -> task.run());
        } else {
            gathering.computeIfAbsent(context, c -> new ArrayList<>()).add(task);
        }
    }
}
