package org.chasqui.broker.http.bosh;

import io.vertx.core.Context;

/** {@link BoshScheduler} on one Vert.x context: the event loop that owns the session. */
final class VertxScheduler implements BoshScheduler {

    private final Context context;

    VertxScheduler(Context context) {
        this.context = context;
    }

    @Override
    public long now() {
        return System.nanoTime() / 1_000_000;
    }

    @Override
    public long schedule(long delayMillis, Runnable task) {
        // Vert.x runs a timer on the context that set it: this one, since the session calls from there.
        return context.owner().setTimer(Math.max(1, delayMillis), id -> task.run());
    }

    @Override
    public void cancel(long id) {
        context.owner().cancelTimer(id);
    }

    @Override
    public void soon(Runnable task) {
        context.runOnContext(v -> task.run());
    }
}
