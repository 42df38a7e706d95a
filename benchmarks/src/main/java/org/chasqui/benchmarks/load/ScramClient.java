package org.chasqui.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM-SHA-1 (RFC 5802) or SCRAM-SHA-256 (RFC 7677) without channel binding, for ASCII user names and
 * passwords (SASLprep is then the identity). The salted password of each user, salt and iteration
 * count is kept, so a second login of the same account costs the client only a few HMACs: the login
 * scenario warms it up first, so that the measured logins show the server's cost, not the client's
 * key derivation on the same CPUs.
 */
final class ScramClient {

    static final String MECHANISM = "SCRAM-SHA-1";
    static final String MECHANISM_256 = "SCRAM-SHA-256";
    private static final Map<String, byte[]> SALTED = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String user;
    private final String password;
    private final String clientFirstBare;
    private final boolean sha256;
    private byte[] expectedServerSignature;

    ScramClient(String user, String password) {
        this(user, password, false);
    }

    ScramClient(String user, String password, boolean sha256) {
        this.sha256 = sha256;
        this.user = user;
        this.password = password;
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        this.clientFirstBare = "n=" + user + ",r=" + Base64.getEncoder().encodeToString(nonce);
    }

    /** RFC 5802 §5.1 client-first-message: no channel binding, no authzid. */
    byte[] first() {
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.US_ASCII);
    }

    /** The client-final-message for the server-first-message {@code serverFirst}. */
    byte[] answer(byte[] serverFirstBytes) {
        String serverFirst = new String(serverFirstBytes, StandardCharsets.US_ASCII);
        String nonce = null;
        String salt = null;
        int iterations = 0;
        for (String part : serverFirst.split(",")) {
            if (part.startsWith("r=")) {
                nonce = part.substring(2);
            } else if (part.startsWith("s=")) {
                salt = part.substring(2);
            } else if (part.startsWith("i=")) {
                iterations = Integer.parseInt(part.substring(2));
            }
        }
        if (nonce == null || salt == null || iterations <= 0) {
            throw new IllegalStateException("bad server-first-message " + serverFirst);
        }
        try {
            byte[] salted = saltedPassword(salt, iterations);
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance(sha256 ? "SHA-256" : "SHA-1").digest(clientKey);
            String withoutProof = "c=biws,r=" + nonce;
            String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
            byte[] signature = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            expectedServerSignature = hmac(hmac(salted, "Server Key"), authMessage);
            return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True if the server-final-message (the success data) proves the server knew the password. */
    boolean verify(byte[] serverFinal) {
        String s = new String(serverFinal, StandardCharsets.US_ASCII);
        return s.startsWith("v=") && expectedServerSignature != null
                && MessageDigest.isEqual(Base64.getDecoder().decode(s.substring(2)), expectedServerSignature);
    }

    private byte[] saltedPassword(String salt, int iterations) {
        return SALTED.computeIfAbsent(user + "," + salt + "," + iterations + "," + sha256, k -> {
            try {
                PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), Base64.getDecoder().decode(salt), iterations,
                        sha256 ? 256 : 160);
                return SecretKeyFactory.getInstance(sha256 ? "PBKDF2WithHmacSHA256" : "PBKDF2WithHmacSHA1")
                        .generateSecret(spec).getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        String alg = sha256 ? "HmacSHA256" : "HmacSHA1";
        Mac mac = Mac.getInstance(alg);
        mac.init(new SecretKeySpec(key, alg));
        return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
    }
}
