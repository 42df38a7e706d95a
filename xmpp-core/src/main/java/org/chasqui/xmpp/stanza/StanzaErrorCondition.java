package org.chasqui.xmpp.stanza;

import java.util.Locale;

/** The defined stanza error conditions with their usual types, RFC 6120 §8.3.3. */
public enum StanzaErrorCondition {
    BAD_REQUEST(StanzaErrorType.MODIFY),
    CONFLICT(StanzaErrorType.CANCEL),
    FEATURE_NOT_IMPLEMENTED(StanzaErrorType.CANCEL),
    FORBIDDEN(StanzaErrorType.AUTH),
    GONE(StanzaErrorType.CANCEL),
    INTERNAL_SERVER_ERROR(StanzaErrorType.CANCEL),
    ITEM_NOT_FOUND(StanzaErrorType.CANCEL),
    JID_MALFORMED(StanzaErrorType.MODIFY),
    NOT_ACCEPTABLE(StanzaErrorType.MODIFY),
    NOT_ALLOWED(StanzaErrorType.CANCEL),
    NOT_AUTHORIZED(StanzaErrorType.AUTH),
    POLICY_VIOLATION(StanzaErrorType.MODIFY),
    RECIPIENT_UNAVAILABLE(StanzaErrorType.WAIT),
    REDIRECT(StanzaErrorType.MODIFY),
    REGISTRATION_REQUIRED(StanzaErrorType.AUTH),
    REMOTE_SERVER_NOT_FOUND(StanzaErrorType.CANCEL),
    REMOTE_SERVER_TIMEOUT(StanzaErrorType.WAIT),
    RESOURCE_CONSTRAINT(StanzaErrorType.WAIT),
    SERVICE_UNAVAILABLE(StanzaErrorType.CANCEL),
    SUBSCRIPTION_REQUIRED(StanzaErrorType.AUTH),
    UNDEFINED_CONDITION(StanzaErrorType.CANCEL),
    UNEXPECTED_REQUEST(StanzaErrorType.WAIT);

    private final StanzaErrorType defaultType;
    private final String elementName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    StanzaErrorCondition(StanzaErrorType defaultType) {
        this.defaultType = defaultType;
    }

    public StanzaErrorType defaultType() {
        return defaultType;
    }

    public String elementName() {
        return elementName;
    }
}
