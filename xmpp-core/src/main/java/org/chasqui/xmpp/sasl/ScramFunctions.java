package org.chasqui.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import rocks.xmpp.precis.PrecisProfiles;

/**
 * The SCRAM functions of RFC 5802 §2.2 and the key derivation of §3, on the JDK's own providers.
 * All methods are pure; inputs are not modified.
 */
public final class ScramFunctions {

    private static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.US_ASCII);

    private ScramFunctions() {
    }

    /**
     * Hi(str, salt, i) of RFC 5802 §2.2: PBKDF2 with HMAC() as the PRF and dkLen = the hash length.
     * {@code str} is used as given (the JDK encodes the chars as UTF-8); prepare it first.
     *
     * @throws IllegalArgumentException if {@code iterations < 1} or the salt is empty
     */
    public static byte[] hi(ScramAlgorithm alg, String str, byte[] salt, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1: " + iterations);
        }
        if (salt.length == 0) {
            throw new IllegalArgumentException("salt must not be empty");
        }
        char[] chars = str.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, alg.keyLength() * 8);
        try {
            return SecretKeyFactory.getInstance(alg.pbkdf2Algorithm()).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(alg.pbkdf2Algorithm() + " unavailable", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    /**
     * SaltedPassword := Hi(Normalize(password), salt, i) (RFC 5802 §3), where Normalize is PRECIS
     * OpaqueString (RFC 8265 §4.2, as RFC 7677 §4 and RFC 6120 §6.3.8 permit in place of SASLprep).
     *
     * @throws IllegalArgumentException if the password is not a valid OpaqueString (e.g. empty)
     */
    public static byte[] saltedPassword(ScramAlgorithm alg, String password, byte[] salt, int iterations) {
        return hi(alg, preparePassword(password), salt, iterations);
    }

    /** PRECIS OpaqueString enforcement (RFC 8265 §4.2); throws IllegalArgumentException if invalid. */
    public static String preparePassword(String password) {
        return PrecisProfiles.OPAQUE_STRING.enforce(password);
    }

    /** HMAC(key, data) of RFC 5802 §2.2. */
    public static byte[] hmac(ScramAlgorithm alg, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(alg.hmacAlgorithm());
            mac.init(new SecretKeySpec(key, alg.hmacAlgorithm()));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(alg.hmacAlgorithm() + " unavailable", e);
        }
    }

    /** H(data) of RFC 5802 §2.2. */
    public static byte[] hash(ScramAlgorithm alg, byte[] data) {
        try {
            return MessageDigest.getInstance(alg.digestAlgorithm()).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(alg.digestAlgorithm() + " unavailable", e);
        }
    }

    /** ClientKey := HMAC(SaltedPassword, "Client Key") (RFC 5802 §3). */
    public static byte[] clientKey(ScramAlgorithm alg, byte[] saltedPassword) {
        return hmac(alg, saltedPassword, CLIENT_KEY);
    }

    /** StoredKey := H(ClientKey) (RFC 5802 §3). */
    public static byte[] storedKey(ScramAlgorithm alg, byte[] clientKey) {
        return hash(alg, clientKey);
    }

    /** ServerKey := HMAC(SaltedPassword, "Server Key") (RFC 5802 §3). */
    public static byte[] serverKey(ScramAlgorithm alg, byte[] saltedPassword) {
        return hmac(alg, saltedPassword, SERVER_KEY);
    }

    /** ClientSignature := HMAC(StoredKey, AuthMessage) (RFC 5802 §3). */
    public static byte[] clientSignature(ScramAlgorithm alg, byte[] storedKey, byte[] authMessage) {
        return hmac(alg, storedKey, authMessage);
    }

    /** ServerSignature := HMAC(ServerKey, AuthMessage) (RFC 5802 §3). */
    public static byte[] serverSignature(ScramAlgorithm alg, byte[] serverKey, byte[] authMessage) {
        return hmac(alg, serverKey, authMessage);
    }

    /** The XOR of two arrays of equal length (RFC 5802 §2.2). */
    public static byte[] xor(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " != " + b.length);
        }
        byte[] out = new byte[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    /**
     * Compares in time that depends only on the lengths, not on where the arrays differ
     * ({@link MessageDigest#isEqual} has been constant-time since JDK 6u17).
     */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
