package org.chasqui.persistence.accounts;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.chasqui.xmpp.sasl.ScramAlgorithm;
import org.chasqui.xmpp.sasl.ScramCredential;

/**
 * The full current credentials of one user: a saved record replaces whatever was stored before.
 *
 * @param username    the PRECIS-prepared user name (the localpart), not empty
 * @param credentials at most one credential per algorithm; may be empty (the user cannot log in)
 */
public record AccountRecord(String username, List<ScramCredential> credentials) {

    public AccountRecord {
        Objects.requireNonNull(username, "username");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("username must not be empty");
        }
        credentials = List.copyOf(credentials);
        Set<ScramAlgorithm> seen = EnumSet.noneOf(ScramAlgorithm.class);
        for (ScramCredential c : credentials) {
            if (!seen.add(c.algorithm())) {
                throw new IllegalArgumentException("two credentials for " + c.algorithm() + " of " + username);
            }
        }
    }

    /** Convenience for {@code new AccountRecord(username, List.of(credentials))}. */
    public static AccountRecord of(String username, ScramCredential... credentials) {
        return new AccountRecord(username, List.of(credentials));
    }
}
