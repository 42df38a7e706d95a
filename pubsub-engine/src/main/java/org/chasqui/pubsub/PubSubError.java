package org.chasqui.pubsub;

import java.util.Objects;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;

/**
 * An XEP-0060 error as a value: the RFC 6120 condition, the pubsub-specific condition if any, and for
 * {@link PubSubCondition#UNSUPPORTED} the feature (§17.2: {@code <unsupported feature='…'/>}).
 */
public record PubSubError(StanzaErrorCondition condition, PubSubCondition specific, String feature, String text) {

    public PubSubError {
        Objects.requireNonNull(condition, "condition");
        if ((specific == PubSubCondition.UNSUPPORTED) != (feature != null)) {
            throw new IllegalArgumentException("a feature goes with <unsupported/> and only with it");
        }
    }

    public static PubSubError of(StanzaErrorCondition condition) {
        return new PubSubError(condition, null, null, null);
    }

    public static PubSubError of(StanzaErrorCondition condition, PubSubCondition specific) {
        return new PubSubError(condition, specific, null, null);
    }

    public static PubSubError unsupported(String feature) {
        return new PubSubError(StanzaErrorCondition.FEATURE_NOT_IMPLEMENTED, PubSubCondition.UNSUPPORTED, feature, null);
    }

    public PubSubError withText(String value) {
        return new PubSubError(condition, specific, feature, value);
    }
}
