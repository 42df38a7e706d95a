package org.chasqui.broker.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The whole server configuration: the root of an immutable record tree. Build it with
 * {@link ConfigLoader#load(Path)}, or start from {@link #defaults()} and use the {@code with*}
 * methods; every constructor validates, so an instance is always valid.
 *
 * @param domain       the XMPP domain this server is (RFC 7622 domainpart), ASCII, stored lower case
 * @param dataDir      where the journal, accounts and generated certificates live; a relative path
 *                     is relative to the working directory
 * @param c2s          client listeners
 * @param tls          server certificate
 * @param limits       per-connection limits
 * @param auth         SASL settings
 * @param registration XEP-0077 in-band registration
 * @param server       process-level timings (the {@code server:} section)
 * @param im           per-account IM storage limits
 * @param pubsub       the XEP-0060 service
 * @param http         XMPP over WebSocket and BOSH
 * @param storage      how the journals are written (durability)
 * @param snapshots    journal snapshots and how much journal is kept
 */
public record ServerConfig(
        String domain,
        Path dataDir,
        C2sConfig c2s,
        TlsConfig tls,
        LimitsConfig limits,
        AuthConfig auth,
        RegistrationConfig registration,
        RuntimeConfig server,
        ImConfig im,
        PubSubConfig pubsub,
        HttpConfig http,
        StorageConfig storage,
        SnapshotConfig snapshots) {

    public static final String DEFAULT_DOMAIN = "localhost";
    public static final Path DEFAULT_DATA_DIR = Path.of("./data");

    /** RFC 1035 §2.3.1 labels (letters, digits, inner hyphens), 1..63 characters each. */
    private static final Pattern HOSTNAME = Pattern.compile(
            "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final int MAX_DOMAIN_LENGTH = 253;

    private static final ServerConfig DEFAULTS = new ServerConfig(
            DEFAULT_DOMAIN,
            DEFAULT_DATA_DIR,
            C2sConfig.DEFAULTS,
            TlsConfig.DEFAULTS,
            LimitsConfig.DEFAULTS,
            AuthConfig.DEFAULTS,
            RegistrationConfig.DEFAULTS,
            RuntimeConfig.DEFAULTS,
            ImConfig.DEFAULTS,
            PubSubConfig.DEFAULTS,
            HttpConfig.DEFAULTS,
            StorageConfig.DEFAULTS,
            SnapshotConfig.DEFAULTS);

    public ServerConfig {
        domain = normalizeDomain(domain);
        if (dataDir == null) {
            throw new ConfigException("data_dir", "must be set");
        }
        Objects.requireNonNull(c2s, "c2s");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(im, "im");
        Objects.requireNonNull(pubsub, "pubsub");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(snapshots, "snapshots");
    }

    /** The embedded defaults: what an empty configuration file gives. */
    public static ServerConfig defaults() {
        return DEFAULTS;
    }

    public ServerConfig withDomain(String value) {
        return new ServerConfig(value, dataDir, c2s, tls, limits, auth, registration, server, im, pubsub, http, storage, snapshots);
    }

    public ServerConfig withDataDir(Path value) {
        return new ServerConfig(domain, value, c2s, tls, limits, auth, registration, server, im, pubsub, http, storage, snapshots);
    }

    public ServerConfig withC2s(C2sConfig value) {
        return new ServerConfig(domain, dataDir, value, tls, limits, auth, registration, server, im, pubsub, http, storage, snapshots);
    }

    public ServerConfig withTls(TlsConfig value) {
        return new ServerConfig(domain, dataDir, c2s, value, limits, auth, registration, server, im, pubsub, http, storage, snapshots);
    }

    public ServerConfig withLimits(LimitsConfig value) {
        return new ServerConfig(domain, dataDir, c2s, tls, value, auth, registration, server, im, pubsub, http, storage, snapshots);
    }

    public ServerConfig withAuth(AuthConfig value) {
        return new ServerConfig(domain, dataDir, c2s, tls, limits, value, registration, server, im, pubsub, http, storage, snapshots);
    }

    public ServerConfig withRegistration(RegistrationConfig value) {
        return new ServerConfig(domain, dataDir, c2s, tls, limits, auth, value, server, im, pubsub, http, storage, snapshots);
    }

    public ServerConfig withServer(RuntimeConfig value) {
        return new ServerConfig(domain, dataDir, c2s, tls, limits, auth, registration, value, im, pubsub, http, storage, snapshots);
    }

    public ServerConfig withIm(ImConfig value) {
        return new ServerConfig(domain, dataDir, c2s, tls, limits, auth, registration, server, value, pubsub, http, storage, snapshots);
    }

    public ServerConfig withPubsub(PubSubConfig value) {
        return new ServerConfig(domain, dataDir, c2s, tls, limits, auth, registration, server, im, value, http, storage, snapshots);
    }

    public ServerConfig withHttp(HttpConfig value) {
        return new ServerConfig(domain, dataDir, c2s, tls, limits, auth, registration, server, im, pubsub, value, storage, snapshots);
    }

    public ServerConfig withStorage(StorageConfig value) {
        return new ServerConfig(domain, dataDir, c2s, tls, limits, auth, registration, server, im, pubsub, http, value, snapshots);
    }

    public ServerConfig withSnapshots(SnapshotConfig value) {
        return new ServerConfig(domain, dataDir, c2s, tls, limits, auth, registration, server, im, pubsub, http, storage, value);
    }

    private static String normalizeDomain(String domain) {
        String requirement = "must be a host name such as example.org (ASCII letters, digits,"
                + " hyphens and dots; use the xn-- form for internationalized names)";
        if (domain == null) {
            throw ConfigException.invalid("domain", requirement, null);
        }
        String lower = domain.toLowerCase(Locale.ROOT);
        if (lower.length() > MAX_DOMAIN_LENGTH || !HOSTNAME.matcher(lower).matches()) {
            throw ConfigException.invalid("domain", requirement, domain);
        }
        return lower;
    }
}
