package org.chasqui.pubsub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chasqui.pubsub.Command.Configure;
import org.chasqui.pubsub.Command.Create;
import org.chasqui.pubsub.Command.Delete;
import org.chasqui.pubsub.Command.GetConfig;
import org.chasqui.pubsub.Command.GetNodeAffiliations;
import org.chasqui.pubsub.Command.Purge;
import org.chasqui.pubsub.Command.SetNodeAffiliations;
import org.chasqui.pubsub.PubSubRecord.AffiliationSet;
import org.chasqui.pubsub.PubSubRecord.NodeConfigured;
import org.chasqui.pubsub.PubSubRecord.NodeCreated;
import org.chasqui.pubsub.PubSubRecord.NodeDeleted;
import org.chasqui.pubsub.PubSubRecord.NodePurged;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;

/** XEP-0060 §8: creating, configuring, deleting and purging nodes, and managing affiliations. */
final class OwnerOps {

    private final Context ctx;
    private final Recipients recipients;

    OwnerOps(Context ctx, Recipients recipients) {
        this.ctx = ctx;
        this.recipients = recipients;
    }

    /** §8.1.1 / §8.1.2 (instant) / §8.1.3 (create-and-configure). */
    Outcome create(Create c, Facts facts) {
        if (!ctx.mayCreate(c.actor())) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.FORBIDDEN)); // §8.1.3.2
        }
        String id = c.node();
        if (id != null && ctx.state().node(id) != null) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.CONFLICT)); // §8.1.1 (node exists)
        }
        if (id != null && id.isEmpty()) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.NODEID_REQUIRED));
        }
        if (ownedBy(c.actor()) >= ctx.limits().maxNodesPerOwner()) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.NOT_ALLOWED, PubSubCondition.MAX_NODES_EXCEEDED));
        }
        NodeConfig config = ctx.leafDefaults();
        if (c.config() != null) {
            List<String> type = c.config().get(ConfigField.NODE_TYPE.var());
            NodeConfig base = ctx.defaults(type != null && type.equals(List.of("collection")) ? NodeType.COLLECTION : NodeType.LEAF);
            ConfigForms.Applied applied = ConfigForms.apply(base, c.config(), ctx.limits());
            if (applied.error() != null) {
                return Outcome.fail(applied.error());
            }
            config = applied.config();
        }
        PubSubError parents = checkParents(config, c.actor());
        if (parents != null) {
            return Outcome.fail(parents);
        }
        String nodeId = id != null ? id : uniqueId();
        Changes changes = new Changes(ctx.state());
        changes.record(new NodeCreated(nodeId, config, c.actor().bare(), ctx.now()));
        associations(nodeId, List.of(), config.collections(), changes, facts);
        // §8.1.2: the reply names an instant node; naming it always is allowed and harmless
        return changes.ok(new Reply.Created(nodeId));
    }

    /** §8.2.1: the configuration form. */
    Outcome getConfig(GetConfig c) {
        Node node = ctx.state().node(c.node());
        PubSubError e = ownerCheck(node, c.actor(), c.node());
        return e != null ? Outcome.fail(e) : Outcome.ok(new Reply.ConfigForm(node.id(), node.config()));
    }

    /** §8.2.5: apply a submitted form; §8.2.6: notify subscribers if pubsub#notify_config. */
    Outcome configure(Configure c, Facts facts) {
        Node node = ctx.state().node(c.node());
        PubSubError e = ownerCheck(node, c.actor(), c.node());
        if (e != null) {
            return Outcome.fail(e);
        }
        ConfigForms.Applied applied = ConfigForms.apply(node.config(), c.config(), ctx.limits());
        if (applied.error() != null) {
            return Outcome.fail(applied.error());
        }
        NodeConfig next = applied.config();
        if (next.nodeType() != node.config().nodeType()) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.NOT_ACCEPTABLE).withText("the node type cannot change"));
        }
        PubSubError parents = checkParents(next, c.actor());
        if (parents != null) {
            return Outcome.fail(parents);
        }
        Changes changes = new Changes(ctx.state());
        List<String> parentsBefore = node.config().collections();
        changes.record(new NodeConfigured(node.id(), next));
        associations(node.id(), parentsBefore, next.collections(), changes, facts);
        trimItems(node, changes);
        if (next.notifyConfig()) {
            changes.notify(new Notification.Configured(node.id(), next.deliverPayloads() ? next : null),
                    recipients.forNodeEvents(node, facts, ctx.now()), next.notificationType());
        }
        return changes.ok(new Reply.Done());
    }

    /** §8.4: delete, telling subscribers (pubsub#notify_delete) with the optional redirect. */
    Outcome delete(Delete c, Facts facts) {
        Node node = ctx.state().node(c.node());
        PubSubError e = ownerCheck(node, c.actor(), c.node());
        if (e != null) {
            return Outcome.fail(e);
        }
        Changes changes = new Changes(ctx.state());
        List<Notification.Recipient> to = recipients.forNodeEvents(node, facts, ctx.now());
        if (node.config().notifyDelete()) {
            changes.notify(new Notification.Deleted(node.id(), c.redirect()), to, node.config().notificationType());
        }
        associations(node.id(), node.config().collections(), List.of(), changes, facts);
        changes.record(new NodeDeleted(node.id()));
        return changes.ok(new Reply.Done());
    }

    /** §8.5: purge all items; notified when the node notifies retractions. */
    Outcome purge(Purge c, Facts facts) {
        if (c.node() == null) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.NODEID_REQUIRED));
        }
        Node node = ctx.state().node(c.node());
        if (node == null) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND)); // §8.5.3.4
        }
        if (!Permissions.allows(node.affiliation(c.actor()), Permissions.Action.PURGE)) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.FORBIDDEN)); // §8.5.3.2
        }
        if (node.isCollection() || !node.config().persistItems()) {
            // §8.5.3.3 names the collection as its example: persistent-items, not purge-nodes (§8.5.3.1)
            return Outcome.fail(PubSubError.unsupported("persistent-items"));
        }
        Changes changes = new Changes(ctx.state());
        changes.record(new NodePurged(node.id()));
        if (node.config().notifyRetract()) {
            changes.notify(new Notification.Purged(node.id()), recipients.forNodeEvents(node, facts, ctx.now()),
                    node.config().notificationType());
        }
        return changes.ok(new Reply.Done());
    }

    /** §8.9.1: every affiliation of the node. */
    Outcome affiliations(GetNodeAffiliations c) {
        Node node = ctx.state().node(c.node());
        PubSubError e = ownerCheck(node, c.actor(), c.node());
        if (e != null) {
            return Outcome.fail(e);
        }
        List<Reply.NodeAffiliation> out = new ArrayList<>();
        node.affiliations().forEach((jid, a) -> out.add(new Reply.NodeAffiliation(node.id(), jid, a)));
        return Outcome.ok(new Reply.Affiliations(node.id(), out));
    }

    /**
     * §8.9.2: modify affiliations. Entries that would leave the node without an owner fail (§8.9.2.4)
     * and are returned with their current affiliation; the others are applied. An outcast loses its
     * subscriptions (§4.1: an outcast may not be subscribed), a new owner, publisher or member has its
     * pending requests approved (§8.7.4), and each subscriber is told of its new state (§12.14).
     */
    Outcome setAffiliations(SetNodeAffiliations c) {
        Node node = ctx.state().node(c.node());
        PubSubError e = ownerCheck(node, c.actor(), c.node());
        if (e != null) {
            return Outcome.fail(e);
        }
        Map<Jid, Affiliation> after = new LinkedHashMap<>(node.affiliations());
        c.changes().forEach((jid, a) -> {
            if (a == Affiliation.NONE) {
                after.remove(jid.bare());
            } else {
                after.put(jid.bare(), a);
            }
        });
        boolean ownerLeft = after.containsValue(Affiliation.OWNER);
        Changes changes = new Changes(ctx.state());
        List<Reply.NodeAffiliation> failed = new ArrayList<>();
        for (Map.Entry<Jid, Affiliation> change : c.changes().entrySet()) {
            Jid jid = change.getKey().bare();
            boolean demotesOwner = node.affiliation(jid) == Affiliation.OWNER && change.getValue() != Affiliation.OWNER;
            if (!ownerLeft && demotesOwner) {
                failed.add(new Reply.NodeAffiliation(node.id(), jid, Affiliation.OWNER));
                continue;
            }
            changes.record(new AffiliationSet(node.id(), jid, change.getValue()));
            for (Subscription s : List.copyOf(node.subscriptions().values())) {
                if (!s.jid().bare().equals(jid)) {
                    continue;
                }
                if (change.getValue() == Affiliation.OUTCAST) {
                    SubscriptionAdmin.deny(node, s, changes);
                } else if (s.state() == SubscriptionState.PENDING && (change.getValue() == Affiliation.OWNER
                        || change.getValue() == Affiliation.PUBLISHER || change.getValue() == Affiliation.MEMBER)) {
                    // §8.7.4 SHOULD for owners and publishers; members too, who subscribe without approval (§6.1.4)
                    SubscriptionAdmin.approve(node, s, changes);
                }
            }
        }
        if (!failed.isEmpty()) {
            return Outcome.partial(PubSubError.of(StanzaErrorCondition.NOT_ACCEPTABLE)
                    .withText("a node keeps at least one owner"), new Reply.Affiliations(node.id(), failed), changes.records,
                    changes.notifications);
        }
        return changes.ok(new Reply.Done());
    }

    /** Item-not-found for a missing node, forbidden for a non-owner (§8.2.3, §8.4.3, §8.9.1.3), else null. */
    static PubSubError ownerCheck(Node node, Jid actor, String id) {
        if (id == null) {
            return PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.NODEID_REQUIRED);
        }
        if (node == null) {
            return PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND);
        }
        if (node.affiliation(actor) != Affiliation.OWNER) {
            return PubSubError.of(StanzaErrorCondition.FORBIDDEN);
        }
        return null;
    }

    /** XEP-0248 §5: each parent exists, is a collection, and admits the actor's nodes. */
    private PubSubError checkParents(NodeConfig config, Jid actor) {
        for (String parentId : config.collections()) {
            Node parent = ctx.state().node(parentId);
            if (parent == null || !parent.isCollection()) {
                return PubSubError.of(StanzaErrorCondition.NOT_ACCEPTABLE).withText("no collection node " + parentId);
            }
            boolean allowed = switch (parent.config().childrenPolicy() == null ? "owners" : parent.config().childrenPolicy()) {
                case "all" -> true;
                case "whitelist" -> parent.config().childrenWhitelist().contains(actor.bare().toString())
                        || parent.affiliation(actor) == Affiliation.OWNER;
                default -> parent.affiliation(actor) == Affiliation.OWNER;
            };
            if (!allowed) {
                return PubSubError.of(StanzaErrorCondition.NOT_ALLOWED).withText("may not associate with " + parentId);
            }
        }
        return null;
    }

    /** XEP-0248 §4: subscribers of a collection with type "nodes" hear of children joining or leaving. */
    private void associations(String child, List<String> before, List<String> after, Changes changes, Facts facts) {
        for (String parent : after) {
            if (!before.contains(parent)) {
                associationEvent(parent, child, true, changes, facts);
            }
        }
        for (String parent : before) {
            if (!after.contains(parent)) {
                associationEvent(parent, child, false, changes, facts);
            }
        }
    }

    private void associationEvent(String parentId, String child, boolean associated, Changes changes, Facts facts) {
        Node parent = ctx.state().node(parentId);
        if (parent != null) {
            changes.notify(new Notification.Association(parentId, child, associated),
                    recipients.forNodesEvent(parent, facts, ctx.now()), parent.config().notificationType());
        }
    }

    /** A configuration that lowers max_items drops the oldest items beyond it. */
    void trimItems(Node node, Changes changes) {
        int excess = node.items.size() - (int) Math.min(Integer.MAX_VALUE, node.config().maxItems());
        if (excess > 0) {
            List<String> oldest = new ArrayList<>(node.items.keySet()).subList(0, excess);
            changes.record(new PubSubRecord.ItemsRemoved(node.id(), oldest));
        }
    }

    private int ownedBy(Jid actor) {
        int n = 0;
        for (Node node : ctx.state().nodes.values()) {
            if (node.creator().equals(actor.bare())) {
                n++;
            }
        }
        return n;
    }

    private String uniqueId() {
        String id;
        do {
            id = ctx.ids().get();
        } while (ctx.state().node(id) != null);
        return id;
    }
}
