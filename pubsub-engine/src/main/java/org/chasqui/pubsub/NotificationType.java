package org.chasqui.pubsub;

/** XEP-0060 §16.4.4 pubsub#notification_type: the message type of notifications. */
public enum NotificationType {
    NORMAL, HEADLINE;

    public String wire() {
        return WireEnum.wire(this, '_');
    }

    public static NotificationType parse(String value) {
        return WireEnum.parse(NotificationType.class, value, '_');
    }
}
