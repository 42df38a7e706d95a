package org.chasqui.broker.users;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import org.chasqui.persistence.snapshot.Coverage;

/**
 * The owners of user state: each account (by localpart) belongs to one of a fixed set of Vert.x
 * event-loop contexts, chosen by hash. Everything that reads or changes a user's roster, pending
 * requests, offline queue, block list or vCard runs on that context, so no lock is needed and the
 * changes of one user are applied in one order.
 */
public final class UserShards {

    private final Context[] contexts;

    public UserShards(Vertx vertx, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive");
        }
        contexts = new Context[count];
        for (int i = 0; i < count; i++) {
            contexts[i] = ((VertxInternal) vertx).createEventLoopContext();
        }
    }

    /** Runs {@code task} on the user's shard (at once if already there). */
    public void run(String user, Runnable task) {
        Context context = contextOf(user);
        if (Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }

    /**
     * Queues {@code task} on the user's shard, also when called from it: continuations that must keep
     * the order in which their causes completed (journal appends) use this, so one that is ready at
     * once never overtakes one queued a moment earlier.
     */
    public void runLater(String user, Runnable task) {
        contextOf(user).runOnContext(v -> task.run());
    }

    /** True when the caller runs on the user's shard. */
    public boolean isOn(String user) {
        return Vertx.currentContext() == contextOf(user);
    }

    /** How many shards there are. */
    public int count() {
        return contexts.length;
    }

    /** The shard that owns {@code key}: the rule journal snapshots count records by ({@link Coverage}). */
    public int shardOf(String key) {
        return Coverage.shardOf(key, contexts.length);
    }

    /** Queues {@code task} on shard {@code shard} (0 to {@link #count()} - 1). */
    public void runOn(int shard, Runnable task) {
        contexts[shard].runOnContext(v -> task.run());
    }

    private Context contextOf(String user) {
        return contexts[shardOf(user)];
    }
}
