package org.chasqui.pubsub;

/** XEP-0060 §16.4.4 pubsub#send_last_published_item. */
public enum SendLastPublished {
    NEVER, ON_SUB, ON_SUB_AND_PRESENCE;

    public String wire() {
        return WireEnum.wire(this, '_');
    }

    public static SendLastPublished parse(String value) {
        return WireEnum.parse(SendLastPublished.class, value, '_');
    }
}
