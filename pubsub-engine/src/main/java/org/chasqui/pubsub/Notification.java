package org.chasqui.pubsub;

import java.util.List;
import java.util.Objects;
import org.chasqui.xmpp.jid.Jid;

/**
 * What the service must send after a command (XEP-0060 §7.1.2, §7.2.2, §8.2.6, §8.4.2, §8.5.2, §8.6,
 * §8.8.4): one event, rendered once, and the entities that receive it, each with the SubIDs under which
 * it does (for the SHIM header of §12.16 when it has several).
 */
public record Notification(Event event, List<Recipient> recipients, NotificationType type) {

    public Notification {
        Objects.requireNonNull(event, "event");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(type, "type");
    }

    /**
     * One receiving entity; {@code collection} is set when it gets the event through a collection
     * (XEP-0248); {@code includeBody} when it asked for a message body with item events (§12.8).
     */
    public record Recipient(Jid jid, List<String> subIds, String collection, boolean includeBody, long digestMillis) {
        public Recipient {
            subIds = List.copyOf(subIds);
        }

        public Recipient(Jid jid, List<String> subIds, String collection, boolean includeBody) {
            this(jid, subIds, collection, includeBody, 0);
        }

        public Recipient(Jid jid, List<String> subIds, String collection) {
            this(jid, subIds, collection, false, 0);
        }
    }

    /** The event types. */
    public sealed interface Event {
        String node();
    }

    /**
     * §7.1.2: items published; payloads included when {@code withPayloads} (pubsub#deliver_payloads),
     * the publisher's JID on each item when {@code withPublisher} (pubsub#itemreply = publisher, §7.1.2.3).
     * The items are {@link Item#detached() detached}: a notification may wait (digests, §6.3) and is
     * rendered on other threads.
     */
    public record ItemsPublished(String node, List<Item> items, boolean withPayloads, boolean withPublisher) implements Event {
        public ItemsPublished {
            items = Item.detached(items);
        }

        public ItemsPublished(String node, List<Item> items, boolean withPayloads) {
            this(node, items, withPayloads, false);
        }
    }

    /** §7.2.2: items retracted. */
    public record ItemsRetracted(String node, List<String> itemIds) implements Event {
        public ItemsRetracted {
            itemIds = List.copyOf(itemIds);
        }
    }

    /** §8.5.2: the node was purged. */
    public record Purged(String node) implements Event {
    }

    /** §8.4.2: the node was deleted, perhaps with a redirect URI. */
    public record Deleted(String node, String redirect) implements Event {
    }

    /** §8.2.6: the configuration changed ({@code config} null: without payload). */
    /** XEP-0248 §4: {@code child} was associated with (or dissociated from) the collection {@code node}. */
    public record Association(String node, String child, boolean associated) implements Event {
    }

    public record Configured(String node, NodeConfig config) implements Event {
    }

    /** §8.8.4 (and pubsub#notify_sub): a subscription changed state. */
    public record SubscriptionChanged(String node, Jid jid, SubscriptionState state, String subId) implements Event {
    }

    /** §8.6: an owner must approve or deny a subscription request. */
    public record AuthorizationRequest(String node, Jid jid, String subId) implements Event {
    }
}
