package org.chasqui.pubsub;

/** XEP-0060 §16.4.4 pubsub#publish_model: who may publish. */
public enum PublishModel {
    PUBLISHERS, SUBSCRIBERS, OPEN;

    public String wire() {
        return WireEnum.wire(this, '_');
    }

    public static PublishModel parse(String value) {
        return WireEnum.parse(PublishModel.class, value, '_');
    }
}
