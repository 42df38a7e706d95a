package org.chasqui.broker.accounts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.chasqui.xmpp.sasl.ScramCredential;

/**
 * Passwords recently verified against an account's stored SCRAM credential (SASL PLAIN), so that the
 * next PLAIN login of that account with the same password costs one HMAC instead of a PBKDF2 derivation.
 * The idea is Dovecot's authentication cache; the password itself is never kept.
 *
 * <p>What is kept per account: the credential object the password was checked against and
 * {@code HMAC-SHA-256(K, username | salt | iterations | StoredKey | password)}, where K is 32 random
 * bytes drawn when the process starts and never written anywhere. A later login matches only if the
 * account still has that very credential (a password change, a credential written by another process,
 * a removal, all replace or drop it) and the tag computed from the offered password equals the stored
 * one (compared in constant time). A mismatch proves nothing and the caller falls back to the full
 * derivation, so a wrong password costs what it costs without the cache, and so does an account that
 * is not cached: timing does not tell whether an account logged in recently.
 *
 * <p>The trade-off: someone who can read the process's memory (a heap dump, a core file) finds K and
 * the tags, and can test guesses of the cached accounts' passwords at HMAC speed instead of PBKDF2
 * speed (about 8,000 times faster at 4096 iterations). Such a reader also sees every PLAIN password as
 * it arrives, so the cache widens what one snapshot of memory exposes (the accounts that logged in
 * within the time-to-live) rather than what a present attacker can get. Nothing reaches the disk,
 * snapshots or backups. Bounded: at most {@code capacity} entries, each valid for {@code ttl}.
 *
 * <p>Thread-safe: entries live in a concurrent map; {@link #matches} reads without locking.
 */
final class VerifiedPasswords {

    private static final String HMAC = "HmacSHA256";

    private record Entry(ScramCredential credential, byte[] tag, long expiresMillis) {
    }

    private final int capacity;
    private final long ttlMillis;
    private final InstantSource clock;
    private final SecretKeySpec key;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * @param capacity accounts remembered at most; 0 turns the cache off
     * @param ttl      how long a verified password is remembered
     */
    VerifiedPasswords(int capacity, Duration ttl, InstantSource clock, SecureRandom random) {
        if (capacity < 0 || ttl.isNegative()) {
            throw new IllegalArgumentException("capacity and ttl must not be negative");
        }
        this.capacity = capacity;
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
        byte[] k = new byte[32];
        random.nextBytes(k);
        this.key = new SecretKeySpec(k, HMAC);
    }

    static VerifiedPasswords off() {
        return new VerifiedPasswords(0, Duration.ZERO, InstantSource.system(), new SecureRandom());
    }

    boolean enabled() {
        return capacity > 0;
    }

    /** True if {@code password} was verified for {@code username}'s current {@code credential} within the ttl. */
    boolean matches(String username, ScramCredential credential, String password) {
        Entry e = entries.get(username);
        if (e == null || e.credential != credential) {
            return false;
        }
        if (clock.millis() >= e.expiresMillis) {
            entries.remove(username, e);
            return false;
        }
        return MessageDigest.isEqual(tag(username, credential, password), e.tag);
    }

    /** Records that {@code password} has just been verified against {@code credential} the slow way. */
    void remember(String username, ScramCredential credential, String password) {
        if (capacity == 0) {
            return;
        }
        if (entries.size() >= capacity && !entries.containsKey(username)) {
            makeRoom();
        }
        entries.put(username, new Entry(credential, tag(username, credential, password), clock.millis() + ttlMillis));
    }

    /** Drops what is remembered for {@code username} (its password changed, or it was removed). */
    void forget(String username) {
        entries.remove(username);
    }

    int size() {
        return entries.size();
    }

    /**
     * Drops the expired entries; if none had expired, an eighth of the entries (in the map's order, which
     * is unrelated to age or to who is asking), so a full cache pays this sweep once per capacity/8 inserts.
     */
    private void makeRoom() {
        long now = clock.millis();
        int removed = 0;
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            if (now >= it.next().expiresMillis) {
                it.remove();
                removed++;
            }
        }
        int batch = Math.max(1, capacity / 8);
        for (Iterator<Entry> it = entries.values().iterator(); removed < batch && it.hasNext(); removed++) {
            it.next();
            it.remove();
        }
    }

    private byte[] tag(String username, ScramCredential credential, String password) {
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        byte[] salt = credential.salt();
        byte[] stored = credential.storedKey();
        byte[] pass = password.getBytes(StandardCharsets.UTF_8);
        // lengths first, so that no two different inputs give the same bytes
        ByteBuffer input = ByteBuffer.allocate(16 + user.length + salt.length + 4 + stored.length + pass.length)
                .putInt(user.length).put(user).putInt(salt.length).put(salt).putInt(credential.iterations())
                .putInt(stored.length).put(stored).put(pass);
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(input.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " unavailable", e);
        } finally {
            java.util.Arrays.fill(pass, (byte) 0);
            java.util.Arrays.fill(input.array(), (byte) 0);
        }
    }
}
