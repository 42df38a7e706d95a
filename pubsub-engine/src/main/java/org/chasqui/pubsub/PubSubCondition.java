package org.chasqui.pubsub;

/** XEP-0060 §17.2, the schema of http://jabber.org/protocol/pubsub#errors: the pubsub-specific conditions. */
public enum PubSubCondition {
    CLOSED_NODE, CONFIGURATION_REQUIRED, INVALID_JID, INVALID_OPTIONS, INVALID_PAYLOAD, INVALID_SUBID,
    ITEM_FORBIDDEN, ITEM_REQUIRED, JID_REQUIRED, MAX_ITEMS_EXCEEDED, MAX_NODES_EXCEEDED, NODEID_REQUIRED,
    NODE_FULL, NOT_IN_ROSTER_GROUP, NOT_SUBSCRIBED, PAYLOAD_TOO_BIG, PAYLOAD_REQUIRED, PENDING_SUBSCRIPTION,
    PRECONDITION_NOT_MET, PRESENCE_SUBSCRIPTION_REQUIRED, SUBID_REQUIRED, TOO_MANY_SUBSCRIPTIONS, UNSUPPORTED,
    UNSUPPORTED_ACCESS_MODEL;

    public static final String NAMESPACE = "http://jabber.org/protocol/pubsub#errors";

    /** The element name: "closed-node", ... */
    public String elementName() {
        return WireEnum.wire(this, '-');
    }
}
