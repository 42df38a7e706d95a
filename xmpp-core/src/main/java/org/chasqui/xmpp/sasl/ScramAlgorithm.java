package org.chasqui.xmpp.sasl;

/**
 * The hash functions SCRAM is used with here, with the JDK algorithm names that implement them.
 * SCRAM-SHA-1 is RFC 5802 §4, SCRAM-SHA-256 is RFC 7677 §2.
 */
public enum ScramAlgorithm {
    SHA_1("SCRAM-SHA-1", "SHA-1", "HmacSHA1", "PBKDF2WithHmacSHA1", 20),
    SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256", "PBKDF2WithHmacSHA256", 32);

    private final String mechanismName;
    private final String digestAlgorithm;
    private final String hmacAlgorithm;
    private final String pbkdf2Algorithm;
    private final int keyLength;

    ScramAlgorithm(String mechanismName, String digestAlgorithm, String hmacAlgorithm,
                   String pbkdf2Algorithm, int keyLength) {
        this.mechanismName = mechanismName;
        this.digestAlgorithm = digestAlgorithm;
        this.hmacAlgorithm = hmacAlgorithm;
        this.pbkdf2Algorithm = pbkdf2Algorithm;
        this.keyLength = keyLength;
    }

    /** The SASL mechanism name without channel binding, e.g. {@code SCRAM-SHA-1}. */
    public String mechanismName() {
        return mechanismName;
    }

    /** The SASL mechanism name with channel binding, e.g. {@code SCRAM-SHA-1-PLUS} (RFC 5802 §4). */
    public String plusMechanismName() {
        return mechanismName + "-PLUS";
    }

    /** {@link java.security.MessageDigest} name of H(). */
    public String digestAlgorithm() {
        return digestAlgorithm;
    }

    /** {@link javax.crypto.Mac} name of HMAC(). */
    public String hmacAlgorithm() {
        return hmacAlgorithm;
    }

    /** {@link javax.crypto.SecretKeyFactory} name of Hi(), which is PBKDF2 with HMAC() as PRF (RFC 5802 §2.2). */
    public String pbkdf2Algorithm() {
        return pbkdf2Algorithm;
    }

    /** Output length of H() and HMAC() in bytes; also the length of every SCRAM key. */
    public int keyLength() {
        return keyLength;
    }
}
