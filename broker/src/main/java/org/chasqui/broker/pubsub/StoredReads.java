package org.chasqui.broker.pubsub;

import io.vertx.core.Vertx;
import java.util.function.Consumer;
import org.chasqui.pubsub.Reply;

/**
 * Reads the stored payloads of a retrieval (XEP-0060 §6.5) on a Vert.x worker instead of the service's
 * shard. Payloads other than each node's newest are read from memory-mapped journal and snapshot files;
 * a resident page costs a microsecond or two, but a page the kernel evicted is a disk read, 0.4 ms on
 * average and up to tens of milliseconds at worst on the machine we measured (ColdPageBench), and the
 * shard is an event loop that also serves connections and fan-out. So a retrieval whose items are all on
 * the heap is answered on the shard as before, and one that would read storage is read here first.
 *
 * <p>The worker reads after the command; a snapshot may move a payload meanwhile, which its read
 * follows. An item retracted in that instant whose file a snapshot then deleted cannot be read: the
 * caller is told ({@code failed}) and answers by running the retrieval again, reading on the shard.
 */
public final class StoredReads {

    private final Vertx vertx;

    public StoredReads(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * On the service's shard (a Vert.x context): {@code then} gets {@code items} with their payloads on
     * the heap, back on the shard; at once if nothing is stored, else after a worker read them.
     */
    public void detach(Reply.Items items, Consumer<Reply.Items> then, Consumer<Throwable> failed) {
        if (!items.readsStorage()) {
            then.accept(items);
            return;
        }
        // unordered: retrievals read in parallel; the result comes back on the calling context
        vertx.executeBlocking(items::detached, false).onComplete(done -> {
            if (done.succeeded()) {
                then.accept(done.result());
            } else {
                failed.accept(done.cause());
            }
        });
    }
}
