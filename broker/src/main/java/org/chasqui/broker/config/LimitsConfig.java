package org.chasqui.broker.config;

/**
 * Per-connection resource limits (the {@code limits} section). They protect the server from a
 * client that sends too much, too deep, too fast or never authenticates.
 *
 * @param maxStanzaBytes                largest stanza, in bytes of XML, before a
 *                                      {@code <policy-violation/>} stream error (RFC 6120 §4.9.3.14)
 * @param maxElementDepth               deepest element nesting inside a stanza
 * @param maxAttributes                 most attributes on one element
 * @param maxConnectionsPerIp           simultaneous c2s connections from one IP address
 * @param maxReadBytesPerSecond         read rate per connection; reading pauses above it
 * @param unauthenticatedTimeoutSeconds time allowed from connect to successful SASL
 * @param maxAuthAttempts               failed SASL attempts before the stream is closed
 */
public record LimitsConfig(
        int maxStanzaBytes,
        int maxElementDepth,
        int maxAttributes,
        int maxConnectionsPerIp,
        int maxReadBytesPerSecond,
        int unauthenticatedTimeoutSeconds,
        int maxAuthAttempts) {

    public static final int DEFAULT_MAX_STANZA_BYTES = 262_144;
    public static final int DEFAULT_MAX_ELEMENT_DEPTH = 64;
    public static final int DEFAULT_MAX_ATTRIBUTES = 64;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 64;
    public static final int DEFAULT_MAX_READ_BYTES_PER_SECOND = 1_048_576;
    public static final int DEFAULT_UNAUTHENTICATED_TIMEOUT_SECONDS = 60;
    public static final int DEFAULT_MAX_AUTH_ATTEMPTS = 5;

    /**
     * At most 2 MiB: a stanza may become one journal record (an offline message, a published item), a
     * Chronicle Queue record holds at most 16 MiB, and re-serialising can grow a stanza up to six times
     * (a raw ' in an attribute becomes &amp;apos;). A record the journal cannot take fails its writer,
     * which stops the server (fail-stop), so no stanza a client may send must come near that.
     */
    public static final IntRange MAX_STANZA_BYTES_RANGE = new IntRange(1024, 2_097_152);
    public static final IntRange MAX_ELEMENT_DEPTH_RANGE = new IntRange(4, 1024);
    public static final IntRange MAX_ATTRIBUTES_RANGE = new IntRange(1, 4096);
    public static final IntRange MAX_CONNECTIONS_PER_IP_RANGE = new IntRange(1, 1_000_000);
    public static final IntRange MAX_READ_BYTES_PER_SECOND_RANGE = new IntRange(1024, Integer.MAX_VALUE);
    public static final IntRange UNAUTHENTICATED_TIMEOUT_SECONDS_RANGE = new IntRange(1, 86_400);
    public static final IntRange MAX_AUTH_ATTEMPTS_RANGE = new IntRange(1, 100);

    public static final LimitsConfig DEFAULTS = new LimitsConfig(
            DEFAULT_MAX_STANZA_BYTES,
            DEFAULT_MAX_ELEMENT_DEPTH,
            DEFAULT_MAX_ATTRIBUTES,
            DEFAULT_MAX_CONNECTIONS_PER_IP,
            DEFAULT_MAX_READ_BYTES_PER_SECOND,
            DEFAULT_UNAUTHENTICATED_TIMEOUT_SECONDS,
            DEFAULT_MAX_AUTH_ATTEMPTS);

    public LimitsConfig {
        MAX_STANZA_BYTES_RANGE.check("limits.max_stanza_bytes", maxStanzaBytes);
        MAX_ELEMENT_DEPTH_RANGE.check("limits.max_element_depth", maxElementDepth);
        MAX_ATTRIBUTES_RANGE.check("limits.max_attributes", maxAttributes);
        MAX_CONNECTIONS_PER_IP_RANGE.check("limits.max_connections_per_ip", maxConnectionsPerIp);
        MAX_READ_BYTES_PER_SECOND_RANGE.check("limits.max_read_bytes_per_second", maxReadBytesPerSecond);
        UNAUTHENTICATED_TIMEOUT_SECONDS_RANGE.check(
                "limits.unauthenticated_timeout_seconds", unauthenticatedTimeoutSeconds);
        MAX_AUTH_ATTEMPTS_RANGE.check("limits.max_auth_attempts", maxAuthAttempts);
    }

    public LimitsConfig withMaxStanzaBytes(int value) {
        return new LimitsConfig(value, maxElementDepth, maxAttributes, maxConnectionsPerIp,
                maxReadBytesPerSecond, unauthenticatedTimeoutSeconds, maxAuthAttempts);
    }

    public LimitsConfig withMaxElementDepth(int value) {
        return new LimitsConfig(maxStanzaBytes, value, maxAttributes, maxConnectionsPerIp,
                maxReadBytesPerSecond, unauthenticatedTimeoutSeconds, maxAuthAttempts);
    }

    public LimitsConfig withMaxConnectionsPerIp(int value) {
        return new LimitsConfig(maxStanzaBytes, maxElementDepth, maxAttributes, value,
                maxReadBytesPerSecond, unauthenticatedTimeoutSeconds, maxAuthAttempts);
    }

    public LimitsConfig withMaxReadBytesPerSecond(int value) {
        return new LimitsConfig(maxStanzaBytes, maxElementDepth, maxAttributes, maxConnectionsPerIp,
                value, unauthenticatedTimeoutSeconds, maxAuthAttempts);
    }

    public LimitsConfig withUnauthenticatedTimeoutSeconds(int value) {
        return new LimitsConfig(maxStanzaBytes, maxElementDepth, maxAttributes, maxConnectionsPerIp,
                maxReadBytesPerSecond, value, maxAuthAttempts);
    }

    public LimitsConfig withMaxAuthAttempts(int value) {
        return new LimitsConfig(maxStanzaBytes, maxElementDepth, maxAttributes, maxConnectionsPerIp,
                maxReadBytesPerSecond, unauthenticatedTimeoutSeconds, value);
    }
}
