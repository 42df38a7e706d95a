package org.chasqui.broker.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashSet;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.chasqui.broker.config.TlsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real handshake: Vert.x server with the generated material, JDK client trusting only that certificate. */
class TlsHandshakeTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void jdkClientCompletesAHandshakeAndVerifiesTheHostName(@TempDir Path dataDir) throws Exception {
        TlsMaterial material = TlsMaterial.load(TlsConfig.DEFAULTS, dataDir, "localhost");
        NetServer server = vertx.createNetServer(new NetServerOptions()
                        .setHost("127.0.0.1")
                        .setPort(0)
                        .setSsl(true)
                        .setKeyCertOptions(material.keyCertOptions())
                        .setEnabledSecureTransportProtocols(new HashSet<>(TlsMaterial.TLS_PROTOCOLS)))
                .connectHandler(socket -> socket.handler(socket::write));
        int port = server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("chasqui", material.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);

        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            plain.setSoTimeout(5000);
            // layered over the TCP socket so the host name checked is "localhost" (dNSName SAN)
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port, true)) {
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(params);
                tls.startHandshake();

                assertThat(tls.getSession().getProtocol()).isIn(TlsMaterial.TLS_PROTOCOLS);
                assertThat(tls.getSession().getPeerCertificates()[0]).isEqualTo(material.certificate());
                tls.getOutputStream().write("ping".getBytes());
                tls.getOutputStream().flush();
                assertThat(tls.getInputStream().readNBytes(4)).isEqualTo("ping".getBytes());
            }
        }
    }
}
