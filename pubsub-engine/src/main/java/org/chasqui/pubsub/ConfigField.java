package org.chasqui.pubsub;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import org.chasqui.xmpp.jid.Jid;

/**
 * The {@code pubsub#node_config} fields (XEP-0060 §16.4.4, XEP-0248 §8): wire name, form field type,
 * label and options, how to read one from a {@link NodeConfig} and how to apply submitted values to a
 * {@link NodeConfig.Builder} with validation. Policy as data: adding a field is adding a constant.
 */
public enum ConfigField {
    NODE_TYPE("node_type", Kind.LIST_SINGLE, "Whether the node is a leaf (default) or a collection",
            List.of("leaf", "collection"), c -> one(c.nodeType().wire()), (b, v, l) -> {
                b.nodeType = NodeType.parse(v.get(0));
                return null;
            }),
    TITLE("title", Kind.TEXT_SINGLE, "A friendly name for the node", List.of(), c -> opt(c.title()), (b, v, l) -> {
        b.title = text(v);
        return null;
    }),
    DESCRIPTION("description", Kind.TEXT_SINGLE, "A description of the node", List.of(), c -> opt(c.description()),
            (b, v, l) -> {
                b.description = text(v);
                return null;
            }),
    TYPE("type", Kind.TEXT_SINGLE, "The semantic type information of data in the node, usually specified by the namespace of the payload",
            List.of(), c -> opt(c.payloadType()), (b, v, l) -> {
                b.payloadType = text(v);
                return null;
            }),
    LANGUAGE("language", Kind.TEXT_SINGLE, "The default language of the node", List.of(), c -> opt(c.language()),
            (b, v, l) -> {
                b.language = text(v);
                return null;
            }),
    CONTACT("contact", Kind.JID_MULTI, "The JIDs of those to contact with questions", List.of(), NodeConfig::contacts,
            (b, v, l) -> {
                for (String s : v) {
                    if (Jid.tryParse(s).isEmpty()) {
                        return "not a JID: " + s;
                    }
                }
                b.contacts = List.copyOf(v);
                return null;
            }),
    ACCESS_MODEL("access_model", Kind.LIST_SINGLE, "Who may subscribe and retrieve items",
            List.of("authorize", "open", "presence", "roster", "whitelist"), c -> one(c.accessModel().wire()),
            (b, v, l) -> {
                b.accessModel = AccessModel.parse(v.get(0));
                return null;
            }),
    PUBLISH_MODEL("publish_model", Kind.LIST_SINGLE, "The publisher model", List.of("publishers", "subscribers", "open"),
            c -> one(c.publishModel().wire()), (b, v, l) -> {
                b.publishModel = PublishModel.parse(v.get(0));
                return null;
            }),
    ROSTER_GROUPS_ALLOWED("roster_groups_allowed", Kind.LIST_MULTI, "The roster group(s) allowed to subscribe and retrieve items",
            List.of(), NodeConfig::rosterGroupsAllowed, (b, v, l) -> {
                b.rosterGroupsAllowed = List.copyOf(new LinkedHashSet<>(v));
                return null;
            }),
    MAX_ITEMS("max_items", Kind.TEXT_SINGLE, "The maximum number of items to persist. `max` for no specific limit other than a server imposed maximum.",
            List.of(), c -> one(Long.toString(c.maxItems())), (b, v, l) -> {
                Long n = integerOrMax(v.get(0), l.maxItemsPerNode());
                if (n == null || n < 1 || n > l.maxItemsPerNode()) {
                    return "max_items must be 1 to " + l.maxItemsPerNode() + " or max";
                }
                b.maxItems = n;
                return null;
            }),
    ITEM_EXPIRE("item_expire", Kind.TEXT_SINGLE, "Number of seconds after which to automatically purge items. `max` for no specific limit other than a server imposed maximum.",
            List.of(), c -> one(Long.toString(c.itemExpire())), (b, v, l) -> {
                Long n = integerOrMax(v.get(0), 0);
                if (n == null || n < 0) {
                    return "item_expire must be a number of seconds (0 = never) or max";
                }
                b.itemExpire = n;
                return null;
            }),
    PERSIST_ITEMS("persist_items", Kind.BOOLEAN, "Whether to persist items to storage", List.of(),
            c -> bool(c.persistItems()), (b, v, l) -> {
                b.persistItems = parseBool(v.get(0));
                return null;
            }),
    DELIVER_PAYLOADS("deliver_payloads", Kind.BOOLEAN, "Whether to deliver payloads with event notifications; applies only to leaf nodes",
            List.of(), c -> bool(c.deliverPayloads()), (b, v, l) -> {
                b.deliverPayloads = parseBool(v.get(0));
                return null;
            }),
    DELIVER_NOTIFICATIONS("deliver_notifications", Kind.BOOLEAN, "Whether to deliver event notifications", List.of(),
            c -> bool(c.deliverNotifications()), (b, v, l) -> {
                b.deliverNotifications = parseBool(v.get(0));
                return null;
            }),
    NOTIFY_CONFIG("notify_config", Kind.BOOLEAN, "Whether to notify subscribers when the node configuration changes",
            List.of(), c -> bool(c.notifyConfig()), (b, v, l) -> {
                b.notifyConfig = parseBool(v.get(0));
                return null;
            }),
    NOTIFY_DELETE("notify_delete", Kind.BOOLEAN, "Whether to notify subscribers when the node is deleted", List.of(),
            c -> bool(c.notifyDelete()), (b, v, l) -> {
                b.notifyDelete = parseBool(v.get(0));
                return null;
            }),
    NOTIFY_RETRACT("notify_retract", Kind.BOOLEAN, "Whether to notify subscribers when items are removed from the node",
            List.of(), c -> bool(c.notifyRetract()), (b, v, l) -> {
                b.notifyRetract = parseBool(v.get(0));
                return null;
            }),
    NOTIFY_SUB("notify_sub", Kind.BOOLEAN, "Whether to notify owners about new subscribers and unsubscribes", List.of(),
            c -> bool(c.notifySub()), (b, v, l) -> {
                b.notifySub = parseBool(v.get(0));
                return null;
            }),
    NOTIFICATION_TYPE("notification_type", Kind.LIST_SINGLE, "Specify the delivery style for notifications",
            List.of("normal", "headline"), c -> one(c.notificationType().wire()), (b, v, l) -> {
                b.notificationType = NotificationType.parse(v.get(0));
                return null;
            }),
    PRESENCE_BASED_DELIVERY("presence_based_delivery", Kind.BOOLEAN, "Whether to deliver notifications to available users only",
            List.of(), c -> bool(c.presenceBasedDelivery()), (b, v, l) -> {
                b.presenceBasedDelivery = parseBool(v.get(0));
                return null;
            }),
    PURGE_OFFLINE("purge_offline", Kind.BOOLEAN, "Whether to purge all items when the relevant publisher goes offline",
            List.of(), c -> bool(c.purgeOffline()), (b, v, l) -> {
                b.purgeOffline = parseBool(v.get(0));
                return null;
            }),
    SEND_LAST_PUBLISHED_ITEM("send_last_published_item", Kind.LIST_SINGLE, "When to send the last published item",
            List.of("never", "on_sub", "on_sub_and_presence"), c -> one(c.sendLastPublishedItem().wire()), (b, v, l) -> {
                b.sendLastPublishedItem = SendLastPublished.parse(v.get(0));
                return null;
            }),
    MAX_PAYLOAD_SIZE("max_payload_size", Kind.TEXT_SINGLE, "The maximum payload size in bytes", List.of(),
            c -> one(Integer.toString(c.maxPayloadSize())), (b, v, l) -> {
                Long n = integerOrMax(v.get(0), l.maxPayloadBytes());
                if (n == null || n < 1 || n > l.maxPayloadBytes()) {
                    return "max_payload_size must be 1 to " + l.maxPayloadBytes();
                }
                b.maxPayloadSize = n.intValue();
                return null;
            }),
    SUBSCRIBE("subscribe", Kind.BOOLEAN, "Whether to allow subscriptions", List.of(), c -> bool(c.subscribe()),
            (b, v, l) -> {
                b.subscribe = parseBool(v.get(0));
                return null;
            }),
    TEMPSUB("tempsub", Kind.BOOLEAN, "Whether to make all subscriptions temporary, based on subscriber presence",
            List.of(), c -> bool(c.tempsub()), (b, v, l) -> {
                b.tempsub = parseBool(v.get(0));
                return null;
            }),
    PUBLISH_NODE_FULL("publish_node_full", Kind.LIST_SINGLE, "Action to be performed by the service when publishing on a full node.",
            List.of("retract-oldest", "discard-oldest", "reject"), c -> one(c.publishNodeFull()), (b, v, l) -> {
                b.publishNodeFull = v.get(0);
                return null;
            }),
    ITEMREPLY("itemreply", Kind.LIST_SINGLE, "Whether owners or publisher should receive replies to items",
            List.of("owner", "publisher", "none"), c -> one(c.itemReply()), (b, v, l) -> {
                b.itemReply = v.get(0);
                return null;
            }),
    BODY_XSLT("body_xslt", Kind.TEXT_SINGLE, "The URL of an XSL transformation which can be applied to payloads in order to generate an appropriate message body element.",
            List.of(), c -> opt(c.bodyXslt()), (b, v, l) -> {
                b.bodyXslt = text(v);
                return null;
            }),
    DATAFORM_XSLT("dataform_xslt", Kind.TEXT_SINGLE, "The URL of an XSL transformation which can be applied to the payload format in order to generate a valid Data Forms result that the client could display using a generic Data Forms rendering engine",
            List.of(), c -> opt(c.dataformXslt()), (b, v, l) -> {
                b.dataformXslt = text(v);
                return null;
            }),
    COLLECTION("collection", Kind.TEXT_MULTI, "The collection(s) with which a node is affiliated", List.of(),
            NodeConfig::collections, (b, v, l) -> {
                b.collections = List.copyOf(new LinkedHashSet<>(nonEmpty(v)));
                return null;
            }),
    CHILDREN_ASSOCIATION_POLICY("children_association_policy", Kind.LIST_SINGLE, "Who may associate leaf nodes with a collection",
            List.of("all", "owners", "whitelist"), c -> one(c.childrenPolicy()), (b, v, l) -> {
                b.childrenPolicy = v.get(0);
                return null;
            }),
    CHILDREN_ASSOCIATION_WHITELIST("children_association_whitelist", Kind.JID_MULTI, "The list of JIDs that may associate leaf nodes with a collection",
            List.of(), NodeConfig::childrenWhitelist, (b, v, l) -> {
                for (String s : v) {
                    if (Jid.tryParse(s).isEmpty()) {
                        return "not a JID: " + s;
                    }
                }
                b.childrenWhitelist = List.copyOf(v);
                return null;
            }),
    CHILDREN_MAX("children_max", Kind.TEXT_SINGLE, "The maximum number of child nodes that can be associated with a collection. `max` for no specific limit other than a server imposed maximum.",
            List.of(), c -> one(Long.toString(c.childrenMax())), (b, v, l) -> {
                Long n = integerOrMax(v.get(0), 0);
                if (n == null || n < 0) {
                    return "children_max must be a number (0 = no limit) or max";
                }
                b.childrenMax = n;
                return null;
            });

