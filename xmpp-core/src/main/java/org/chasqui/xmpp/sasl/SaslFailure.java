package org.chasqui.xmpp.sasl;

import java.util.Locale;

/** The SASL failure conditions of RFC 6120 §6.5, sent as children of {@code <failure/>}. */
public enum SaslFailure {
    /** §6.5.1: the initiating entity sent {@code <abort/>}. */
    ABORTED,
    /** §6.5.2: the account is temporarily disabled. */
    ACCOUNT_DISABLED,
    /** §6.5.3: the credentials have expired. */
    CREDENTIALS_EXPIRED,
    /** §6.5.4: the mechanism requires an encrypted stream. */
    ENCRYPTION_REQUIRED,
    /** §6.5.5: bad base64 in the element or inside the mechanism's data. */
    INCORRECT_ENCODING,
    /** §6.5.6: the authzid is malformed or not allowed for this authcid. */
    INVALID_AUTHZID,
    /** §6.5.7: the mechanism is not supported or not offered. */
    INVALID_MECHANISM,
    /** §6.5.8: the request is malformed (e.g. violates the mechanism's syntax). */
    MALFORMED_REQUEST,
    /** §6.5.9: the mechanism is weaker than the server policy allows. */
    MECHANISM_TOO_WEAK,
    /** §6.5.10: the credentials are wrong (also used for unknown users, so they cannot be told apart). */
    NOT_AUTHORIZED,
    /** §6.5.11: a temporary error in the server; the client may retry. */
    TEMPORARY_AUTH_FAILURE;

    private final String elementName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The XML element name in the {@code urn:ietf:params:xml:ns:xmpp-sasl} namespace, e.g. {@code not-authorized}. */
    public String elementName() {
        return elementName;
    }
}
