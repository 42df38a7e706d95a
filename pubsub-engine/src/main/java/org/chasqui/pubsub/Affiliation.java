package org.chasqui.pubsub;

/** XEP-0060 §4.1: affiliations, from most to least privileged. */
public enum Affiliation {
    OWNER, PUBLISHER, PUBLISH_ONLY, MEMBER, NONE, OUTCAST;

    /** "publish-only", ... */
    public String wire() {
        return WireEnum.wire(this, '-');
    }

    public static Affiliation parse(String value) {
        return WireEnum.parse(Affiliation.class, value, '-');
    }
}
