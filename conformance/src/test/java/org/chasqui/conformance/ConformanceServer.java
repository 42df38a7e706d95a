package org.chasqui.conformance;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.broker.tls.TlsMaterial;

/**
 * A real Chasqui for the conformance run: in-process, on loopback, ephemeral ports, data in a
 * directory the test owns, and otherwise the production defaults (TLS required, SCRAM, PLAIN over
 * TLS only). Its self-signed certificate is the only one the clients trust.
 */
final class ConformanceServer implements AutoCloseable {

    /**
     * sinttest keeps one unauthenticated connection open for the whole run (it registers the test
     * accounts over it, XEP-0077 §3.1), so the server must not end it after the default 60 s.
     */
    static final int UNAUTHENTICATED_TIMEOUT_SECONDS = 3600;

    private final ChasquiServer server;
    private final X509TrustManager trustManager;

    private ConformanceServer(ChasquiServer server, X509TrustManager trustManager) {
        this.server = server;
        this.trustManager = trustManager;
    }

    static ConformanceServer start(Path dataDir) throws Exception {
        ServerConfig d = ServerConfig.defaults();
        ServerConfig config = d.withDataDir(dataDir)
                .withC2s(d.c2s().withStarttlsPort(0).withDirectTlsPort(0))
                .withHttp(d.http().withPorts(0, 0))
                .withRegistration(d.registration().withEnabled(true)
                        // sinttest registers all its test accounts over one unauthenticated connection
                        .withMaxPerConnection(100))
                .withLimits(d.limits().withUnauthenticatedTimeoutSeconds(UNAUTHENTICATED_TIMEOUT_SECONDS));
        return start(config);
    }

    /**
     * What a fresh {@code ./chasqui run} serves, every default kept (registration off, CORS for any
     * origin, SASL on plain HTTP from loopback) but the ports, free ones, and the data directory.
     */
    static ConformanceServer startWithDefaults(Path dataDir) throws Exception {
        ServerConfig d = ServerConfig.defaults();
        return start(d.withDataDir(dataDir)
                .withC2s(d.c2s().withStarttlsPort(0).withDirectTlsPort(0))
                .withHttp(d.http().withPorts(0, 0)));
    }

    private static ConformanceServer start(ServerConfig config) throws Exception {
        ChasquiServer server = ChasquiServer.start(config);
        try {
            TlsMaterial tls = TlsMaterial.load(config.tls(), config.dataDir(), config.domain());
            return new ConformanceServer(server, trustOnly(tls));
        } catch (Exception | Error e) {
            server.stop();
            throw e;
        }
    }

    String domain() {
        return server.config().domain();
    }

    int starttlsPort() {
        return server.starttlsPort();
    }

    /** The plain HTTP port (WebSocket, BOSH). */
    int httpPort() {
        return server.httpPort();
    }

    /** The HTTPS port. */
    int httpTlsPort() {
        return server.httpTlsPort();
    }

    /** A trust manager that trusts exactly this server's certificate. */
    X509TrustManager trustManager() {
        return trustManager;
    }

    void createAccount(String username, String password) throws Exception {
        server.accounts().create(username, password).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        server.stop();
    }

    private static X509TrustManager trustOnly(TlsMaterial tls) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("chasqui", tls.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X509TrustManager");
    }
}