    /** The form field types used (XEP-0004 §3.3). */
    public enum Kind {
        BOOLEAN("boolean"), TEXT_SINGLE("text-single"), TEXT_MULTI("text-multi"), LIST_SINGLE("list-single"),
        LIST_MULTI("list-multi"), JID_MULTI("jid-multi");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        boolean multi() {
            return this == TEXT_MULTI || this == LIST_MULTI || this == JID_MULTI;
        }
    }

    @FunctionalInterface
    interface Writer {
        /** Applies the values; returns an error message or null. */
        String apply(NodeConfig.Builder b, List<String> values, ServiceLimits limits);
    }

    public static final String FORM_TYPE = "http://jabber.org/protocol/pubsub#node_config";

    private final String var;
    private final Kind kind;
    private final String label;
    private final List<String> options;
    private final Function<NodeConfig, List<String>> reader;
    private final Writer writer;

    ConfigField(String name, Kind kind, String label, List<String> options, Function<NodeConfig, List<String>> reader,
                Writer writer) {
        this.var = "pubsub#" + name;
        this.kind = kind;
        this.label = label;
        this.options = options;
        this.reader = reader;
        this.writer = writer;
    }

    public String var() {
        return var;
    }

    public Kind kind() {
        return kind;
    }

    public String label() {
        return label;
    }

