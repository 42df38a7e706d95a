package org.chasqui.broker.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chasqui.persistence.log.Durability;
import org.chasqui.persistence.log.JournalRoll;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads the YAML configuration file and overlays it on {@link ServerConfig#defaults()}. Any subset
 * of keys may be given; unknown keys, wrong types and out-of-range values are errors. YAML 1.2 core
 * schema: {@code true}/{@code false} are booleans, {@code null} or {@code ~} is null, {@code yes}
 * is just a string.
 */
public final class ConfigLoader {

    private static final int MAX_FILE_CODE_POINTS = 1 << 20;
    private static final int MAX_ALIASES = 16;

    private ConfigLoader() {
    }

    /** Loads {@code file}; a missing or unreadable file is a {@link ConfigException} naming it. */
    public static ServerConfig load(Path file) {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, "configuration file not found", e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(source, "configuration file is not valid UTF-8", e);
        } catch (IOException e) {
            throw new ConfigException(source, "cannot read configuration file: " + e, e);
        }
        return parse(text, source);
    }

    /** Parses YAML text (as in a configuration file) over the defaults. */
    public static ServerConfig parse(String yaml) {
        return parse(yaml, "<configuration>");
    }

    static ServerConfig parse(String yaml, String source) {
        Object document;
        try {
            document = new Load(settings(source)).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new ConfigException(source, "malformed YAML: " + e.getMessage(), e);
        }
        if (document == null) {
            return ServerConfig.defaults();
        }
        if (!(document instanceof Map)) {
            throw ConfigException.invalid(source, "must be a YAML mapping of keys to values", document);
        }
        return read(YamlSection.root((Map<?, ?>) document), ServerConfig.defaults());
    }

    /**
     * Every setting of {@code config} under its dotted key, in file order, with YAML-ready values
     * (strings, integers, booleans, null). For logging the effective configuration, and for the tests
     * that keep docs/CONFIGURATION.md in step.
     */
    public static Map<String, Object> flatten(ServerConfig config) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("domain", config.domain());
        out.put("data_dir", config.dataDir().toString());
        C2sConfig c2s = config.c2s();
        out.put("c2s.bind_address", c2s.bindAddress());
        out.put("c2s.starttls_port", c2s.starttlsPort());
        out.put("c2s.direct_tls_port", c2s.directTlsPort());
        out.put("c2s.require_tls", c2s.requireTls());
        out.put("c2s.sm_resume_timeout_seconds", c2s.smResumeTimeoutSeconds());
        out.put("c2s.sm_max_unacked_stanzas", c2s.smMaxUnackedStanzas());
        out.put("c2s.allow_plain_without_tls", c2s.allowPlainWithoutTls());
        TlsConfig tls = config.tls();
        out.put("tls.certificate", tls.certificate() == null ? null : tls.certificate().toString());
        out.put("tls.private_key", tls.privateKey() == null ? null : tls.privateKey().toString());
        LimitsConfig limits = config.limits();
        out.put("limits.max_stanza_bytes", limits.maxStanzaBytes());
        out.put("limits.max_element_depth", limits.maxElementDepth());
        out.put("limits.max_attributes", limits.maxAttributes());
        out.put("limits.max_connections_per_ip", limits.maxConnectionsPerIp());
        out.put("limits.max_read_bytes_per_second", limits.maxReadBytesPerSecond());
        out.put("limits.unauthenticated_timeout_seconds", limits.unauthenticatedTimeoutSeconds());
        out.put("limits.max_auth_attempts", limits.maxAuthAttempts());
        out.put("auth.scram_iterations", config.auth().scramIterations());
        out.put("auth.allow_plain", config.auth().allowPlain());
        out.put("auth.plain_cache_entries", config.auth().plainCacheEntries());
        out.put("auth.plain_cache_ttl_seconds", config.auth().plainCacheTtlSeconds());
        out.put("registration.enabled", config.registration().enabled());
        out.put("registration.allow_removal", config.registration().allowRemoval());
        out.put("registration.max_per_connection", config.registration().maxPerConnection());
        out.put("server.keepalive_seconds", config.server().keepaliveSeconds());
        out.put("server.shutdown_grace_seconds", config.server().shutdownGraceSeconds());
        out.put("server.native_transport", config.server().nativeTransport());
        out.put("im.max_offline_messages", config.im().maxOfflineMessages());
        out.put("im.max_roster_items", config.im().maxRosterItems());
        PubSubConfig pubsub = config.pubsub();
        out.put("pubsub.subdomain", pubsub.subdomain());
        out.put("pubsub.max_items_per_node", pubsub.maxItemsPerNode());
        out.put("pubsub.max_payload_bytes", pubsub.maxPayloadBytes());
        out.put("pubsub.max_nodes_per_owner", pubsub.maxNodesPerOwner());
        out.put("pubsub.max_subscriptions_per_node", pubsub.maxSubscriptionsPerNode());
        HttpConfig http = config.http();
        out.put("http.bind_address", http.bindAddress());
        out.put("http.port", http.port());
        out.put("http.tls_port", http.tlsPort());
        out.put("http.loopback_without_tls", http.loopbackWithoutTls());
        out.put("http.cors_origins", http.corsOrigins());
        out.put("http.websocket_see_other_uri", http.websocketSeeOtherUri());
        out.put("http.websocket_idle_timeout_seconds", http.websocketIdleTimeoutSeconds());
        out.put("http.max_sessions", http.maxSessions());
        out.put("http.max_request_bytes", http.maxRequestBytes());
        out.put("http.max_requests_per_second_per_ip", http.maxRequestsPerSecondPerIp());
        out.put("http.bosh_max_wait_seconds", http.boshMaxWaitSeconds());
        out.put("http.bosh_max_inactivity_seconds", http.boshMaxInactivitySeconds());
        out.put("http.bosh_max_hold", http.boshMaxHold());
        out.put("http.bosh_max_pause_seconds", http.boshMaxPauseSeconds());
        out.put("http.bosh_polling_seconds", http.boshPollingSeconds());
        out.put("storage.durability", StorageConfig.name(config.storage().durability()));
        out.put("storage.journal_roll", config.storage().journalRoll().spelling());
        SnapshotConfig snapshots = config.snapshots();
        out.put("snapshots.interval_seconds", snapshots.intervalSeconds());
        out.put("snapshots.keep", snapshots.keep());
        out.put("snapshots.on_shutdown", snapshots.onShutdown());
        return out;
    }

    private static LoadSettings settings(String source) {
        return LoadSettings.builder()
                .setLabel(source)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_FILE_CODE_POINTS)
                .build();
    }

    private static ServerConfig read(YamlSection root, ServerConfig base) {
        String domain = root.string("domain", base.domain());
        Path dataDir = root.path("data_dir", base.dataDir());
        C2sConfig c2s = c2s(root.section("c2s"), base.c2s());
        TlsConfig tls = tls(root.section("tls"), base.tls());
        LimitsConfig limits = limits(root.section("limits"), base.limits());
        AuthConfig auth = auth(root.section("auth"), base.auth());
        RegistrationConfig registration = registration(root.section("registration"), base.registration());
        RuntimeConfig server = server(root.section("server"), base.server());
        ImConfig im = im(root.section("im"), base.im());
        PubSubConfig pubsub = pubsub(root.section("pubsub"), base.pubsub());
        HttpConfig http = http(root.section("http"), base.http());
        StorageConfig storage = storage(root.section("storage"), base.storage());
        SnapshotConfig snapshots = snapshots(root.section("snapshots"), base.snapshots());
        root.finish();
        return new ServerConfig(domain, dataDir, c2s, tls, limits, auth, registration, server, im, pubsub, http, storage, snapshots);
    }

    private static C2sConfig c2s(YamlSection s, C2sConfig base) {
        String bindAddress = s.string("bind_address", base.bindAddress());
        int starttlsPort = s.integer("starttls_port", base.starttlsPort(), C2sConfig.STARTTLS_PORT_RANGE);
        int directTlsPort = s.integer("direct_tls_port", base.directTlsPort(), C2sConfig.DIRECT_TLS_PORT_RANGE);
        boolean requireTls = s.bool("require_tls", base.requireTls());
        int smResumeTimeout = s.integer("sm_resume_timeout_seconds", base.smResumeTimeoutSeconds(),
                C2sConfig.SM_RESUME_TIMEOUT_SECONDS_RANGE);
        int smMaxUnacked = s.integer("sm_max_unacked_stanzas", base.smMaxUnackedStanzas(),
                C2sConfig.SM_MAX_UNACKED_STANZAS_RANGE);
        boolean plainWithoutTls = s.bool("allow_plain_without_tls", base.allowPlainWithoutTls());
        s.finish();
        return new C2sConfig(bindAddress, starttlsPort, directTlsPort, requireTls, smResumeTimeout, smMaxUnacked,
                plainWithoutTls);
    }

    private static TlsConfig tls(YamlSection s, TlsConfig base) {
        Path certificate = s.nullablePath("certificate", base.certificate());
        Path privateKey = s.nullablePath("private_key", base.privateKey());
        s.finish();
        return new TlsConfig(certificate, privateKey);
    }

    private static LimitsConfig limits(YamlSection s, LimitsConfig base) {
        int stanzaBytes = s.integer("max_stanza_bytes", base.maxStanzaBytes(),
                LimitsConfig.MAX_STANZA_BYTES_RANGE);
        int depth = s.integer("max_element_depth", base.maxElementDepth(),
                LimitsConfig.MAX_ELEMENT_DEPTH_RANGE);
        int attributes = s.integer("max_attributes", base.maxAttributes(),
                LimitsConfig.MAX_ATTRIBUTES_RANGE);
        int connections = s.integer("max_connections_per_ip", base.maxConnectionsPerIp(),
                LimitsConfig.MAX_CONNECTIONS_PER_IP_RANGE);
        int readRate = s.integer("max_read_bytes_per_second", base.maxReadBytesPerSecond(),
                LimitsConfig.MAX_READ_BYTES_PER_SECOND_RANGE);
        int timeout = s.integer("unauthenticated_timeout_seconds", base.unauthenticatedTimeoutSeconds(),
                LimitsConfig.UNAUTHENTICATED_TIMEOUT_SECONDS_RANGE);
        int authAttempts = s.integer("max_auth_attempts", base.maxAuthAttempts(),
                LimitsConfig.MAX_AUTH_ATTEMPTS_RANGE);
        s.finish();
        return new LimitsConfig(stanzaBytes, depth, attributes, connections, readRate, timeout, authAttempts);
    }

    private static AuthConfig auth(YamlSection s, AuthConfig base) {
        int iterations = s.integer("scram_iterations", base.scramIterations(), AuthConfig.SCRAM_ITERATIONS_RANGE);
        boolean allowPlain = s.bool("allow_plain", base.allowPlain());
        int cacheEntries = s.integer("plain_cache_entries", base.plainCacheEntries(),
                AuthConfig.PLAIN_CACHE_ENTRIES_RANGE);
        int cacheTtl = s.integer("plain_cache_ttl_seconds", base.plainCacheTtlSeconds(),
                AuthConfig.PLAIN_CACHE_TTL_SECONDS_RANGE);
        s.finish();
        return new AuthConfig(iterations, allowPlain, cacheEntries, cacheTtl);
    }

    private static RegistrationConfig registration(YamlSection s, RegistrationConfig base) {
        boolean enabled = s.bool("enabled", base.enabled());
        boolean allowRemoval = s.bool("allow_removal", base.allowRemoval());
        int maxPerConnection = s.integer("max_per_connection", base.maxPerConnection(),
                RegistrationConfig.MAX_PER_CONNECTION_RANGE);
        s.finish();
        return new RegistrationConfig(enabled, allowRemoval, maxPerConnection);
    }

    private static RuntimeConfig server(YamlSection s, RuntimeConfig base) {
        int keepalive = s.integer("keepalive_seconds", base.keepaliveSeconds(), RuntimeConfig.KEEPALIVE_SECONDS_RANGE);
        int grace = s.integer("shutdown_grace_seconds", base.shutdownGraceSeconds(),
                RuntimeConfig.SHUTDOWN_GRACE_SECONDS_RANGE);
        boolean nativeTransport = s.bool("native_transport", base.nativeTransport());
        s.finish();
        return new RuntimeConfig(keepalive, grace, nativeTransport);
    }

    private static ImConfig im(YamlSection s, ImConfig base) {
        int offline = s.integer("max_offline_messages", base.maxOfflineMessages(), ImConfig.MAX_OFFLINE_MESSAGES_RANGE);
        int roster = s.integer("max_roster_items", base.maxRosterItems(), ImConfig.MAX_ROSTER_ITEMS_RANGE);
        s.finish();
        return new ImConfig(offline, roster);
    }

    private static StorageConfig storage(YamlSection s, StorageConfig base) {
        Durability durability = s.choice("durability", base.durability(), Durability.class);
        JournalRoll roll = s.choice("journal_roll", base.journalRoll(), JournalRoll.class);
        s.finish();
        return new StorageConfig(durability, roll);
    }

    private static PubSubConfig pubsub(YamlSection s, PubSubConfig base) {
        String subdomain = s.string("subdomain", base.subdomain());
        int items = s.integer("max_items_per_node", base.maxItemsPerNode(), PubSubConfig.MAX_ITEMS_PER_NODE_RANGE);
        int payload = s.integer("max_payload_bytes", base.maxPayloadBytes(), PubSubConfig.MAX_PAYLOAD_BYTES_RANGE);
        int nodes = s.integer("max_nodes_per_owner", base.maxNodesPerOwner(), PubSubConfig.MAX_NODES_PER_OWNER_RANGE);
        int subscriptions = s.integer("max_subscriptions_per_node", base.maxSubscriptionsPerNode(),
                PubSubConfig.MAX_SUBSCRIPTIONS_PER_NODE_RANGE);
        s.finish();
        return new PubSubConfig(subdomain, items, payload, nodes, subscriptions);
    }

    private static HttpConfig http(YamlSection s, HttpConfig base) {
        String bindAddress = s.string("bind_address", base.bindAddress());
        int port = s.integer("port", base.port(), HttpConfig.PORT_RANGE);
        int tlsPort = s.integer("tls_port", base.tlsPort(), HttpConfig.PORT_RANGE);
        boolean loopback = s.bool("loopback_without_tls", base.loopbackWithoutTls());
        String cors = s.nullableString("cors_origins", base.corsOrigins());
        String seeOther = s.nullableString("websocket_see_other_uri", base.websocketSeeOtherUri());
        int idle = s.integer("websocket_idle_timeout_seconds", base.websocketIdleTimeoutSeconds(),
                HttpConfig.WEBSOCKET_IDLE_TIMEOUT_SECONDS_RANGE);
        int sessions = s.integer("max_sessions", base.maxSessions(), HttpConfig.MAX_SESSIONS_RANGE);
        int requestBytes = s.integer("max_request_bytes", base.maxRequestBytes(), HttpConfig.MAX_REQUEST_BYTES_RANGE);
        int rate = s.integer("max_requests_per_second_per_ip", base.maxRequestsPerSecondPerIp(),
                HttpConfig.MAX_REQUESTS_PER_SECOND_PER_IP_RANGE);
        int wait = s.integer("bosh_max_wait_seconds", base.boshMaxWaitSeconds(), HttpConfig.BOSH_MAX_WAIT_SECONDS_RANGE);
        int inactivity = s.integer("bosh_max_inactivity_seconds", base.boshMaxInactivitySeconds(),
                HttpConfig.BOSH_MAX_INACTIVITY_SECONDS_RANGE);
        int hold = s.integer("bosh_max_hold", base.boshMaxHold(), HttpConfig.BOSH_MAX_HOLD_RANGE);
        int pause = s.integer("bosh_max_pause_seconds", base.boshMaxPauseSeconds(), HttpConfig.BOSH_MAX_PAUSE_SECONDS_RANGE);
        int polling = s.integer("bosh_polling_seconds", base.boshPollingSeconds(), HttpConfig.BOSH_POLLING_SECONDS_RANGE);
        s.finish();
        return new HttpConfig(bindAddress, port, tlsPort, loopback, cors, seeOther, idle, sessions, requestBytes, rate,
                wait, inactivity, hold, pause, polling);
    }

    private static SnapshotConfig snapshots(YamlSection s, SnapshotConfig base) {
        int interval = s.integer("interval_seconds", base.intervalSeconds(), SnapshotConfig.INTERVAL_SECONDS_RANGE);
        int keep = s.integer("keep", base.keep(), SnapshotConfig.KEEP_RANGE);
        boolean onShutdown = s.bool("on_shutdown", base.onShutdown());
        s.finish();
        return new SnapshotConfig(interval, keep, onShutdown);
    }
}
