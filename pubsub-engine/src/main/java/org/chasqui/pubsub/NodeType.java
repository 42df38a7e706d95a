package org.chasqui.pubsub;

/** XEP-0060 §4.3 / XEP-0248: leaf nodes hold items, collection nodes hold nodes. */
public enum NodeType {
    LEAF, COLLECTION;

    public String wire() {
        return WireEnum.wire(this, '_');
    }

    public static NodeType parse(String value) {
        return WireEnum.parse(NodeType.class, value, '_');
    }
}
