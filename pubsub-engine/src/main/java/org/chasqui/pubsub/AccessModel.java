package org.chasqui.pubsub;

/** XEP-0060 §4.5: who may subscribe and retrieve items. */
public enum AccessModel {
    OPEN, PRESENCE, ROSTER, AUTHORIZE, WHITELIST;

    public String wire() {
        return WireEnum.wire(this, '_');
    }

    public static AccessModel parse(String value) {
        return WireEnum.parse(AccessModel.class, value, '_');
    }
}
