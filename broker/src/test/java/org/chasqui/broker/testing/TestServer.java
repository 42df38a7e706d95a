package org.chasqui.broker.testing;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.broker.tls.TlsMaterial;

/**
 * A real Chasqui server for tests: in-process, on loopback, on free ports, with its data in a
 * directory the test owns. Its self-signed certificate is what the clients trust, and nothing else.
 */
public final class TestServer implements AutoCloseable {

    private final ChasquiServer server;
    private final X509Certificate certificate;
    private final Path dataDir;
    private final InstantSource clock;

    private TestServer(ChasquiServer server, X509Certificate certificate, Path dataDir, InstantSource clock) {
        this.server = server;
        this.certificate = certificate;
        this.dataDir = dataDir;
        this.clock = clock;
    }

    /** The configuration tests start from: defaults, ephemeral ports, data in {@code dataDir}. */
    public static ServerConfig baseConfig(Path dataDir) {
        ServerConfig d = ServerConfig.defaults();
        return d.withDataDir(dataDir)
                .withC2s(d.c2s().withStarttlsPort(0).withDirectTlsPort(0))
                .withHttp(d.http().withPorts(0, 0))
                .withRegistration(d.registration().withEnabled(true));
    }

    public static TestServer start(Path dataDir) throws Exception {
        return start(dataDir, UnaryOperator.identity());
    }

    public static TestServer start(Path dataDir, UnaryOperator<ServerConfig> tweak) throws Exception {
        return start(dataDir, tweak, InstantSource.system());
    }

    /** The loopback benchmark mode: no TLS required, PLAIN offered on a stream without TLS. */
    public static TestServer startPlainWithoutTls(Path dataDir) throws Exception {
        return start(dataDir, cfg -> cfg.withC2s(cfg.c2s().withRequireTls(false).withAllowPlainWithoutTls(true)));
    }

    /** A server that reads time from {@code clock} (e.g. a {@link TestClock}). */
    public static TestServer start(Path dataDir, UnaryOperator<ServerConfig> tweak, InstantSource clock)
            throws Exception {
        ServerConfig config = tweak.apply(baseConfig(dataDir));
        ChasquiServer server = ChasquiServer.start(config, clock);
        TlsMaterial tls = TlsMaterial.load(config.tls(), config.dataDir(), config.domain());
        return new TestServer(server, tls.certificate(), dataDir, clock);
    }

    /** Stops this server and starts a new one on the same data and clock (ports change). */
    public TestServer restart() throws Exception {
        ServerConfig config = server.config();
        server.stop();
        return new TestServer(ChasquiServer.start(config, clock), certificate, dataDir, clock);
    }

    public ChasquiServer server() {
        return server;
    }

    public String domain() {
        return server.config().domain();
    }

    public int starttlsPort() {
        return server.starttlsPort();
    }

    public int directTlsPort() {
        return server.directTlsPort();
    }

    /** The plain HTTP port (WebSocket, BOSH, host-meta). */
    public int httpPort() {
        return server.httpPort();
    }

    /** The HTTPS port. */
    public int httpTlsPort() {
        return server.httpTlsPort();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public void addUser(String username, String password) {
        server.accounts().create(username, password).join();
    }

    /** A trust manager that trusts exactly this server's certificate. */
    public X509TrustManager trustManager() throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("chasqui", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X509TrustManager");
    }

    public SSLContext sslContext() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {trustManager()}, null);
        return ctx;
    }

    @Override
    public void close() {
        server.stop();
    }
}
