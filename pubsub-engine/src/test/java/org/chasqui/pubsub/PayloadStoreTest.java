package org.chasqui.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.chasqui.xmpp.jid.Jid;
import org.junit.jupiter.api.Test;

/**
 * The engine with a {@link PayloadStore} whose payloads stand for storage: it tells each payload
 * whether it is its node's newest item, and nothing it hands out (replies, notifications) refers to a
 * stored payload.
 */
class PayloadStoreTest {

    private static final Jid SERVICE = Jid.parse("pubsub.shakespeare.lit");
    private static final Jid HAMLET = Jid.parse("hamlet@denmark.lit/elsinore");

    /** A payload "in storage" that counts its reads and remembers whether it is newest. */
    private static final class Recorded implements Payload {
        final String xml;
        boolean newest;
        final AtomicInteger reads = new AtomicInteger();

        Recorded(String xml) {
            this.xml = xml;
        }

        @Override
        public String xml() {
            reads.incrementAndGet();
            return xml;
        }

        @Override
        public void newest(boolean isNewest) {
            newest = isNewest;
        }
    }

    private final List<Recorded> kept = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final PubSubService service = new PubSubService(SERVICE, ServiceLimits.DEFAULTS,
            new ServicePolicy(NodeDefaults.leaf(ServiceLimits.DEFAULTS).toBuilder().maxItems(3)
                    .sendLastPublishedItem(SendLastPublished.ON_SUB_AND_PRESENCE).build(), true, a -> true, false),
            InstantSource.fixed(Instant.parse("2026-11-24T00:00:00Z")), () -> "id" + ids.incrementAndGet(), xml -> {
                Recorded r = new Recorded(xml);
                kept.add(r);
                return r;
            });

    private Outcome publish(String... ids) {
        List<Command.NewItem> items = new ArrayList<>();
        for (String id : ids) {
            items.add(new Command.NewItem(id, "<p xmlns='urn:x'>" + id + "</p>"));
        }
        Outcome o = service.handle(new Command.Publish(HAMLET, "n", items, null), Facts.NONE);
        assertThat(o.error()).isNull();
        return o;
    }

    private Recorded payloadOf(String id) {
        return (Recorded) service.node("n").item(id).payload();
    }

    @Test
    void onlyTheNewestItemOfANodeIsMarkedNewest() {
        publish("a");
        assertThat(payloadOf("a").newest).isTrue();
        publish("b", "c");
        assertThat(payloadOf("a").newest).isFalse();
        assertThat(payloadOf("b").newest).isFalse();
        assertThat(payloadOf("c").newest).isTrue();

        service.handle(new Command.Retract(HAMLET, "n", List.of("c"), false), Facts.NONE);
        assertThat(payloadOf("b").newest).as("the one before the retracted newest").isTrue();
        assertThat(service.node("n").lastItem().id()).isEqualTo("b");

        publish("a"); // a re-published id moves to the end
        assertThat(payloadOf("a").newest).isTrue();
        assertThat(payloadOf("b").newest).isFalse();
        assertThat(kept.stream().filter(r -> r.newest).count()).as("of every payload ever kept").isEqualTo(1);

        publish("d", "e", "f"); // max_items 3: "b" and "a" are dropped
        assertThat(service.node("n").items()).extracting(Item::id).containsExactly("d", "e", "f");
        assertThat(payloadOf("f").newest).isTrue();
        assertThat(kept.stream().filter(r -> r.newest).count()).isEqualTo(1);

        service.handle(new Command.Purge(HAMLET, "n"), Facts.NONE);
        assertThat(service.node("n").lastItem()).isNull();
        assertThat(kept).noneMatch(r -> r.newest);
    }

    @Test
    void repliesAndNotificationsCarryTheXmlNotTheStoredPayload() {
        publish("a", "b");
        Outcome o = service.handle(new Command.Subscribe(HAMLET, "n", HAMLET, null), Facts.NONE);
        assertThat(o.error()).isNull();
        Notification.ItemsPublished lastOnSubscribe = (Notification.ItemsPublished) o.notifications().get(0).event(); // §6.1.7
        assertThat(lastOnSubscribe.items()).singleElement().matches(i -> i.payload() instanceof Payload.Inline)
                .extracting(Item::payloadXml).isEqualTo("<p xmlns='urn:x'>b</p>");

        Outcome published = publish("c");
        Notification.ItemsPublished event = (Notification.ItemsPublished) published.notifications().get(0).event();
        assertThat(event.items()).allMatch(i -> i.payload() instanceof Payload.Inline);
        assertThat(event.items().get(0).payloadXml()).isEqualTo("<p xmlns='urn:x'>c</p>");

        // a retrieval leaves the reads to its renderer, which does them off the shard (detached())
        int readsBefore = payloadOf("a").reads.get();
        Reply.Items stored = (Reply.Items) service.handle(new Command.GetItems(HAMLET, "n", null, null, null), Facts.NONE).reply();
        assertThat(stored.readsStorage()).isTrue();
        assertThat(payloadOf("a").reads.get()).as("the command itself reads no storage").isEqualTo(readsBefore);
        Reply.Items items = stored.detached();
        assertThat(items.readsStorage()).isFalse();
        assertThat(items.detached()).isSameAs(items);
        assertThat(items.items()).allMatch(i -> i.payload() instanceof Payload.Inline);
        assertThat(items.items()).extracting(Item::payloadXml)
                .containsExactly("<p xmlns='urn:x'>a</p>", "<p xmlns='urn:x'>b</p>", "<p xmlns='urn:x'>c</p>");
        List<Notification> onPresence = service.lastItemsFor(HAMLET, Facts.NONE); // XEP-0163 §4.3.4
        assertThat(onPresence).singleElement().matches(n -> ((Notification.ItemsPublished) n.event()).items().get(0).payload()
                instanceof Payload.Inline);

        int readsOfA = payloadOf("a").reads.get();
        items.items().get(0).payloadXml();
        assertThat(payloadOf("a").reads.get()).as("rendering the reply reads no storage").isEqualTo(readsOfA);

    }
}
