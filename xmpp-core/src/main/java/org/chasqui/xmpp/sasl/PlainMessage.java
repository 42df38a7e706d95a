package org.chasqui.xmpp.sasl;

import java.util.Objects;
import java.util.Optional;

/**
 * The one message of SASL PLAIN (RFC 4616 §2): {@code message = [authzid] UTF8NUL authcid UTF8NUL passwd}.
 * The strings are returned as sent; the caller prepares them (PRECIS UsernameCaseMapped for the authcid;
 * {@link ScramCredential#verifyPassword} prepares the password).
 */
public final class PlainMessage {

    private final String authzid;
    private final String authcid;
    private final String password;

    private PlainMessage(String authzid, String authcid, String password) {
        this.authzid = authzid;
        this.authcid = authcid;
        this.password = password;
    }

    /**
     * Parses a decoded PLAIN message. Empty if it is not well-formed UTF-8, does not have exactly two NUL
     * separators, or has an empty authcid or password (RFC 4616 §2: {@code 1*SAFE}).
     */
    public static Optional<PlainMessage> parse(byte[] message) {
        if (message == null) {
            return Optional.empty();
        }
        String text = ScramSyntax.decodeUtf8(message);
        if (text == null) {
            return Optional.empty();
        }
        int first = text.indexOf('\0');
        int second = first < 0 ? -1 : text.indexOf('\0', first + 1);
        if (second < 0 || text.indexOf('\0', second + 1) >= 0) {
            return Optional.empty();
        }
        String authzid = text.substring(0, first);
        String authcid = text.substring(first + 1, second);
        String password = text.substring(second + 1);
        if (authcid.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PlainMessage(authzid.isEmpty() ? null : authzid, authcid, password));
    }

    /** The authorization identity, or null if the client sent none. */
    public String authzid() {
        return authzid;
    }

    /** The authentication identity (the user name), as sent. */
    public String authcid() {
        return authcid;
    }

    /** The password, as sent. */
    public String password() {
        return password;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlainMessage m && Objects.equals(authzid, m.authzid) && authcid.equals(m.authcid)
                && password.equals(m.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(authzid, authcid, password);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "PlainMessage[authzid=" + authzid + ", authcid=" + authcid + "]";
    }
}
