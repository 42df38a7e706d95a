package org.chasqui.xmpp.sasl;

import java.util.Optional;

/** Where {@link ScramServer} finds stored credentials. Called on the caller's thread; must not block long. */
@FunctionalInterface
public interface CredentialLookup {

    /**
     * @param username  already prepared with PRECIS UsernameCaseMapped (RFC 8265 §3.3)
     * @param algorithm the hash the client chose
     * @return the user's credential for that algorithm, or empty if there is no such user or credential
     */
    Optional<ScramCredential> find(String username, ScramAlgorithm algorithm);

    /**
     * The iteration count announced for users that do not exist: it must equal what real credentials
     * use, or the count would tell unknown users apart.
     */
    default int iterationsForUnknownUsers() {
        return ScramCredential.MIN_ITERATIONS;
    }
}
