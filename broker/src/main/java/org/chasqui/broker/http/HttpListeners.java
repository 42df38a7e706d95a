package org.chasqui.broker.http;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.chasqui.broker.c2s.C2sListeners;
import org.chasqui.broker.config.HttpConfig;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.broker.tls.TlsMaterial;

/** Starts the HTTP listeners (WebSocket, BOSH, host-meta) on every event loop and stops them. */
public final class HttpListeners {

    /** For Vert.x: one free port shared by all instances (see C2sListeners). */
    private static final int SHARED_FREE_PORT = -4;
    private static final int SHARED_FREE_TLS_PORT = -5;
    private static final long SWEEP_MS = 10_000;

    private final Vertx vertx;
    private final ServerConfig config;
    private final HttpFront front;
    private final TlsMaterial tls;
    private final int eventLoops;
    private final List<String> deployments = new ArrayList<>();
    private long sweepTimer = -1;
    private int port = -1;
    private int tlsPort = -1;

    public HttpListeners(Vertx vertx, ServerConfig config, C2sListeners c2s, TlsMaterial tls, int eventLoops) {
        this.vertx = vertx;
        this.config = config;
        this.tls = tls;
        this.eventLoops = eventLoops;
        this.front = new HttpFront(vertx, config.http(), config.limits(), config.domain(), c2s,
                new SessionSlots(config.http().maxSessions()));
    }

    public Future<Void> start() {
        HttpConfig http = config.http();
        if (http.port() == HttpConfig.DISABLED && http.tlsPort() == HttpConfig.DISABLED) {
            return Future.succeededFuture();
        }
        int plain = http.port() == 0 ? SHARED_FREE_PORT : http.port();
        int secure = http.tlsPort() == 0 ? SHARED_FREE_TLS_PORT : http.tlsPort();
        long grace = config.server().shutdownGraceSeconds();
        HttpVerticle first = new HttpVerticle(http, front, tls, plain, secure, grace);
        sweepTimer = vertx.setPeriodic(SWEEP_MS, t -> front.sweep());
        return vertx.deployVerticle(first).compose(id -> {
            deployments.add(id);
            int[] ports = first.actualPorts();
            port = ports[0];
            tlsPort = ports[1];
            if (eventLoops <= 1) {
                return Future.succeededFuture();
            }
            return vertx.deployVerticle(() -> new HttpVerticle(http, front, tls, plain, secure, grace),
                    new DeploymentOptions().setInstances(eventLoops - 1)).map(deployments::add);
        }).mapEmpty();
    }

    /** The plain HTTP port bound, -1 if off. */
    public int port() {
        return port;
    }

    /** The HTTPS port bound, -1 if off. */
    public int tlsPort() {
        return tlsPort;
    }

    /** Stops accepting requests; open WebSocket and BOSH streams end with the c2s sessions. */
    public Future<Void> stop() {
        vertx.cancelTimer(sweepTimer);
        // Held BOSH requests would keep their connections busy for up to 'wait': answer them first.
        return front.shutdownBosh().compose(v -> {
            List<Future<Void>> undeploys = new ArrayList<>();
            deployments.forEach(id -> undeploys.add(vertx.undeploy(id)));
            return Future.all(undeploys).mapEmpty();
        });
    }
}
