package org.chasqui.pubsub;

import java.util.List;
import org.chasqui.xmpp.jid.Jid;

/**
 * One change to a service's state, as journaled. The engine produces them and applies them to itself
 * ({@link PubSubService#apply}), and a replay applies the same records in the same order, so the state
 * after a restart is the state before it. Each record carries the node it concerns.
 */
public sealed interface PubSubRecord {

    String node();

    record NodeCreated(String node, NodeConfig config, Jid creator, long atMillis) implements PubSubRecord {
    }

    record NodeConfigured(String node, NodeConfig config) implements PubSubRecord {
    }

    record NodeDeleted(String node) implements PubSubRecord {
    }

    /** XEP-0060 §8.5: all items gone. */
    record NodePurged(String node) implements PubSubRecord {
    }

    record ItemPublished(String node, Item item) implements PubSubRecord {
    }

    /** Items removed by retraction, expiry or max_items. */
    record ItemsRemoved(String node, List<String> itemIds) implements PubSubRecord {
        public ItemsRemoved {
            itemIds = List.copyOf(itemIds);
        }
    }

    /** The affiliation of a bare JID is now {@code affiliation} (NONE removes it). */
    record AffiliationSet(String node, Jid jid, Affiliation affiliation) implements PubSubRecord {
    }

    /** The subscription with this SubID is now exactly this. */
    record SubscriptionSaved(String node, Subscription subscription) implements PubSubRecord {
    }

    record SubscriptionRemoved(String node, String subId) implements PubSubRecord {
    }
}
