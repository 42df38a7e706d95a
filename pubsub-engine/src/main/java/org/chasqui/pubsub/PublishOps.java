package org.chasqui.pubsub;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chasqui.pubsub.Command.NewItem;
import org.chasqui.pubsub.Command.Publish;
import org.chasqui.pubsub.Command.Retract;
import org.chasqui.pubsub.PubSubRecord.ItemPublished;
import org.chasqui.pubsub.PubSubRecord.ItemsRemoved;
import org.chasqui.pubsub.PubSubRecord.NodeCreated;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;

/** XEP-0060 §7: publishing (with auto-create, §7.1.4, and publish-options, §7.1.5) and retracting items. */
final class PublishOps {

    private final Context ctx;
    private final Recipients recipients;
    private final boolean autoCreate;

    PublishOps(Context ctx, Recipients recipients, boolean autoCreate) {
        this.ctx = ctx;
        this.recipients = recipients;
        this.autoCreate = autoCreate;
    }

    Outcome publish(Publish c, Facts facts) {
        if (c.node() == null || c.node().isEmpty()) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.NODEID_REQUIRED));
        }
        Map<String, List<String>> options = c.options() == null ? Map.of() : c.options();
        Node node = ctx.state().node(c.node());
        Changes changes = new Changes(ctx.state());
        if (node == null) {
            if (!autoCreate || !ctx.mayCreate(c.actor())) {
                return Outcome.fail(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND)); // §7.1.3.3
            }
            // §7.1.4 auto-create; §7.1.5: the publish-options become the new node's configuration
            ConfigForms.Applied applied = ConfigForms.apply(ctx.leafDefaults(), options, ctx.limits());
            if (applied.error() != null) {
                return Outcome.fail(new PubSubError(StanzaErrorCondition.CONFLICT, PubSubCondition.PRECONDITION_NOT_MET,
                        null, applied.error().text()));
            }
            PubSubError problem = check(applied.config(), Affiliation.OWNER, c);
            if (problem != null) {
                return Outcome.fail(problem);
            }
            changes.record(new NodeCreated(c.node(), applied.config(), c.actor().bare(), ctx.now()));
            node = ctx.state().node(c.node());
        } else {
            PubSubError problem = check(node.config(), publisherAffiliation(node, c.actor()), c);
            if (problem != null) {
                return Outcome.fail(problem);
            }
            if (!ConfigForms.preconditionsMet(node.config(), options, ctx.limits())) {
                return Outcome.fail(PubSubError.of(StanzaErrorCondition.CONFLICT, PubSubCondition.PRECONDITION_NOT_MET));
            }
            if ("reject".equals(node.config().publishNodeFull()) && node.config().persistItems()
                    && newIds(node, c.items()) + node.items.size() > node.config().maxItems()) {
                return Outcome.fail(PubSubError.of(StanzaErrorCondition.CONFLICT, PubSubCondition.NODE_FULL));
            }
        }
        return apply(node, c, facts, changes);
    }

    private Outcome apply(Node node, Publish c, Facts facts, Changes changes) {
        NodeConfig config = node.config();
        List<Item> published = new ArrayList<>();
        for (NewItem n : c.items()) {
            String id = n.id() != null && !n.id().isEmpty() ? n.id() : uniqueItemId(node);
            Payload payload = n.payloadXml() == null ? null : ctx.payloads().keep(n.payloadXml());
            published.add(new Item(id, payload, c.actor().bare(), ctx.now()));
        }
        List<String> dropped = new ArrayList<>();
        if (config.persistItems()) {
            for (Item i : published) {
                changes.record(new ItemPublished(node.id(), i));
            }
            int excess = node.items.size() - (int) Math.min(Integer.MAX_VALUE, config.maxItems());
            if (excess > 0) {
                dropped.addAll(new ArrayList<>(node.items.keySet()).subList(0, excess));
                changes.record(new ItemsRemoved(node.id(), dropped));
            }
        }
        if (config.deliverNotifications()) {
            List<Notification.Recipient> to = recipients.forItems(node, facts, ctx.now());
            if (!dropped.isEmpty() && "retract-oldest".equals(config.publishNodeFull()) && config.notifyRetract()) {
                changes.notify(new Notification.ItemsRetracted(node.id(), dropped), to, config.notificationType());
            }
            changes.notify(new Notification.ItemsPublished(node.id(), published, config.deliverPayloads(),
                    config.itemsNamePublisher()), to, config.notificationType());
        }
        List<String> ids = new ArrayList<>();
        published.forEach(i -> ids.add(i.id()));
        return changes.ok(new Reply.Published(node.id(), ids));
    }

    /** The publish errors of §7.1.3, in the order the spec lists them. */
    private PubSubError check(NodeConfig config, Affiliation affiliation, Publish c) {
        if (config.nodeType() == NodeType.COLLECTION) {
            return PubSubError.unsupported("publish"); // XEP-0248: items live in leaves
        }
        if (!Permissions.allows(affiliation, Permissions.Action.PUBLISH)) {
            return PubSubError.of(StanzaErrorCondition.FORBIDDEN); // §7.1.3.1
        }
        // §7.1.3.7: the request must match the node's event type
        if (c.items().isEmpty() && config.persistItems()) {
            return PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.ITEM_REQUIRED);
        }
        if (!config.persistItems() && !config.deliverPayloads() && !c.items().isEmpty()) {
            return PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.ITEM_FORBIDDEN);
        }
        if (config.deliverPayloads() && (c.items().isEmpty() || c.items().stream().anyMatch(i -> i.payloadXml() == null))) {
            return PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.PAYLOAD_REQUIRED);
        }
        for (NewItem i : c.items()) {
            if (i.payloadXml() != null && i.payloadXml().getBytes(StandardCharsets.UTF_8).length > config.maxPayloadSize()) {
                return PubSubError.of(StanzaErrorCondition.NOT_ACCEPTABLE, PubSubCondition.PAYLOAD_TOO_BIG); // §7.1.3.5
            }
            if (config.payloadType() != null && i.payloadNamespace() != null && !config.payloadType().equals(i.payloadNamespace())) {
                // §7.1.3.6: the root payload element is not in the namespace configured as pubsub#type
                return PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.INVALID_PAYLOAD);
            }
        }
        if (c.items().size() > config.maxItems() && config.persistItems()) {
            return PubSubError.of(StanzaErrorCondition.NOT_ALLOWED, PubSubCondition.MAX_ITEMS_EXCEEDED); // §12.11 batches
        }
        return null;
    }

    /** §7.1.3.1 with the publish models of §16.4.4: subscribers or anyone may publish when configured so. */
    private static Affiliation publisherAffiliation(Node node, Jid actor) {
        Affiliation a = node.affiliation(actor);
        if (a == Affiliation.OUTCAST || Permissions.allows(a, Permissions.Action.PUBLISH)) {
            return a;
        }
        return switch (node.config().publishModel()) {
            case OPEN -> Affiliation.PUBLISHER;
            case SUBSCRIBERS -> isSubscribed(node, actor) ? Affiliation.PUBLISHER : a;
            case PUBLISHERS -> a;
        };
    }

    private static boolean isSubscribed(Node node, Jid actor) {
        for (Subscription s : node.subscriptions.values()) {
            if (s.state() == SubscriptionState.SUBSCRIBED && s.jid().bare().equals(actor.bare())) {
                return true;
            }
        }
        return false;
    }

    /** §7.2: retract items; subscribers hear of it if asked ({@code notify}) or configured (notify_retract). */
    Outcome retract(Retract c, Facts facts) {
        if (c.node() == null || c.node().isEmpty()) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.NODEID_REQUIRED));
        }
        if (c.itemIds().isEmpty()) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.ITEM_REQUIRED)); // §7.2.3.3
        }
        Node node = ctx.state().node(c.node());
        if (node == null) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND)); // §7.2.3.2
        }
        if (node.isCollection() || !node.config().persistItems()) {
            return Outcome.fail(PubSubError.unsupported("persistent-items")); // §7.2.3.5: collections hold no items
        }
        Affiliation a = node.affiliation(c.actor());
        for (String id : c.itemIds()) {
            Item item = node.item(id);
            if (item == null) {
                return Outcome.fail(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND)); // §7.2.3.4
            }
            boolean own = item.publisher().equals(c.actor().bare());
            if (!Permissions.allows(a, Permissions.Action.RETRACT_ANY)
                    && !(own && Permissions.allows(a, Permissions.Action.RETRACT_OWN))) {
                return Outcome.fail(PubSubError.of(StanzaErrorCondition.FORBIDDEN)); // §7.2.3.1
            }
        }
        Changes changes = new Changes(ctx.state());
        changes.record(new ItemsRemoved(node.id(), c.itemIds()));
        if (c.notifySubscribers() || node.config().notifyRetract()) {
            changes.notify(new Notification.ItemsRetracted(node.id(), c.itemIds()),
                    recipients.forItems(node, facts, ctx.now()), node.config().notificationType());
        }
        return changes.ok(new Reply.Done());
    }

    private static int newIds(Node node, List<NewItem> items) {
        Set<String> ids = new HashSet<>();
        int anonymous = 0;
        for (NewItem i : items) {
            if (i.id() == null || i.id().isEmpty()) {
                anonymous++;
            } else if (!node.items.containsKey(i.id())) {
                ids.add(i.id());
            }
        }
        return ids.size() + anonymous;
    }

    private String uniqueItemId(Node node) {
        String id;
        do {
            id = ctx.ids().get();
        } while (node.items.containsKey(id));
        return id;
    }
}
