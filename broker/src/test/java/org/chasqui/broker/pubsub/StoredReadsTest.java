package org.chasqui.broker.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chasqui.pubsub.Item;
import org.chasqui.pubsub.Payload;
import org.chasqui.pubsub.Reply;
import org.chasqui.xmpp.jid.Jid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where a retrieval's stored payloads are read: never on the service's shard (an event loop). */
class StoredReadsTest {

    private static final Jid PUBLISHER = Jid.parse("hamlet@denmark.lit");

    private final Vertx vertx = Vertx.vertx();
    private final StoredReads reads = new StoredReads(vertx);
    private final Context shard = vertx.getOrCreateContext();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    /** A payload in storage that remembers the thread that read it, or fails its read. */
    private static final class OnDisk implements Payload {
        final String xml;
        final boolean fails;
        volatile Thread readBy;

        OnDisk(String xml, boolean fails) {
            this.xml = xml;
            this.fails = fails;
        }

        @Override
        public String xml() {
            readBy = Thread.currentThread();
            if (fails) {
                throw new IllegalStateException("its file is gone");
            }
            return xml;
        }
    }

    private record Answer(Reply.Items items, Throwable failure, Thread thread, boolean onShard) {
    }

    private Answer detachOnShard(Reply.Items items) throws Exception {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Thread[] shardThread = new Thread[1];
        shard.runOnContext(v -> {
            shardThread[0] = Thread.currentThread();
            reads.detach(items,
                    detached -> answer.complete(new Answer(detached, null, Thread.currentThread(),
                            Vertx.currentContext() == shard)),
                    failure -> answer.complete(new Answer(null, failure, Thread.currentThread(),
                            Vertx.currentContext() == shard)));
        });
        Answer a = answer.get(10, TimeUnit.SECONDS);
        assertThat(a.thread()).as("the answer comes back on the shard's thread").isSameAs(shardThread[0]);
        return a;
    }

    @Test
    void storedPayloadsAreReadOnAWorkerAndTheAnswerComesBackOnTheShard() throws Exception {
        OnDisk first = new OnDisk("<p xmlns='urn:x'>1</p>", false);
        Reply.Items items = new Reply.Items("n", List.of(new Item("1", first, PUBLISHER, 1),
                new Item("2", "<p xmlns='urn:x'>2</p>", PUBLISHER, 2)), null);

        Answer a = detachOnShard(items);

        assertThat(a.onShard()).isTrue();
        assertThat(a.items().items()).extracting(Item::payloadXml)
                .containsExactly("<p xmlns='urn:x'>1</p>", "<p xmlns='urn:x'>2</p>");
        assertThat(a.items().readsStorage()).isFalse();
        assertThat(first.readBy).isNotNull().isNotSameAs(a.thread());
        assertThat(first.readBy.getName()).contains("worker");
    }

    @Test
    void itemsAllOnTheHeapAreAnsweredAtOnceOnTheShard() throws Exception {
        Reply.Items items = new Reply.Items("n", List.of(new Item("1", "<p xmlns='urn:x'>1</p>", PUBLISHER, 1)), null);

        Answer a = detachOnShard(items);

        assertThat(a.items()).isSameAs(items);
    }

    @Test
    void aFailedReadIsReportedOnTheShard() throws Exception {
        Reply.Items items = new Reply.Items("n", List.of(new Item("1", new OnDisk("<p/>", true), PUBLISHER, 1)), null);

        Answer a = detachOnShard(items);

        assertThat(a.failure()).hasMessageContaining("its file is gone");
        assertThat(a.onShard()).isTrue();
    }
}
