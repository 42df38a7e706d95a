package org.chasqui.broker.http.bosh;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.chasqui.broker.c2s.Transport;
import org.chasqui.broker.config.HttpConfig;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stream.DecoderLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /http-bind}: what the HTTP front calls for every BOSH request, on the event loop of its
 * connection. A request without 'sid' creates a session on this loop (XEP-0124 §7); any other goes to
 * its session's loop. One instance serves every loop; it keeps no per-request state.
 */
public final class BoshEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(BoshEndpoint.class);

    private final HttpConfig config;
    private final Jid domain;
    private final Consumer<Transport> c2s;
    private final BooleanSupplier acquireSlot;
    private final Runnable releaseSlot;
    private final BoshRequestParser parser;
    private final BoshSessions sessions = new BoshSessions();

    /**
     * @param limits the c2s stanza limits, applied to each payload
     * @param c2s    starts a client session on a transport, on the calling loop ({@code C2sListeners::accept})
     * @param acquireSlot takes one of the open-session slots ({@code http.max_sessions}); false if none is left
     * @param releaseSlot gives one back
     */
    public BoshEndpoint(HttpConfig config, DecoderLimits limits, String domain, Consumer<Transport> c2s,
            BooleanSupplier acquireSlot, Runnable releaseSlot) {
        this.config = config;
        this.domain = Jid.domain(domain);
        this.c2s = c2s;
        this.acquireSlot = acquireSlot;
        this.releaseSlot = releaseSlot;
        this.parser = new BoshRequestParser(config.maxRequestBytes(), limits);
    }

    /** XEP-0124 §5: POST only (OPTIONS is the front's CORS preflight); the body is read here, within the limit. */
    public void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST) {
            request.response().setStatusCode(405).putHeader(HttpHeaders.ALLOW, "POST, OPTIONS").end();
            return;
        }
        Context context = Vertx.currentContext();
        List<Buffer> chunks = new ArrayList<>(1);
        int[] size = {0};
        request.handler(chunk -> {
            size[0] += chunk.length();
            if (size[0] <= config.maxRequestBytes()) {
                chunks.add(chunk);
            }
        });
        request.endHandler(v -> {
            if (size[0] > config.maxRequestBytes()) {
                request.response().setStatusCode(413).end();
                return;
            }
            Buffer body = Buffer.buffer(size[0]);
            chunks.forEach(body::appendBuffer);
            handle(request, body, context);
        });
    }

    private void handle(HttpServerRequest http, Buffer body, Context context) {
        HttpExchange exchange = new HttpExchange(http, context);
        BoshRequestParser.Result result = parser.parse(body.getBytes());
        if (result instanceof BoshRequestParser.Malformed malformed) {
            LOG.debug("bad BOSH request from {}: {}", http.remoteAddress(), malformed.reason());
            refuse(exchange, BoshCondition.BAD_REQUEST, true); // §17.1: no 'ver' to go by
            return;
        }
        BoshRequest request = ((BoshRequestParser.Parsed) result).request();
        if (request.sid() == null) {
            create(request, http, exchange, context);
            return;
        }
        BoshSessions.Entry entry = sessions.get(request.sid());
        if (entry == null) {
            refuse(exchange, BoshCondition.ITEM_NOT_FOUND, true); // §17.2 (1): 'sid' is not valid
            return;
        }
        if (entry.context() == context) {
            entry.transport().session().handle(request, exchange);
        } else {
            entry.context().runOnContext(v -> entry.transport().session().handle(request, exchange));
        }
    }

    /** XEP-0124 §7.1, XEP-0206 §3: a new session, owned by this event loop. */
    private void create(BoshRequest request, HttpServerRequest http, Exchange exchange, Context context) {
        boolean legacy = request.ver() == null;
        if (request.to() == null || request.to().isEmpty()) {
            refuse(exchange, BoshCondition.IMPROPER_ADDRESSING, legacy); // XEP-0206 §3 requires 'to'
            return;
        }
        if (!Jid.tryParse(request.to()).map(domain::equals).orElse(false)) {
            refuse(exchange, BoshCondition.HOST_UNKNOWN, legacy);
            return;
        }
        BoshSettings.Outcome outcome = BoshSettings.negotiate(request, config);
        if (outcome instanceof BoshSettings.Refused refused) {
            LOG.debug("BOSH session refused for {}: {}", http.remoteAddress(), refused.reason());
            refuse(exchange, refused.condition(), legacy);
            return;
        }
        BoshSettings settings = ((BoshSettings.Granted) outcome).settings();
        if (!acquireSlot.getAsBoolean()) {
            refuse(exchange, BoshCondition.POLICY_VIOLATION, legacy);
            return;
        }
        String address = http.remoteAddress().hostAddress();
        boolean secured = http.isSSL() || (config.loopbackWithoutTls() && isLoopback(address));
        String sid = sessions.newSid();
        BoshTransport transport = new BoshTransport(sid, settings, new VertxScheduler(context), address, secured,
                http.isSSL(), t -> {
                    if (sessions.remove(sid)) {
                        releaseSlot.run();
                    }
                });
        sessions.add(sid, transport, context);
        transport.session().start(request, exchange);
        try {
            c2s.accept(transport);
            transport.openFirstStream(request);
        } catch (RuntimeException e) {
            LOG.error("cannot start a BOSH session for {}", address, e);
            transport.session().terminate(BoshCondition.INTERNAL_SERVER_ERROR, null);
        }
    }

    private static void refuse(Exchange exchange, BoshCondition condition, boolean legacy) {
        exchange.respond(condition.status(legacy), BoshSettings.DEFAULT_CONTENT_TYPE, BoshBody.terminal(condition));
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress(); // a literal: no name lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Open BOSH sessions. */
    public int openSessions() {
        return sessions.size();
    }

    /**
     * The server is stopping: every session ends its stream with system-shutdown (RFC 6120 §4.9.3.22),
     * which reaches the client as remote-stream-error (XEP-0206 §6). Completes once each loop has done so.
     */
    public Future<Void> shutdown() {
        List<Future<Void>> done = new ArrayList<>();
        for (BoshSessions.Entry entry : sessions.all()) {
            Promise<Void> promise = Promise.promise();
            entry.context().runOnContext(v -> {
                entry.transport().shutdown();
                promise.complete();
            });
            done.add(promise.future());
        }
        return Future.all(done).mapEmpty();
    }
}
