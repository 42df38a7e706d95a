package org.chasqui.broker.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.chasqui.broker.c2s.C2sListeners;
import org.chasqui.broker.config.HttpConfig;
import org.chasqui.broker.config.LimitsConfig;
import org.chasqui.broker.http.bosh.BoshEndpoint;
import org.chasqui.xmpp.stream.DecoderLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every HTTP request of every listener goes through here: the per-address rate limit, CORS, then the
 * path: {@code /xmpp-websocket} (RFC 7395), {@code /.well-known/host-meta[.json]} (XEP-0156); anything
 * else is 404. Shared by the event loops; it holds no per-connection state.
 */
final class HttpFront {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);

    private final Vertx vertx;
    private final HttpConfig config;
    private final String domain;
    private final C2sListeners c2s;
    private final DecoderLimits limits;
    private final Cors cors;
    private final RequestRate rate;
    private final SessionSlots slots;
    private final BoshEndpoint bosh;

    HttpFront(Vertx vertx, HttpConfig config, LimitsConfig limits, String domain, C2sListeners c2s, SessionSlots slots) {
        this.vertx = vertx;
        this.config = config;
        this.domain = domain;
        this.c2s = c2s;
        this.limits = new DecoderLimits(Math.min(limits.maxStanzaBytes(), config.maxRequestBytes()),
                limits.maxElementDepth(), limits.maxAttributes());
        this.cors = new Cors(config.corsOriginList());
        this.rate = new RequestRate(config.maxRequestsPerSecondPerIp());
        this.slots = slots;
        this.bosh = new BoshEndpoint(config, this.limits, domain, c2s::accept, slots::tryAcquire, slots::release);
    }

    void handle(HttpServerRequest request) {
        String address = request.remoteAddress().hostAddress();
        if (!rate.tryAcquire(address, System.currentTimeMillis())) {
            request.response().setStatusCode(429).end();
            return;
        }
        if (request.method() == HttpMethod.OPTIONS) {
            cors.preflight(request);
            return;
        }
        switch (request.path()) {
            case HostMeta.WEBSOCKET_PATH -> webSocket(request, address);
            case HostMeta.BOSH_PATH -> {
                cors.decorate(request, request.response());
                bosh.handle(request); // XEP-0124 §5: POST only; GET is answered 405 there
            }
            case "/.well-known/host-meta" -> get(request, "application/xrd+xml; charset=utf-8",
                    HostMeta.xrd(request, domain));
            case "/.well-known/host-meta.json" -> get(request, "application/json", HostMeta.jrd(request, domain));
            default -> request.response().setStatusCode(404).end();
        }
    }

    private void get(HttpServerRequest request, String contentType, String body) {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            request.response().setStatusCode(405).putHeader(HttpHeaders.ALLOW, "GET, HEAD").end();
            return;
        }
        cors.decorate(request, request.response());
        request.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body);
    }

    /** RFC 7395 §3.3.1: a WebSocket upgrade offering the "xmpp" subprotocol; anything else is refused. */
    private void webSocket(HttpServerRequest request, String address) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            request.response().setStatusCode(426).putHeader(HttpHeaders.UPGRADE, "websocket")
                    .end("XMPP over WebSocket (RFC 7395) lives here; BOSH is at " + HostMeta.BOSH_PATH + "\n");
            return;
        }
        if (!offersXmpp(request.getHeader("Sec-WebSocket-Protocol"))) {
            request.response().setStatusCode(400).end("the WebSocket subprotocol \"xmpp\" is required (RFC 7395 §3.3.1)\n");
            return;
        }
        if (!cors.allows(request)) {
            LOG.info("refusing WebSocket from {}: origin {} not allowed", address, request.getHeader(HttpHeaders.ORIGIN));
            request.response().setStatusCode(403).end();
            return;
        }
        if (!slots.tryAcquire()) {
            request.response().setStatusCode(503).end("too many sessions\n");
            return;
        }
        boolean secured = request.isSSL() || (config.loopbackWithoutTls() && isLoopback(address));
        request.toWebSocket().onComplete(ws -> {
            WebSocketTransport transport = new WebSocketTransport(vertx, ws, address, secured, limits,
                    config.websocketIdleTimeoutSeconds() * 1000L, config.websocketSeeOtherUri(), slots::release);
            try {
                c2s.accept(transport);
            } catch (RuntimeException e) {
                LOG.error("cannot start a WebSocket session for {}", address, e);
                ws.close();
            }
        }, failure -> {
            slots.release();
            LOG.debug("WebSocket handshake with {} failed: {}", address, failure.toString());
        });
    }

    private static boolean offersXmpp(String header) {
        if (header == null) {
            return false;
        }
        for (String protocol : header.split(",")) {
            if (protocol.strip().equals("xmpp")) {
                return true;
            }
        }
        return false;
    }

    static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress(); // a literal: no name lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Ends the BOSH sessions with system-shutdown, answering their held requests (before the listeners close). */
    Future<Void> shutdownBosh() {
        return bosh.shutdown();
    }

    /** Drops the rate-limit entries of quiet addresses; called periodically. */
    void sweep() {
        rate.sweep(System.currentTimeMillis());
    }
}
