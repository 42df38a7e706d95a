package org.chasqui.pubsub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chasqui.xmpp.jid.Jid;

/**
 * One node's state, owned by the service's shard. Items are kept in publication order (a re-published
 * id moves to the end); affiliations are by bare JID (XEP-0060 §4.1); subscriptions by SubID.
 */
public final class Node {

    private final String id;
    private NodeConfig config;
    private final Jid creator;
    private final long createdAtMillis;
    final Map<Jid, Affiliation> affiliations = new LinkedHashMap<>();
    final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    final LinkedHashMap<String, Item> items = new LinkedHashMap<>();
    /** The last entry of {@link #items}, kept by {@link ServiceState}. */
    Item newest;

    Node(String id, NodeConfig config, Jid creator, long createdAtMillis) {
        this.id = id;
        this.config = config;
        this.creator = creator;
        this.createdAtMillis = createdAtMillis;
    }

    public String id() {
        return id;
    }

    public NodeConfig config() {
        return config;
    }

    void config(NodeConfig c) {
        config = c;
    }

    public Jid creator() {
        return creator;
    }

    public long createdAtMillis() {
        return createdAtMillis;
    }

    public boolean isCollection() {
        return config.nodeType() == NodeType.COLLECTION;
    }

    /** XEP-0060 §4.1: the affiliation of an entity (by its bare JID), NONE if it has none. */
    public Affiliation affiliation(Jid entity) {
        return affiliations.getOrDefault(entity.bare(), Affiliation.NONE);
    }

    public Map<Jid, Affiliation> affiliations() {
        return Collections.unmodifiableMap(affiliations);
    }

    public List<Jid> owners() {
        List<Jid> out = new ArrayList<>();
        affiliations.forEach((jid, a) -> {
            if (a == Affiliation.OWNER) {
                out.add(jid);
            }
        });
        return out;
    }

    public Map<String, Subscription> subscriptions() {
        return Collections.unmodifiableMap(subscriptions);
    }

    /** The subscriptions of exactly this JID (XEP-0060 §6.1.6: bare and full JIDs are different subscribers). */
    public List<Subscription> subscriptionsOf(Jid jid) {
        List<Subscription> out = new ArrayList<>();
        for (Subscription s : subscriptions.values()) {
            if (s.jid().equals(jid)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Items oldest first. */
    public List<Item> items() {
        return List.copyOf(items.values());
    }

    public Item item(String itemId) {
        return items.get(itemId);
    }

    /** The newest item, or null. */
    public Item lastItem() {
        return newest;
    }
}
