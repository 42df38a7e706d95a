package org.chasqui.pubsub;

import java.util.List;
import java.util.Map;
import org.chasqui.xmpp.jid.Jid;

/**
 * A request to a pubsub service, already translated from its stanza (XEP-0060 §5 to §8). {@code actor}
 * is the requesting entity's full JID (the 'from' of the IQ). Form fields arrive as variable → values.
 */
public sealed interface Command {

    Jid actor();

    /** §8.1: create a node (null id: an instant node, §8.1.2), optionally with a configuration (§8.1.3). */
    record Create(Jid actor, String node, Map<String, List<String>> config) implements Command {
    }

    /** §8.2: the configuration form of a node. */
    record GetConfig(Jid actor, String node) implements Command {
    }

    /** §8.2.5: submit a configuration. */
    record Configure(Jid actor, String node, Map<String, List<String>> config) implements Command {
    }

    /** §8.3: the default configuration of a new leaf or collection. */
    record GetDefaultConfig(Jid actor, NodeType type) implements Command {
    }

    /** §8.4: delete, with an optional redirect URI. */
    record Delete(Jid actor, String node, String redirect) implements Command {
    }

    /** §8.5: purge all items. */
    record Purge(Jid actor, String node) implements Command {
    }

    /**
     * One item to publish: id null → the service assigns one (§7.1.1); {@code payloadNamespace} is the
     * namespace of the payload's root element, checked against pubsub#type (§7.1.3.6; null: not checked).
     */
    record NewItem(String id, String payloadXml, String payloadNamespace) {
        public NewItem(String id, String payloadXml) {
            this(id, payloadXml, null);
        }
    }

    /** §7.1: publish, with optional publish-options (§7.1.5). */
    record Publish(Jid actor, String node, List<NewItem> items, Map<String, List<String>> options) implements Command {
        public Publish {
            items = List.copyOf(items);
        }
    }

    /** §7.2: retract items, notifying subscribers if {@code notify}. */
    record Retract(Jid actor, String node, List<String> itemIds, boolean notifySubscribers) implements Command {
        public Retract {
            itemIds = List.copyOf(itemIds);
        }
    }

    /** §6.1: subscribe {@code jid}, optionally with options (§6.3.7). */
    record Subscribe(Jid actor, String node, Jid jid, Map<String, List<String>> options) implements Command {
    }

    /** §6.2: unsubscribe {@code jid} (one SubID or, if null and only one, that one). */
    record Unsubscribe(Jid actor, String node, Jid jid, String subId) implements Command {
    }

    /** §6.3: the subscription options form. */
    record GetOptions(Jid actor, String node, Jid jid, String subId) implements Command {
    }

    /** §6.3.5: submit subscription options. */
    record SetOptions(Jid actor, String node, Jid jid, String subId, Map<String, List<String>> options) implements Command {
    }

    /** §6.4: the default subscription options, of a node or (node null) of the service. */
    record GetDefaultOptions(Jid actor, String node) implements Command {
    }

    /**
     * §6.5: retrieve items: all, the newest {@code maxItems} (§6.5.7), or by id (§6.5.8); {@code subId}
     * per §6.5.9.1; {@code page} (null: none) pages through what that selects with XEP-0059 (§6.5.4).
     */
    record GetItems(Jid actor, String node, Integer maxItems, List<String> itemIds, String subId,
                    ResultSet.Request page) implements Command {
        public GetItems {
            itemIds = itemIds == null ? List.of() : List.copyOf(itemIds);
        }

        public GetItems(Jid actor, String node, Integer maxItems, List<String> itemIds, String subId) {
            this(actor, node, maxItems, itemIds, subId, null);
        }
    }

    /** §5.6: the actor's subscriptions, on one node or all. */
    record GetSubscriptions(Jid actor, String node) implements Command {
    }

    /** §5.7: the actor's affiliations, on one node or all. */
    record GetAffiliations(Jid actor, String node) implements Command {
    }

    /** §8.8.1: all subscriptions of a node (owner). */
    record GetNodeSubscriptions(Jid actor, String node) implements Command {
    }

    /** One change requested by an owner (§8.8.2). */
    record SubscriptionChange(Jid jid, SubscriptionState state, String subId) {
    }

    /** §8.8.2: modify subscriptions (owner). */
    record SetNodeSubscriptions(Jid actor, String node, List<SubscriptionChange> changes) implements Command {
        public SetNodeSubscriptions {
            changes = List.copyOf(changes);
        }
    }

    /** §8.9.1: all affiliations of a node (owner). */
    record GetNodeAffiliations(Jid actor, String node) implements Command {
    }

    /** §8.9.2: modify affiliations (owner). */
    record SetNodeAffiliations(Jid actor, String node, Map<Jid, Affiliation> changes) implements Command {
        public SetNodeAffiliations {
            changes = Map.copyOf(changes);
        }
    }

    /** §8.6: an owner answers a subscription authorization request. */
    record Authorize(Jid actor, String node, Jid jid, String subId, boolean allow) implements Command {
    }

    /**
     * §8.7: the pending subscription requests of a node (owner), answered with one request per pending
     * subscription (§8.7.4); without a node (§8.7.2), the nodes whose requests the actor may approve.
     */
    record GetPending(Jid actor, String node) implements Command {
    }
}
