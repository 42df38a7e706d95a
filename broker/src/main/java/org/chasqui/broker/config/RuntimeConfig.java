package org.chasqui.broker.config;

/**
 * Process-level timings (the {@code server} section; accessor {@link ServerConfig#server()}).
 *
 * @param keepaliveSeconds     interval of whitespace keepalives on idle streams (RFC 6120 §4.6.1);
 *                             0 disables them
 * @param shutdownGraceSeconds on shutdown, how long streams get to close cleanly before sockets are
 *                             dropped
 * @param nativeTransport      use Linux epoll for sockets when its native library loads (NIO otherwise)
 */
public record RuntimeConfig(int keepaliveSeconds, int shutdownGraceSeconds, boolean nativeTransport) {

    public static final int DEFAULT_KEEPALIVE_SECONDS = 60;
    public static final int DEFAULT_SHUTDOWN_GRACE_SECONDS = 5;

    public static final IntRange KEEPALIVE_SECONDS_RANGE = new IntRange(0, 3600);
    public static final IntRange SHUTDOWN_GRACE_SECONDS_RANGE = new IntRange(0, 300);

    public static final RuntimeConfig DEFAULTS =
            new RuntimeConfig(DEFAULT_KEEPALIVE_SECONDS, DEFAULT_SHUTDOWN_GRACE_SECONDS, true);

    public RuntimeConfig {
        KEEPALIVE_SECONDS_RANGE.check("server.keepalive_seconds", keepaliveSeconds);
        SHUTDOWN_GRACE_SECONDS_RANGE.check("server.shutdown_grace_seconds", shutdownGraceSeconds);
    }

    public RuntimeConfig withKeepaliveSeconds(int value) {
        return new RuntimeConfig(value, shutdownGraceSeconds, nativeTransport);
    }

    public RuntimeConfig withShutdownGraceSeconds(int value) {
        return new RuntimeConfig(keepaliveSeconds, value, nativeTransport);
    }
}
