package org.chasqui.xmpp.jid;

/**
 * A string is not a valid JID under RFC 7622. The message says which rule it breaks, for example
 * "localpart too long: 1024 bytes (maximum 1023)". It is unchecked: code that handles untrusted input
 * uses {@link Jid#tryParse(String)}, and a JID built from trusted values that fails is a bug.
 */
public final class InvalidJidException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidJidException(String message) {
        super(message);
    }

    public InvalidJidException(String message, Throwable cause) {
        super(message, cause);
    }
}
