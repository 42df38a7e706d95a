package org.chasqui.broker.config;

import java.util.Arrays;
import java.util.List;

/**
 * XMPP over HTTP (the {@code http} section): one Vert.x HTTP server, plain and TLS, serving RFC 7395
 * WebSocket at {@code /xmpp-websocket}, XEP-0124/0206 BOSH at {@code /http-bind} and XEP-0156
 * host-meta. A port of {@value #DISABLED} turns that listener off; 0 asks for a free port (tests).
 *
 * @param bindAddress            address both listeners bind to
 * @param port                   plain HTTP port
 * @param tlsPort                HTTPS port, with the c2s certificate
 * @param loopbackWithoutTls     SASL is allowed on plain HTTP when the peer's address is a loopback
 *                               address (a browser on the server's own machine); otherwise only on HTTPS
 * @param corsOrigins            origins whose pages may connect (space-separated, or {@code *} for any);
 *                               null: only same-origin pages and non-browser clients. Any by default:
 *                               every XMPP stream authenticates with SASL and no cookie is involved, so a
 *                               page elsewhere can do nothing a direct client could not
 * @param websocketSeeOtherUri   RFC 7395 §3.6.1: if set, every WebSocket stream is redirected there
 * @param websocketIdleTimeoutSeconds a WebSocket with no input for this long is closed (0: never)
 * @param maxSessions            open WebSocket and BOSH sessions together
 * @param maxRequestBytes        largest HTTP request body or WebSocket message
 * @param maxRequestsPerSecondPerIp HTTP requests (and WebSocket upgrades) per second from one address
 * @param boshMaxWaitSeconds     XEP-0124 §7.1: the longest {@code wait} granted
 * @param boshMaxInactivitySeconds XEP-0124 §7.1: the {@code inactivity} announced and enforced
 * @param boshMaxHold            XEP-0124 §7.1: the largest {@code hold} granted
 * @param boshMaxPauseSeconds    XEP-0124 §10: the longest pause ({@code maxpause}); 0 disables pausing
 * @param boshPollingSeconds     XEP-0124 §7.1: the shortest time between polls ({@code polling})
 */
