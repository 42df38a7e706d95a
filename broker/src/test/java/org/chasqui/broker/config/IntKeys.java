package org.chasqui.broker.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every integer key and its range, as the tests expect them. */
final class IntKeys {

    static final Map<String, IntRange> RANGES = new LinkedHashMap<>();

    static {
        RANGES.put("c2s.starttls_port", C2sConfig.STARTTLS_PORT_RANGE);
        RANGES.put("c2s.direct_tls_port", C2sConfig.DIRECT_TLS_PORT_RANGE);
        RANGES.put("c2s.sm_resume_timeout_seconds", C2sConfig.SM_RESUME_TIMEOUT_SECONDS_RANGE);
        RANGES.put("c2s.sm_max_unacked_stanzas", C2sConfig.SM_MAX_UNACKED_STANZAS_RANGE);
        RANGES.put("limits.max_stanza_bytes", LimitsConfig.MAX_STANZA_BYTES_RANGE);
        RANGES.put("limits.max_element_depth", LimitsConfig.MAX_ELEMENT_DEPTH_RANGE);
        RANGES.put("limits.max_attributes", LimitsConfig.MAX_ATTRIBUTES_RANGE);
        RANGES.put("limits.max_connections_per_ip", LimitsConfig.MAX_CONNECTIONS_PER_IP_RANGE);
        RANGES.put("limits.max_read_bytes_per_second", LimitsConfig.MAX_READ_BYTES_PER_SECOND_RANGE);
        RANGES.put("limits.unauthenticated_timeout_seconds", LimitsConfig.UNAUTHENTICATED_TIMEOUT_SECONDS_RANGE);
        RANGES.put("limits.max_auth_attempts", LimitsConfig.MAX_AUTH_ATTEMPTS_RANGE);
        RANGES.put("auth.scram_iterations", AuthConfig.SCRAM_ITERATIONS_RANGE);
        RANGES.put("auth.plain_cache_entries", AuthConfig.PLAIN_CACHE_ENTRIES_RANGE);
        RANGES.put("auth.plain_cache_ttl_seconds", AuthConfig.PLAIN_CACHE_TTL_SECONDS_RANGE);
        RANGES.put("registration.max_per_connection", RegistrationConfig.MAX_PER_CONNECTION_RANGE);
        RANGES.put("server.keepalive_seconds", RuntimeConfig.KEEPALIVE_SECONDS_RANGE);
        RANGES.put("server.shutdown_grace_seconds", RuntimeConfig.SHUTDOWN_GRACE_SECONDS_RANGE);
        RANGES.put("im.max_offline_messages", ImConfig.MAX_OFFLINE_MESSAGES_RANGE);
        RANGES.put("im.max_roster_items", ImConfig.MAX_ROSTER_ITEMS_RANGE);
        RANGES.put("pubsub.max_items_per_node", PubSubConfig.MAX_ITEMS_PER_NODE_RANGE);
        RANGES.put("pubsub.max_payload_bytes", PubSubConfig.MAX_PAYLOAD_BYTES_RANGE);
        RANGES.put("pubsub.max_nodes_per_owner", PubSubConfig.MAX_NODES_PER_OWNER_RANGE);
        RANGES.put("pubsub.max_subscriptions_per_node", PubSubConfig.MAX_SUBSCRIPTIONS_PER_NODE_RANGE);
        RANGES.put("http.port", HttpConfig.PORT_RANGE);
        RANGES.put("http.tls_port", HttpConfig.PORT_RANGE);
        RANGES.put("http.websocket_idle_timeout_seconds", HttpConfig.WEBSOCKET_IDLE_TIMEOUT_SECONDS_RANGE);
        RANGES.put("http.max_sessions", HttpConfig.MAX_SESSIONS_RANGE);
        RANGES.put("http.max_request_bytes", HttpConfig.MAX_REQUEST_BYTES_RANGE);
        RANGES.put("http.max_requests_per_second_per_ip", HttpConfig.MAX_REQUESTS_PER_SECOND_PER_IP_RANGE);
        RANGES.put("http.bosh_max_wait_seconds", HttpConfig.BOSH_MAX_WAIT_SECONDS_RANGE);
        RANGES.put("http.bosh_max_inactivity_seconds", HttpConfig.BOSH_MAX_INACTIVITY_SECONDS_RANGE);
        RANGES.put("http.bosh_max_hold", HttpConfig.BOSH_MAX_HOLD_RANGE);
        RANGES.put("http.bosh_max_pause_seconds", HttpConfig.BOSH_MAX_PAUSE_SECONDS_RANGE);
        RANGES.put("http.bosh_polling_seconds", HttpConfig.BOSH_POLLING_SECONDS_RANGE);
        RANGES.put("snapshots.interval_seconds", SnapshotConfig.INTERVAL_SECONDS_RANGE);
        RANGES.put("snapshots.keep", SnapshotConfig.KEEP_RANGE);
    }

    private IntKeys() {
    }

    /** {@code a.b: v} as nested YAML. */
    static String yaml(String dottedKey, String value) {
        int dot = dottedKey.indexOf('.');
        return dot < 0 ? dottedKey + ": " + value + "\n"
                : dottedKey.substring(0, dot) + ":\n  " + dottedKey.substring(dot + 1) + ": " + value + "\n";
    }
}
