package org.chasqui.pubsub;

/** XEP-0060 §4.2: the 'subscription' attribute values. */
public enum SubscriptionState {
    NONE, PENDING, UNCONFIGURED, SUBSCRIBED;

    public String wire() {
        return WireEnum.wire(this, '-');
    }

    public static SubscriptionState parse(String value) {
        return WireEnum.parse(SubscriptionState.class, value, '-');
    }
}
