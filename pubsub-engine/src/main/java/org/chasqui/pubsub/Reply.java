package org.chasqui.pubsub;

import java.util.List;
import org.chasqui.xmpp.jid.Jid;

/** The IQ result of a successful command, as data; the broker renders it (XEP-0060 examples). */
public sealed interface Reply {

    /** An empty IQ result. */
    record Done() implements Reply {
    }

    /** §8.1.2: the node created (the service names instant nodes). */
    record Created(String node) implements Reply {
    }

    /** §8.2.1 / §8.3: a configuration form (node null for the default configuration). */
    record ConfigForm(String node, NodeConfig config) implements Reply {
    }

    /** §7.1.2: the ids of the published items. */
    record Published(String node, List<String> itemIds) implements Reply {
    }

    /** §6.1.2: the subscription, and whether options must still be configured (§6.1.5). */
    record Subscribed(String node, Subscription subscription, boolean configurationRequired) implements Reply {
    }

    /** §6.3.2: a subscription's options form. */
    record OptionsForm(String node, Jid jid, String subId, SubscriptionOptions options) implements Reply {
    }

    /** §6.4.2: the default subscription options (node null: the service's). */
    record DefaultOptions(String node, SubscriptionOptions options) implements Reply {
    }

    /**
     * §6.5: items, oldest first (XEP-0060 leaves the order open; RSM paging relies on a stable one);
     * {@code page} describes the page when the request asked for one (XEP-0059, §6.5.4), else null;
     * {@code withPublisher}: each item names its publisher (pubsub#itemreply = publisher, §7.1.2.3).
     * The items are the node's own: a stored payload is read when the reply is rendered, which may be
     * on another thread and after the command. So that a read from storage, which may wait for the disk,
     * does not run on the service's shard, a renderer asks {@link #readsStorage()} and, if so, makes a
     * {@link #detached()} copy elsewhere first.
     */
    record Items(String node, List<Item> items, String subId, ResultSet.Info page, boolean withPublisher) implements Reply {
        public Items {
            items = List.copyOf(items);
        }

        /** Whether rendering these items would read some payload from storage. */
        public boolean readsStorage() {
            for (Item i : items) {
                if (i.payload() != null && !i.payload().onHeap()) {
                    return true;
                }
            }
            return false;
        }

        /** These items with every payload read onto the heap (this reply itself if nothing is stored). */
        public Items detached() {
            return readsStorage() ? new Items(node, Item.detached(items), subId, page, withPublisher) : this;
        }

        public Items(String node, List<Item> items, String subId) {
            this(node, items, subId, null, false);
        }
    }

    /** A subscription on a node, for §5.6 and §8.8.1. */
    record NodeSubscription(String node, Subscription subscription) {
    }

    /** §5.6 / §8.8.1: subscriptions (node null: across the service). */
    record Subscriptions(String node, List<NodeSubscription> subscriptions) implements Reply {
    }

    /** §8.7.2: the nodes whose subscription requests the actor may approve, for the get-pending form. */
    record PendingNodes(List<String> nodes) implements Reply {
        public PendingNodes {
            nodes = List.copyOf(nodes);
        }
    }

    /** An affiliation on a node, for §5.7 and §8.9.1. */
    record NodeAffiliation(String node, Jid jid, Affiliation affiliation) {
    }

    /** §5.7 / §8.9.1: affiliations (node null: across the service). */
    record Affiliations(String node, List<NodeAffiliation> affiliations) implements Reply {
    }
}
