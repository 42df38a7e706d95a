package org.chasqui.xmpp.stanza;

import java.util.Locale;

/** The error types of RFC 6120 §8.3.2. */
public enum StanzaErrorType {
    AUTH, CANCEL, CONTINUE, MODIFY, WAIT;

    public String attributeValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
