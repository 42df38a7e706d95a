package org.chasqui.broker.config;

/**
 * SASL settings (the {@code auth} section).
 *
 * @param scramIterations PBKDF2 iteration count for newly stored SCRAM credentials
 *                        (RFC 5802 §5.1; RFC 7677 recommends at least 4096)
 * @param allowPlain      offer SASL PLAIN (RFC 4616); offered over TLS, and without TLS only
 *                        where {@code c2s.allow_plain_without_tls} says so (loopback benchmarks)
 */
public record AuthConfig(int scramIterations, boolean allowPlain) {

    public static final int DEFAULT_SCRAM_ITERATIONS = 4096;
    public static final boolean DEFAULT_ALLOW_PLAIN = true;

    public static final IntRange SCRAM_ITERATIONS_RANGE = new IntRange(4096, 1_000_000);

    public static final AuthConfig DEFAULTS = new AuthConfig(DEFAULT_SCRAM_ITERATIONS, DEFAULT_ALLOW_PLAIN);

    public AuthConfig {
        SCRAM_ITERATIONS_RANGE.check("auth.scram_iterations", scramIterations);
    }

    public AuthConfig withScramIterations(int value) {
        return new AuthConfig(value, allowPlain);
    }

    public AuthConfig withAllowPlain(boolean value) {
        return new AuthConfig(scramIterations, value);
    }
}
