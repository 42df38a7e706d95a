package org.chasqui.broker.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chasqui.broker.config.HttpConfig;
import org.chasqui.broker.tls.TlsMaterial;

/**
 * The HTTP listeners of one event loop: plain and TLS, both serving {@link HttpFront}. One instance
 * is deployed per event loop; Vert.x spreads accepted connections over them.
 */
final class HttpVerticle extends VerticleBase {

    private final HttpConfig config;
    private final HttpFront front;
    private final TlsMaterial tls;
    private final int port;
    private final int tlsPort;
    private final long graceSeconds;
    private HttpServer plainServer;
    private HttpServer tlsServer;

    HttpVerticle(HttpConfig config, HttpFront front, TlsMaterial tls, int port, int tlsPort, long graceSeconds) {
        this.config = config;
        this.front = front;
        this.tls = tls;
        this.port = port;
        this.tlsPort = tlsPort;
        this.graceSeconds = graceSeconds;
    }

    @Override
    public Future<?> start() {
        List<Future<HttpServer>> listening = new ArrayList<>(2);
        if (port != HttpConfig.DISABLED) {
            plainServer = vertx.createHttpServer(options(false).setPort(port)).requestHandler(front::handle);
            listening.add(plainServer.listen());
        }
        if (tlsPort != HttpConfig.DISABLED) {
            tlsServer = vertx.createHttpServer(options(true).setPort(tlsPort)).requestHandler(front::handle);
            listening.add(tlsServer.listen());
        }
        return Future.all(listening);
    }

    private HttpServerOptions options(boolean secure) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.bindAddress())
                .setTcpNoDelay(true)
                .setWebSocketSubProtocols(List.of("xmpp")) // RFC 7395 §3.3.1
                .setMaxWebSocketMessageSize(config.maxRequestBytes())
                .setMaxWebSocketFrameSize(config.maxRequestBytes())
                .setDecompressionSupported(false);
        if (secure) {
            options.setSsl(true)
                    .setKeyCertOptions(tls.keyCertOptions())
                    .setEnabledSecureTransportProtocols(new HashSet<>(TlsMaterial.TLS_PROTOCOLS));
        }
        return options;
    }

    /** The ports actually bound, -1 for a listener that is off. */
    int[] actualPorts() {
        return new int[] {plainServer == null ? -1 : plainServer.actualPort(),
                tlsServer == null ? -1 : tlsServer.actualPort()};
    }

    @Override
    public Future<?> stop() {
        return Future.all(
                plainServer == null ? Future.succeededFuture() : plainServer.shutdown(graceSeconds, TimeUnit.SECONDS),
                tlsServer == null ? Future.succeededFuture() : tlsServer.shutdown(graceSeconds, TimeUnit.SECONDS));
    }
}