public record HttpConfig(String bindAddress, int port, int tlsPort, boolean loopbackWithoutTls, String corsOrigins,
        String websocketSeeOtherUri, int websocketIdleTimeoutSeconds, int maxSessions, int maxRequestBytes,
        int maxRequestsPerSecondPerIp, int boshMaxWaitSeconds, int boshMaxInactivitySeconds, int boshMaxHold,
        int boshMaxPauseSeconds, int boshPollingSeconds) {

    public static final int DISABLED = -1;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 5280;
    public static final int DEFAULT_TLS_PORT = 5443;
    public static final boolean DEFAULT_LOOPBACK_WITHOUT_TLS = true;
    public static final String DEFAULT_CORS_ORIGINS = "*";
    public static final int DEFAULT_WEBSOCKET_IDLE_TIMEOUT_SECONDS = 300;
    public static final int DEFAULT_MAX_SESSIONS = 10_000;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 262_144;
    public static final int DEFAULT_MAX_REQUESTS_PER_SECOND_PER_IP = 200;
    public static final int DEFAULT_BOSH_MAX_WAIT_SECONDS = 60;
    public static final int DEFAULT_BOSH_MAX_INACTIVITY_SECONDS = 60;
    public static final int DEFAULT_BOSH_MAX_HOLD = 1;
    public static final int DEFAULT_BOSH_MAX_PAUSE_SECONDS = 120;
    public static final int DEFAULT_BOSH_POLLING_SECONDS = 2;

    public static final IntRange PORT_RANGE = new IntRange(DISABLED, 65535);
    public static final IntRange WEBSOCKET_IDLE_TIMEOUT_SECONDS_RANGE = new IntRange(0, 86_400);
    public static final IntRange MAX_SESSIONS_RANGE = new IntRange(1, 1_000_000);
    public static final IntRange MAX_REQUEST_BYTES_RANGE = new IntRange(1024, 67_108_864);
    public static final IntRange MAX_REQUESTS_PER_SECOND_PER_IP_RANGE = new IntRange(1, 1_000_000);
    public static final IntRange BOSH_MAX_WAIT_SECONDS_RANGE = new IntRange(1, 3600);
    public static final IntRange BOSH_MAX_INACTIVITY_SECONDS_RANGE = new IntRange(5, 3600);
    public static final IntRange BOSH_MAX_HOLD_RANGE = new IntRange(1, 10);
    public static final IntRange BOSH_MAX_PAUSE_SECONDS_RANGE = new IntRange(0, 3600);
    public static final IntRange BOSH_POLLING_SECONDS_RANGE = new IntRange(0, 60);

    public static final HttpConfig DEFAULTS = new HttpConfig(DEFAULT_BIND_ADDRESS, DEFAULT_PORT, DEFAULT_TLS_PORT,
            DEFAULT_LOOPBACK_WITHOUT_TLS, DEFAULT_CORS_ORIGINS, null, DEFAULT_WEBSOCKET_IDLE_TIMEOUT_SECONDS, DEFAULT_MAX_SESSIONS,
            DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_REQUESTS_PER_SECOND_PER_IP, DEFAULT_BOSH_MAX_WAIT_SECONDS,
            DEFAULT_BOSH_MAX_INACTIVITY_SECONDS, DEFAULT_BOSH_MAX_HOLD, DEFAULT_BOSH_MAX_PAUSE_SECONDS,
            DEFAULT_BOSH_POLLING_SECONDS);

    public HttpConfig {
        if (bindAddress == null || bindAddress.isBlank() || !bindAddress.strip().equals(bindAddress)) {
            throw ConfigException.invalid("http.bind_address", "must be an IP address or host name", bindAddress);
        }
        PORT_RANGE.check("http.port", port);
        PORT_RANGE.check("http.tls_port", tlsPort);
        if (port > 0 && port == tlsPort) {
            throw new ConfigException("http.tls_port", "must differ from http.port, both are " + port);
        }
        if (corsOrigins != null) {
            for (String origin : origins(corsOrigins)) {
                if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
                    throw ConfigException.invalid("http.cors_origins",
                            "must be space-separated origins such as https://app.example.com, or *", corsOrigins);
                }
            }
        }
        if (websocketSeeOtherUri != null && !websocketSeeOtherUri.matches("wss?://\\S+")) {
            throw ConfigException.invalid("http.websocket_see_other_uri", "must be a ws:// or wss:// URI",
                    websocketSeeOtherUri);
        }
        WEBSOCKET_IDLE_TIMEOUT_SECONDS_RANGE.check("http.websocket_idle_timeout_seconds", websocketIdleTimeoutSeconds);
        MAX_SESSIONS_RANGE.check("http.max_sessions", maxSessions);
        MAX_REQUEST_BYTES_RANGE.check("http.max_request_bytes", maxRequestBytes);
        MAX_REQUESTS_PER_SECOND_PER_IP_RANGE.check("http.max_requests_per_second_per_ip", maxRequestsPerSecondPerIp);
        BOSH_MAX_WAIT_SECONDS_RANGE.check("http.bosh_max_wait_seconds", boshMaxWaitSeconds);
        BOSH_MAX_INACTIVITY_SECONDS_RANGE.check("http.bosh_max_inactivity_seconds", boshMaxInactivitySeconds);
        BOSH_MAX_HOLD_RANGE.check("http.bosh_max_hold", boshMaxHold);
        BOSH_MAX_PAUSE_SECONDS_RANGE.check("http.bosh_max_pause_seconds", boshMaxPauseSeconds);
        BOSH_POLLING_SECONDS_RANGE.check("http.bosh_polling_seconds", boshPollingSeconds);
    }

    /** The allowed origins, empty for none. */
    public List<String> corsOriginList() {
        return corsOrigins == null ? List.of() : origins(corsOrigins);
    }

    private static List<String> origins(String value) {
        return Arrays.stream(value.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    public HttpConfig withPorts(int plain, int tls) {
        return new HttpConfig(bindAddress, plain, tls, loopbackWithoutTls, corsOrigins, websocketSeeOtherUri,
                websocketIdleTimeoutSeconds, maxSessions, maxRequestBytes, maxRequestsPerSecondPerIp,
                boshMaxWaitSeconds, boshMaxInactivitySeconds, boshMaxHold, boshMaxPauseSeconds, boshPollingSeconds);
    }

    public HttpConfig withLoopbackWithoutTls(boolean value) {
        return new HttpConfig(bindAddress, port, tlsPort, value, corsOrigins, websocketSeeOtherUri,
                websocketIdleTimeoutSeconds, maxSessions, maxRequestBytes, maxRequestsPerSecondPerIp,
                boshMaxWaitSeconds, boshMaxInactivitySeconds, boshMaxHold, boshMaxPauseSeconds, boshPollingSeconds);
    }

    public HttpConfig withCorsOrigins(String value) {
        return new HttpConfig(bindAddress, port, tlsPort, loopbackWithoutTls, value, websocketSeeOtherUri,
                websocketIdleTimeoutSeconds, maxSessions, maxRequestBytes, maxRequestsPerSecondPerIp,
                boshMaxWaitSeconds, boshMaxInactivitySeconds, boshMaxHold, boshMaxPauseSeconds, boshPollingSeconds);
    }

    public HttpConfig withWebsocketSeeOtherUri(String value) {
        return new HttpConfig(bindAddress, port, tlsPort, loopbackWithoutTls, corsOrigins, value,
                websocketIdleTimeoutSeconds, maxSessions, maxRequestBytes, maxRequestsPerSecondPerIp,
                boshMaxWaitSeconds, boshMaxInactivitySeconds, boshMaxHold, boshMaxPauseSeconds, boshPollingSeconds);
    }

    public HttpConfig withLimits(int sessions, int requestBytes, int requestsPerSecondPerIp) {
        return new HttpConfig(bindAddress, port, tlsPort, loopbackWithoutTls, corsOrigins, websocketSeeOtherUri,
                websocketIdleTimeoutSeconds, sessions, requestBytes, requestsPerSecondPerIp,
                boshMaxWaitSeconds, boshMaxInactivitySeconds, boshMaxHold, boshMaxPauseSeconds, boshPollingSeconds);
    }

    public HttpConfig withBosh(int maxWait, int maxInactivity, int maxHold, int maxPause, int polling) {
        return new HttpConfig(bindAddress, port, tlsPort, loopbackWithoutTls, corsOrigins, websocketSeeOtherUri,
                websocketIdleTimeoutSeconds, maxSessions, maxRequestBytes, maxRequestsPerSecondPerIp,
                maxWait, maxInactivity, maxHold, maxPause, polling);
    }
}
