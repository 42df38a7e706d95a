package org.chasqui.xmpp.sasl;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The stored form of a SCRAM password (RFC 5802 §3 and §9 "the server stores only the salt, iteration
 * count, StoredKey and ServerKey"); the password itself is never kept. Arrays are copied in and out.
 */
public record ScramCredential(ScramAlgorithm algorithm, byte[] salt, int iterations, byte[] storedKey,
                              byte[] serverKey) {

    /** The least iteration count {@link #generate} accepts (RFC 7677 §4: at least 4096). */
    public static final int MIN_ITERATIONS = 4096;
    /** Length of the salt {@link #generate} draws. */
    public static final int SALT_LENGTH = 16;

    public ScramCredential {
        Objects.requireNonNull(algorithm, "algorithm");
        if (salt.length == 0) {
            throw new IllegalArgumentException("salt must not be empty");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1: " + iterations);
        }
        if (storedKey.length != algorithm.keyLength() || serverKey.length != algorithm.keyLength()) {
            throw new IllegalArgumentException("keys must be " + algorithm.keyLength() + " bytes for " + algorithm);
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /**
     * Derives the credential for a password, salt and iteration count (RFC 5802 §3). Accepts any
     * {@code iterations >= 1} so that published test vectors can be reproduced.
     *
     * @throws IllegalArgumentException if the password is not a valid PRECIS OpaqueString (e.g. empty)
     */
    public static ScramCredential derive(ScramAlgorithm alg, String password, byte[] salt, int iterations) {
        byte[] salted = ScramFunctions.saltedPassword(alg, password, salt, iterations);
        try {
            byte[] clientKey = ScramFunctions.clientKey(alg, salted);
            return new ScramCredential(alg, salt, iterations, ScramFunctions.storedKey(alg, clientKey),
                    ScramFunctions.serverKey(alg, salted));
        } finally {
            Arrays.fill(salted, (byte) 0);
        }
    }

    /**
     * A new credential with a fresh {@value #SALT_LENGTH}-byte salt from {@code rnd}.
     *
     * @throws IllegalArgumentException if {@code iterations < }{@value #MIN_ITERATIONS} or the password is invalid
     */
    public static ScramCredential generate(ScramAlgorithm alg, String password, int iterations, SecureRandom rnd) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be >= " + MIN_ITERATIONS + ": " + iterations);
        }
        byte[] salt = new byte[SALT_LENGTH];
        rnd.nextBytes(salt);
        return derive(alg, password, salt, iterations);
    }

    /**
     * Whether {@code password} is the one this credential was derived from; for SASL PLAIN (RFC 4616),
     * where the server receives the password. The keys are compared in constant time.
     */
    public boolean verifyPassword(String password) {
        byte[] salted;
        try {
            salted = ScramFunctions.saltedPassword(algorithm, password, salt, iterations);
        } catch (IllegalArgumentException e) {
            return false; // not a valid OpaqueString, so it cannot be the stored password
        }
        try {
            byte[] candidateStored = ScramFunctions.storedKey(algorithm, ScramFunctions.clientKey(algorithm, salted));
            byte[] candidateServer = ScramFunctions.serverKey(algorithm, salted);
            // non-short-circuit '&': both comparisons always run
            return ScramFunctions.constantTimeEquals(candidateStored, storedKey)
                    & ScramFunctions.constantTimeEquals(candidateServer, serverKey);
        } finally {
            Arrays.fill(salted, (byte) 0);
        }
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramCredential c && algorithm == c.algorithm && iterations == c.iterations
                && Arrays.equals(salt, c.salt) && Arrays.equals(storedKey, c.storedKey)
                && Arrays.equals(serverKey, c.serverKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, iterations, Arrays.hashCode(salt), Arrays.hashCode(storedKey),
                Arrays.hashCode(serverKey));
    }

    /** Never prints the salt or keys. */
    @Override
    public String toString() {
        return "ScramCredential[" + algorithm.mechanismName() + ", iterations=" + iterations + "]";
    }
}