    /** The values a list-single field accepts (empty: any). */
    public List<String> options() {
        return options;
    }

    /** The field's current values in wire form. */
    public List<String> read(NodeConfig c) {
        return reader.apply(c);
    }

    /** The field for a variable name, or null. */
    public static ConfigField of(String var) {
        for (ConfigField f : values()) {
            if (f.var.equals(var)) {
                return f;
            }
        }
        return null;
    }

    /**
     * Applies submitted values (XEP-0060 §8.2.5); returns an error message (for not-acceptable) or null.
     * Checks cardinality, booleans and options before the field's own rules.
     */
    String apply(NodeConfig.Builder b, List<String> values, ServiceLimits limits) {
        if (!kind.multi() && values.size() != 1) {
            if (values.isEmpty() && (kind == Kind.TEXT_SINGLE)) {
                return writer.apply(b, List.of(""), limits);
            }
            return var + " takes exactly one value";
        }
        if (kind == Kind.BOOLEAN && parseBoolOrNull(values.get(0)) == null) {
            return var + ": not a boolean: " + values.get(0);
        }
        if (kind == Kind.LIST_SINGLE && !options.isEmpty() && !options.contains(values.get(0))) {
            return var + ": " + values.get(0) + " is not one of " + options;
        }
        return writer.apply(b, values, limits);
    }

    private static List<String> one(String v) {
        return v == null ? List.of() : List.of(v);
    }

    private static List<String> opt(String v) {
        return v == null ? List.of() : List.of(v);
    }

    private static List<String> bool(boolean v) {
        return List.of(v ? "1" : "0");
    }

    private static String text(List<String> v) {
        String s = v.isEmpty() ? "" : v.get(0);
        return s.isEmpty() ? null : s;
    }

    private static List<String> nonEmpty(List<String> v) {
        List<String> out = new ArrayList<>();
        for (String s : v) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** XEP-0004 §3.3 booleans. */
    static boolean parseBool(String v) {
        Boolean b = parseBoolOrNull(v);
        if (b == null) {
            throw new IllegalArgumentException("not a boolean: " + v);
        }
        return b;
    }

    static Boolean parseBoolOrNull(String v) {
        return switch (v == null ? "" : v) {
            case "1", "true" -> Boolean.TRUE;
            case "0", "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** XEP-0060 §16.7 "integer-or-max". */
    static Long integerOrMax(String v, long max) {
        if ("max".equals(v)) {
            return max;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
