package org.chasqui.broker.c2s;

import io.vertx.core.Context;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.broker.roster.RosterXml;
import org.chasqui.broker.routing.LocalSession;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.stream.DecoderLimits;
import org.chasqui.xmpp.stream.StreamHeader;
import org.chasqui.xmpp.stream.StreamListener;
import org.chasqui.xmpp.stream.XmppStreamDecoder;
import org.chasqui.xmpp.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client-to-server stream over TCP (STARTTLS or direct TLS): the stream lifecycle of RFC 6120
 * §4 with TLS (§5), SASL (§6) and resource binding (§7), then stanza exchange. All of its state is
 * owned by the event loop that accepted the connection; other threads reach it only through
 * {@link #deliver} and {@link #terminate}, which hop onto that loop.
 */
public final class ClientSession implements LocalSession, StreamListener, SaslPeer {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private static final AtomicLong IDS = new AtomicLong();
    private static final Set<String> CONTENT_NAMESPACES = Set.of(Namespaces.CLIENT);
    private static final int MAX_PENDING_WRITE_BYTES = 8 * 1024 * 1024;
    private static final long FORCED_CLOSE_MS = 5000;

    private final long id = IDS.incrementAndGet();
    private final C2sServices services;
    private final NetSocket socket;
    private final Context context;
    private final String remoteAddress;
    private final boolean directTls;
    private final DecoderLimits limits;
    private final ReadThrottle throttle;
    private final SaslNegotiator sasl;
    private final StanzaHandler stanzas;
    private XmppStreamDecoder decoder;
    private boolean headerSent;
    private boolean closed;
    private boolean detached;
    private SslHandler startTlsHandler;
    private Map<String, byte[]> channelBindings;
    private String username;
    private volatile Jid jid;
    private volatile boolean available;
    private volatile int priority;
    private volatile Element lastPresence;
    private volatile boolean carbons;
    private long unauthenticatedTimer = -1;
    private long keepaliveTimer = -1;
    private long lastWriteMillis;

    ClientSession(C2sServices services, NetSocket socket, boolean directTls) {
        this.services = services;
        this.socket = socket;
        this.context = Vertx.currentContext();
        this.remoteAddress = socket.remoteAddress().hostAddress();
        this.directTls = directTls;
        ServerConfig config = services.config();
        this.limits = new DecoderLimits(config.limits().maxStanzaBytes(), config.limits().maxElementDepth(),
                config.limits().maxAttributes());
        this.throttle = new ReadThrottle(config.limits().maxReadBytesPerSecond());
        this.sasl = new SaslNegotiator(this, services.vertx(), services.accounts(), services.domain().toString(),
                config.auth().allowPlain(), config.limits().maxAuthAttempts());
        this.stanzas = new StanzaHandler(this, services);
    }

    /** Starts reading; called once on the accepting event loop. */
    void start() {
        LOG.info("c2s#{} open from {}{}", id, remoteAddress, directTls ? " (direct TLS)" : "");
        decoder = newDecoder();
        socket.setWriteQueueMaxSize(MAX_PENDING_WRITE_BYTES);
        socket.handler(this::onData);
        socket.closeHandler(v -> onClosed());
        // The listener is shutting down (C2sVerticle#stop): RFC 6120 §4.9.3.22
        socket.shutdownHandler(v -> close(StreamError.of(StreamErrorCondition.SYSTEM_SHUTDOWN)));
        socket.exceptionHandler(t -> LOG.debug("c2s#{} socket error: {}", id, t.toString()));
        unauthenticatedTimer = services.vertx().setTimer(
                services.config().limits().unauthenticatedTimeoutSeconds() * 1000L,
                t -> terminate(new StreamError(StreamErrorCondition.NOT_AUTHORIZED, "authentication timed out")));
        int keepalive = services.config().server().keepaliveSeconds();
        if (keepalive > 0) {
            keepaliveTimer = services.vertx().setPeriodic(keepalive * 1000L, t -> keepalive(keepalive * 1000L));
        }
    }

    private XmppStreamDecoder newDecoder() {
        return new XmppStreamDecoder(limits, CONTENT_NAMESPACES, this);
    }

    private void onData(Buffer buffer) {
        if (closed) {
            return;
        }
        byte[] bytes = buffer.getBytes();
        try {
            decoder.feed(bytes, 0, bytes.length);
        } catch (RuntimeException e) {
            LOG.error("c2s#{} internal error", id, e);
            close(StreamError.of(StreamErrorCondition.INTERNAL_SERVER_ERROR));
            return;
        }
        long pause = throttle.onRead(bytes.length, System.currentTimeMillis());
        if (pause > 0 && !closed) {
            socket.pause();
            services.vertx().setTimer(pause, t -> socket.resume());
        }
    }

    // ---- StreamListener: events of the current stream ----

    /** RFC 6120 §4.7: check the initiating header, answer with ours and the features (§4.3.2). */
    @Override
    public void streamOpened(StreamHeader header) {
        if (closed) {
            return;
        }
        Jid to = header.to() == null ? null : Jid.tryParse(header.to()).orElse(null);
        Jid from = header.from() == null ? null : Jid.tryParse(header.from()).orElse(null);
        writeRaw(ServerStreamHeader.open(
                ServerStreamHeader.newStreamId(), services.domain().toString(),
                from == null ? null : from.toString()));
        headerSent = true;
        if (header.to() != null && (to == null || !to.equals(services.domain()))) {
            close(new StreamError(StreamErrorCondition.HOST_UNKNOWN, "this server serves " + services.domain()));
            return; // RFC 6120 §4.9.3.6
        }
        if (!versionSupported(header.version())) {
            close(StreamError.of(StreamErrorCondition.UNSUPPORTED_VERSION));
            return; // RFC 6120 §4.7.5
        }
        writeRaw("<stream:features>" + features() + "</stream:features>");
    }

    private static boolean versionSupported(String version) {
        if (version == null) {
            return false;
        }
        int dot = version.indexOf('.');
        String major = dot < 0 ? version : version.substring(0, dot);
        try {
            return Integer.parseInt(major.strip()) >= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String features() {
        StringBuilder sb = new StringBuilder();
        if (!secured() && !directTls) {
            Element.Builder starttls = Element.builder("starttls", Namespaces.TLS);
            if (services.config().c2s().requireTls()) {
                starttls.child("required", Namespaces.TLS);
                // RFC 6120 §5.3.1: while TLS is mandatory, nothing else is offered before it
                return starttls.build().toXml();
            }
            sb.append(starttls.build().toXml());
        }
        if (username == null) {
            sb.append(sasl.mechanismsFeature().toXml());
            Element cb = sasl.channelBindingFeature();
            if (cb != null) {
                sb.append(cb.toXml());
            }
            if (services.registrationEnabled()) {
                sb.append(Element.empty("register", Namespaces.REGISTER_FEATURE).toXml());
            }
        } else {
            sb.append(Element.empty("bind", Namespaces.BIND).toXml());
            sb.append(Element.builder("session", Namespaces.SESSION).child("optional", Namespaces.SESSION).build().toXml());
            // RFC 6121 §2.6.1 and §3.4.1: a server that supports roster versioning and subscription
            // pre-approval MUST say so in the stream features
            sb.append(Element.empty("ver", RosterXml.VERSIONING_FEATURE).toXml());
            sb.append(Element.empty("sub", RosterXml.PRE_APPROVAL_FEATURE).toXml());
        }
        return sb.toString();
    }

    @Override
    public void element(Element element) {
        if (closed) {
            return; // RFC 6120 §4.9.1.1: after a stream error nothing more of the stream is processed
        }
        switch (element.namespace()) {
            case Namespaces.TLS -> starttls(element);
            case Namespaces.SASL -> {
                if (username != null) {
                    close(StreamError.of(StreamErrorCondition.POLICY_VIOLATION)); // already authenticated
                } else if (!secured() && services.config().c2s().requireTls()) {
                    // RFC 6120 §5.3.1, §6.5.4: TLS must come first
                    send(Element.builder("failure", Namespaces.SASL).child("encryption-required", Namespaces.SASL).build());
                } else {
                    sasl.handle(element);
                }
            }
            default -> stanzas.handle(element);
        }
    }

    @Override
    public void streamClosed() {
        // RFC 6120 §4.4: answer the closing tag with ours, then close the connection.
        if (!closed) {
            writeRaw("</stream:stream>");
            endConnection();
        }
    }

    @Override
    public void streamError(StreamError error) {
        if (closed) {
            return;
        }
        LOG.info("c2s#{} stream error from input: {}{}", id, error.condition().elementName(),
                error.text() == null ? "" : " (" + error.text() + ")");
        close(error);
    }

    // ---- STARTTLS, RFC 6120 §5.4 ----

    private void starttls(Element element) {
        // RFC 6120 §5.3.1, §5.4.3.1: TLS comes before SASL; once SASL started, or on a TLS stream,
        // STARTTLS is refused with a failure and the stream is closed (§5.4.2.2).
        if (!element.name().equals("starttls") || secured() || directTls || startTlsHandler != null
                || username != null || sasl.inProgress()) {
            writeRaw("<failure xmlns='" + Namespaces.TLS + "'/></stream:stream>");
            endConnection();
            return;
        }
        decoder.close();
        decoder = newDecoder(); // RFC 6120 §5.4.3.3: a new stream after TLS, with a fresh parser
        startTlsHandler = services.startTls().upgrade(socket);
        startTlsHandler.handshakeFuture().addListener(f -> {
            if (!f.isSuccess()) {
                LOG.info("c2s#{} TLS negotiation failed: {}", id, f.cause().toString());
                context.runOnContext(v -> endConnection());
            }
        });
        // Only now is the old stream over: an error raised by the call above still belongs to it and
        // must not be preceded by a second header (RFC 6120 §4.9.1.2).
        headerSent = false;
    }

    // ---- SaslPeer ----

    @Override
    public boolean secured() {
        return socket.isSsl() || (startTlsHandler != null && startTlsHandler.handshakeFuture().isSuccess());
    }

    @Override
    public Map<String, byte[]> channelBindings() {
        if (channelBindings == null) {
            if (!secured()) {
                return Map.of();
            }
            channelBindings = ChannelBindings.of(socket.isSsl() ? socket.sslSession() : startTlsHandler.engine().getSession());
        }
        return channelBindings;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public void authenticated(String user) {
        username = user;
        LOG.info("c2s#{} authenticated as {}@{}", id, user, services.domain());
        decoder.close();
        decoder = newDecoder(); // RFC 6120 §6.4.6: stream restart
        headerSent = false;
    }

    // ---- what StanzaHandler needs ----

    String username() {
        return username;
    }

    boolean isBound() {
        return jid != null;
    }

    /** RFC 6120 §7.6: records the bound JID; an older session with the same JID ends in conflict. */
    void bound(Jid fullJid) {
        jid = fullJid;
        services.vertx().cancelTimer(unauthenticatedTimer); // the stream is authenticated and bound
        LocalSession previous = services.registry().bind(this);
        if (previous != null && previous != this) {
            previous.terminate(new StreamError(StreamErrorCondition.CONFLICT, "replaced by a new session"));
        }
        LOG.info("c2s#{} bound {}", id, fullJid);
    }

    /** RFC 6121 §4: the broadcast presence the resource sent (null: unavailable). */
    void presenceChanged(Element presence, int newPriority) {
        lastPresence = presence;
        priority = newPriority;
        available = presence != null;
    }

    /** XEP-0280 §4 / §5; repeated requests simply keep the state (§10.1). */
    void carbons(boolean enabled) {
        carbons = enabled;
    }

    // ---- LocalSession ----

    @Override
    public Jid jid() {
        return jid;
    }

    @Override
    public boolean isAvailable() {
        return available;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Element lastPresence() {
        return lastPresence;
    }

    @Override
    public boolean carbonsEnabled() {
        return carbons;
    }

    @Override
    public void deliver(Element stanza) {
        onContext(() -> send(stanza));
    }

    @Override
    public void terminate(StreamError error) {
        onContext(() -> close(error));
    }

    private void onContext(Runnable task) {
        if (Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }

    // ---- output ----

    /** Writes a top-level element (stanza or stream-level) to the client. */
    @Override
    public void send(Element element) {
        if (closed) {
            return;
        }
        writeRaw(element.toXml(Namespaces.CLIENT));
        if (socket.writeQueueFull()) {
            // A client that does not read is cut off rather than allowed to grow the heap without bound.
            LOG.warn("c2s#{} outbound queue over {} bytes, closing", id, MAX_PENDING_WRITE_BYTES);
            close(new StreamError(StreamErrorCondition.POLICY_VIOLATION, "client is not reading its stream"));
        }
    }

    private void writeRaw(String xml) {
        socket.write(Buffer.buffer(xml));
        lastWriteMillis = System.currentTimeMillis();
    }

    private void keepalive(long intervalMillis) {
        if (!closed && headerSent && System.currentTimeMillis() - lastWriteMillis >= intervalMillis) {
            writeRaw(" "); // RFC 6120 §4.6.1 whitespace keepalive
        }
    }

    /** Ends the stream with an error (RFC 6120 §4.9.1.1); a header goes first if none was sent (§4.9.1.2). */
    void close(StreamError error) {
        if (closed) {
            return;
        }
        if (!headerSent) {
            writeRaw(ServerStreamHeader.open(
                    ServerStreamHeader.newStreamId(), services.domain().toString(), null));
            headerSent = true;
        }
        writeRaw(error.toXml() + "</stream:stream>");
        if (error.condition() != StreamErrorCondition.SYSTEM_SHUTDOWN) {
            LOG.info("c2s#{} closing with {}", id, error.condition().elementName());
        }
        endConnection();
    }

    /**
     * The stream is over: no more input is processed, the session leaves the registry at once (so
     * stanzas for it are bounced, not swallowed), and the connection is closed once what was written
     * is flushed, or after {@link #FORCED_CLOSE_MS} if the client does not read it.
     */
    private void endConnection() {
        if (closed) {
            return;
        }
        closed = true;
        decoder.close();
        detach();
        socket.end();
        // Vert.x closes only after flushing; a client that stopped reading never lets that happen.
        services.vertx().setTimer(FORCED_CLOSE_MS,
                t -> ((NetSocketInternal) socket).channelHandlerContext().close());
    }

    /** Leaves the registry and tells the user's other resources (RFC 6121 §4.5.2); runs once. */
    private void detach() {
        if (detached) {
            return;
        }
        detached = true;
        if (jid != null && services.registry().unbind(this)) {
            // A session replaced by a newer one with the same JID (conflict) is no longer bound and
            // says nothing: the JID lives on in its successor.
            stanzas.connectionLost();
        }
    }

    private void onClosed() {
        closed = true;
        decoder.close();
        detach();
        services.vertx().cancelTimer(unauthenticatedTimer);
        services.vertx().cancelTimer(keepaliveTimer);
        services.openSessions().remove(this);
        services.limiter().release(remoteAddress);
        LOG.info("c2s#{} closed ({})", id, jid != null ? jid : username != null ? username + "@" + services.domain() : "unauthenticated");
    }

    long id() {
        return id;
    }
}
