package org.chasqui.broker.pubsub;

import java.time.Instant;
import org.chasqui.pubsub.ConfigField;
import org.chasqui.pubsub.Item;
import org.chasqui.pubsub.Node;
import org.chasqui.pubsub.NodeConfig;
import org.chasqui.pubsub.PubSubService;
import org.chasqui.pubsub.SubscriptionState;
import org.chasqui.xmpp.forms.DataForm;
import org.chasqui.xmpp.forms.Field;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.xml.Element;

/** XEP-0060 §5.1 to §5.5: disco#info and disco#items of the service and of its nodes. Runs on the service's shard. */
public final class PubSubDisco {

    private PubSubDisco() {
    }

    /** The disco#info result payload, or null when the node does not exist (item-not-found). */
    public static Element info(PubSubService service, String nodeId) {
        Element.Builder q = Element.builder("query", Namespaces.DISCO_INFO);
        if (nodeId == null) {
            q.child(identity("pubsub", "service", "Chasqui publish-subscribe")); // §5.1
            q.child(feature(Namespaces.DISCO_INFO)).child(feature(Namespaces.DISCO_ITEMS)).child(feature(PubSubXml.PUBSUB));
            q.child(feature(GetPendingCommand.COMMANDS)); // XEP-0050 §2.1, for §8.7
            PubSubFeatures.FEATURES.forEach(f -> q.child(feature(PubSubXml.PUBSUB + "#" + f)));
            return q.build();
        }
        Element command = GetPendingCommand.info(nodeId); // XEP-0050 nodes before pubsub nodes
        if (command != null) {
            return command;
        }
        Node node = service.node(nodeId);
        if (node == null) {
            return null;
        }
        q.attribute("node", nodeId);
        q.child(identity("pubsub", node.isCollection() ? "collection" : "leaf", null)); // §5.3
        q.child(feature(Namespaces.DISCO_INFO)).child(feature(Namespaces.DISCO_ITEMS)).child(feature(PubSubXml.PUBSUB));
        q.child(metaData(node)); // §5.4 (XEP-0128)
        return q.build();
    }

    /** The disco#items result payload, or null when the node does not exist. */
    static Element items(PubSubService service, Jid address, String nodeId) {
        return items(service, address, nodeId, n -> true);
    }

    /**
     * The disco#items payload listing only nodes {@code visible} lets through (XEP-0163 §6.2: a PEP
     * service lists only the nodes the requester may subscribe to or read).
     */
    public static Element items(PubSubService service, Jid address, String nodeId, java.util.function.Predicate<Node> visible) {
        Element.Builder q = Element.builder("query", Namespaces.DISCO_ITEMS);
        if (nodeId == null) {
            // §5.2: the top-level nodes (those in no collection)
            for (Node n : service.nodes()) {
                if (n.config().collections().isEmpty() && !n.id().isEmpty() && visible.test(n)) { // "" is the PEP root
                    q.child(nodeItem(address, n));
                }
            }
            return q.build();
        }
        if (GetPendingCommand.COMMANDS.equals(nodeId)) {
            return GetPendingCommand.commandList(address); // XEP-0050 §2.2
        }
        Node node = service.node(nodeId);
        if (node == null || !visible.test(node)) {
            return null;
        }
        q.attribute("node", nodeId);
        if (node.isCollection()) {
            for (Node n : service.nodes()) {
                if (n.config().collections().contains(nodeId)) {
                    q.child(nodeItem(address, n)); // XEP-0248 §5: the children
                }
            }
        } else {
            for (Item i : service.liveItems(node)) {
                q.child(Element.builder("item", Namespaces.DISCO_ITEMS).attribute("jid", address.toString())
                        .attribute("name", i.id()).build()); // §5.5
            }
        }
        return q.build();
    }

    /** The pubsub namespaces and feature URIs of §10 this server implements (for an account's disco#info). */
    public static java.util.List<String> featureVars() {
        java.util.List<String> out = new java.util.ArrayList<>();
        out.add(PubSubXml.PUBSUB);
        PubSubFeatures.FEATURES.forEach(f -> out.add(PubSubXml.PUBSUB + "#" + f));
        return out;
    }

    /** The namespaces of requests a pubsub service answers (XEP-0060 §15). */
    public static java.util.List<String> requestNamespaces() {
        return java.util.List.of(PubSubXml.PUBSUB, PubSubXml.OWNER);
    }

    static StanzaErrorCondition notFound() {
        return StanzaErrorCondition.ITEM_NOT_FOUND;
    }

    private static Element nodeItem(Jid address, Node n) {
        Element.Builder b = Element.builder("item", Namespaces.DISCO_ITEMS).attribute("jid", address.toString())
                .attribute("node", n.id());
        if (n.config().title() != null) {
            b.attribute("name", n.config().title());
        }
        return b.build();
    }

    /** §5.4: the pubsub#meta-data form. */
    private static Element metaData(Node node) {
        NodeConfig c = node.config();
        DataForm.Builder form = DataForm.builder(DataForm.Type.RESULT).formType(PubSubXml.META_DATA);
        form.field(Field.builder("pubsub#type").value(c.payloadType() == null ? "" : c.payloadType()).build());
        form.field(Field.builder("pubsub#creator").values(java.util.List.of(node.creator().toString())).build());
        form.field(Field.builder("pubsub#creation_date").value(Instant.ofEpochMilli(node.createdAtMillis()).toString()).build());
        form.field(Field.builder("pubsub#title").value(c.title() == null ? "" : c.title()).build());
        form.field(Field.builder("pubsub#description").value(c.description() == null ? "" : c.description()).build());
        form.field(Field.builder("pubsub#language").value(c.language() == null ? "" : c.language()).build());
        form.field(Field.builder("pubsub#access_model").value(c.accessModel().wire()).build());
        form.field(Field.builder("pubsub#publish_model").value(c.publishModel().wire()).build());
        form.field(Field.builder("pubsub#contact").values(c.contacts()).build());
        java.util.List<String> owners = node.owners().stream().map(Jid::toString).toList();
        form.field(Field.builder("pubsub#owner").values(owners).build());
        long subscribers = node.subscriptions().values().stream().filter(s -> s.state() == SubscriptionState.SUBSCRIBED).count();
        form.field(Field.builder("pubsub#num_subscribers").value(Long.toString(subscribers)).build());
        form.field(Field.builder(ConfigField.MAX_ITEMS.var()).value(Long.toString(c.maxItems())).build());
        return form.build().toElement();
    }

    private static Element identity(String category, String type, String name) {
        Element.Builder b = Element.builder("identity", Namespaces.DISCO_INFO).attribute("category", category)
                .attribute("type", type);
        if (name != null) {
            b.attribute("name", name);
        }
        return b.build();
    }

    private static Element feature(String var) {
        return Element.builder("feature", Namespaces.DISCO_INFO).attribute("var", var).build();
    }
}
