package org.chasqui.broker.config;

/**
 * SASL settings (the {@code auth} section).
 *
 * @param scramIterations         PBKDF2 iteration count for newly stored SCRAM credentials
 *                                (RFC 5802 §5.1; RFC 7677 recommends at least 4096)
 * @param allowPlain              offer SASL PLAIN (RFC 4616); offered over TLS, and without TLS only
 *                                where {@code c2s.allow_plain_without_tls} says so (loopback benchmarks)
 * @param plainCacheEntries       accounts whose last PLAIN password is remembered as a keyed hash, so the
 *                                next PLAIN login with it skips the PBKDF2 derivation; 0 turns it off
 * @param plainCacheTtlSeconds    how long such a remembered password is accepted
 */
public record AuthConfig(int scramIterations, boolean allowPlain, int plainCacheEntries, int plainCacheTtlSeconds) {

    public static final int DEFAULT_SCRAM_ITERATIONS = 4096;
    public static final boolean DEFAULT_ALLOW_PLAIN = true;
    public static final int DEFAULT_PLAIN_CACHE_ENTRIES = 10_000;
    public static final int DEFAULT_PLAIN_CACHE_TTL_SECONDS = 3600;

    public static final IntRange SCRAM_ITERATIONS_RANGE = new IntRange(4096, 1_000_000);
    public static final IntRange PLAIN_CACHE_ENTRIES_RANGE = new IntRange(0, 10_000_000);
    public static final IntRange PLAIN_CACHE_TTL_SECONDS_RANGE = new IntRange(1, 86_400);

    public static final AuthConfig DEFAULTS = new AuthConfig(DEFAULT_SCRAM_ITERATIONS, DEFAULT_ALLOW_PLAIN,
            DEFAULT_PLAIN_CACHE_ENTRIES, DEFAULT_PLAIN_CACHE_TTL_SECONDS);

    public AuthConfig {
        SCRAM_ITERATIONS_RANGE.check("auth.scram_iterations", scramIterations);
        PLAIN_CACHE_ENTRIES_RANGE.check("auth.plain_cache_entries", plainCacheEntries);
        PLAIN_CACHE_TTL_SECONDS_RANGE.check("auth.plain_cache_ttl_seconds", plainCacheTtlSeconds);
    }

    /** The defaults with {@code scramIterations} and {@code allowPlain} as given. */
    public AuthConfig(int scramIterations, boolean allowPlain) {
        this(scramIterations, allowPlain, DEFAULT_PLAIN_CACHE_ENTRIES, DEFAULT_PLAIN_CACHE_TTL_SECONDS);
    }

    public AuthConfig withScramIterations(int value) {
        return new AuthConfig(value, allowPlain, plainCacheEntries, plainCacheTtlSeconds);
    }

    public AuthConfig withAllowPlain(boolean value) {
        return new AuthConfig(scramIterations, value, plainCacheEntries, plainCacheTtlSeconds);
    }

    public AuthConfig withPlainCache(int entries, int ttlSeconds) {
        return new AuthConfig(scramIterations, allowPlain, entries, ttlSeconds);
    }
}
