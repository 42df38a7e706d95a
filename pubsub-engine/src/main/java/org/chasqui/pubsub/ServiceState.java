package org.chasqui.pubsub;

import java.util.LinkedHashMap;
import java.util.Map;
import org.chasqui.pubsub.PubSubRecord.AffiliationSet;
import org.chasqui.pubsub.PubSubRecord.ItemPublished;
import org.chasqui.pubsub.PubSubRecord.ItemsRemoved;
import org.chasqui.pubsub.PubSubRecord.NodeConfigured;
import org.chasqui.pubsub.PubSubRecord.NodeCreated;
import org.chasqui.pubsub.PubSubRecord.NodeDeleted;
import org.chasqui.pubsub.PubSubRecord.NodePurged;
import org.chasqui.pubsub.PubSubRecord.SubscriptionRemoved;
import org.chasqui.pubsub.PubSubRecord.SubscriptionSaved;

/** The nodes of one service and the one place records change them (live and on replay). */
final class ServiceState {

    final Map<String, Node> nodes = new LinkedHashMap<>();

    Node node(String id) {
        return id == null ? null : nodes.get(id);
    }

    /**
     * Tracks the node's newest item and tells the payloads (see {@link Payload#newest}): a stored
     * payload keeps a heap copy of its node's newest item only.
     */
    private static void newest(Node n, Item item) {
        Item before = n.newest;
        n.newest = item;
        if (before != item) {
            if (before != null && before.payload() != null) {
                before.payload().newest(false);
            }
            if (item != null && item.payload() != null) {
                item.payload().newest(true);
            }
        }
    }

    void apply(PubSubRecord r) {
        if (r instanceof NodeCreated c) {
            Node n = new Node(c.node(), c.config(), c.creator(), c.atMillis());
            n.affiliations.put(c.creator().bare(), Affiliation.OWNER); // XEP-0060 §8.1: the creator owns it
            nodes.put(c.node(), n);
            return;
        }
        Node n = nodes.get(r.node());
        if (n == null) {
            return; // a record for a node deleted later in the same batch; nothing to do
        }
        if (r instanceof NodeConfigured c) {
            n.config(c.config());
        } else if (r instanceof NodeDeleted) {
            nodes.remove(r.node());
        } else if (r instanceof NodePurged) {
            n.items.clear();
            newest(n, null);
        } else if (r instanceof ItemPublished p) {
            n.items.remove(p.item().id()); // a re-published id moves to the end (newest)
            n.items.put(p.item().id(), p.item());
            newest(n, p.item());
        } else if (r instanceof ItemsRemoved x) {
            x.itemIds().forEach(n.items::remove);
            if (n.newest != null && !n.items.containsKey(n.newest.id())) {
                Item last = null;
                for (Item i : n.items.values()) {
                    last = i;
                }
                newest(n, last);
            }
        } else if (r instanceof AffiliationSet a) {
            if (a.affiliation() == Affiliation.NONE) {
                n.affiliations.remove(a.jid().bare());
            } else {
                n.affiliations.put(a.jid().bare(), a.affiliation());
            }
        } else if (r instanceof SubscriptionSaved s) {
            n.subscriptions.put(s.subscription().subId(), s.subscription());
        } else if (r instanceof SubscriptionRemoved s) {
            n.subscriptions.remove(s.subId());
        }
    }
}
