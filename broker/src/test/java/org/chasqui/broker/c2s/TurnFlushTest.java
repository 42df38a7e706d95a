package org.chasqui.broker.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TurnFlushTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void flushesScheduledInOneTurnRunTogetherAfterTheTasksAlreadyQueued() throws Exception {
        Context context = vertx.getOrCreateContext();
        List<String> order = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            TurnFlush.schedule(context, () -> order.add("flush a"));
            context.runOnContext(w -> order.add("task queued after the first flush"));
            TurnFlush.schedule(context, () -> order.add("flush b"));
            TurnFlush.schedule(context, () -> {
                throw new IllegalStateException("a broken connection");
            });
            TurnFlush.schedule(context, () -> order.add("flush c"));
            order.add("turn ends");
            context.runOnContext(w -> done.complete(null));
        });
        done.get(10, TimeUnit.SECONDS);
        // one task for the turn, queued by the first flush: a, b and c run together in it, ahead of
        // what was queued after that first flush, and a failing flush does not stop the others
        assertThat(order).containsExactly("turn ends", "flush a", "flush b", "flush c",
                "task queued after the first flush");
    }

    @Test
    void aFlushScheduledDuringTheFlushesRunsInTheNextTask() throws Exception {
        Context context = vertx.getOrCreateContext();
        List<String> order = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> TurnFlush.schedule(context, () -> {
            order.add("first");
            TurnFlush.schedule(context, () -> {
                order.add("second");
                done.complete(null);
            });
        }));
        done.get(10, TimeUnit.SECONDS);
        assertThat(order).containsExactly("first", "second");
    }

    @Test
    void fromAnotherThreadTheFlushRunsOnTheContext() throws Exception {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Boolean> onLoop = new CompletableFuture<>();
        TurnFlush.schedule(context, () -> onLoop.complete(Vertx.currentContext() == context));
        assertThat(onLoop.get(10, TimeUnit.SECONDS)).isTrue();
    }
}
