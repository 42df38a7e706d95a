package org.chasqui.broker.c2s;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.chasqui.broker.csi.CsiBuffer;
import org.chasqui.broker.csi.CsiPolicy;
import org.chasqui.broker.routing.HandOffs;
import org.chasqui.broker.routing.LocalSession;
import org.chasqui.broker.sm.ResumePolicy;
import org.chasqui.broker.sm.SmElements;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.Stanzas;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.stream.StreamHeader;
import org.chasqui.xmpp.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client-to-server stream, whatever its {@link Transport}: the stream lifecycle of RFC 6120 §4
 * with TLS (§5), SASL (§6) and resource binding (§7), then stanza exchange. All of its state is
 * owned by the event loop of its connection; other threads reach it only through {@link #deliver}
 * and {@link #terminate}, which hop onto that loop.
 */
public final class ClientSession implements LocalSession, Transport.Peer, SaslPeer {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private static final AtomicLong IDS = new AtomicLong();
    private static final CsiPolicy CSI_POLICY = new CsiPolicy();

    private final long id = IDS.incrementAndGet();
    private final C2sServices services;
    private final Transport transport;
    private final Context context;
    private final String remoteAddress;
    private final SaslNegotiator sasl;
    private final StanzaHandler stanzas;
    private final SmSupport sm;
    private final CsiBuffer csi = new CsiBuffer(CSI_POLICY, CsiBuffer.DEFAULT_CAPACITY);
    private boolean headerSent;
    private boolean closed;
    private boolean socketClosed;
    private boolean detached;
    private String username;
    private volatile Jid jid;
    private volatile boolean available;
    private volatile int priority;
    private volatile Element lastPresence;
    private volatile boolean carbons;
    private long unauthenticatedTimer = -1;
    private long keepaliveTimer = -1;

    ClientSession(C2sServices services, Transport transport) {
        this.services = services;
        this.transport = transport;
        this.context = Vertx.currentContext();
        this.remoteAddress = transport.remoteAddress();
        this.sasl = new SaslNegotiator(this, services.vertx(), services.accounts(), services.domain().toString(),
                services.config().auth().allowPlain(),
                // the loopback-only benchmark mode is for the c2s listener, not WebSocket or BOSH
                services.config().c2s().allowPlainWithoutTls() && transport instanceof TcpTransport,
                services.config().limits().maxAuthAttempts());
        this.stanzas = new StanzaHandler(this, services);
        this.sm = new SmSupport(this, services);
    }

    /** Starts reading; called once on the accepting event loop. */
    void start() {
        LOG.info("c2s#{} open from {} ({})", id, remoteAddress, transport.kind());
        transport.start(this);
        unauthenticatedTimer = services.vertx().setTimer(
                services.config().limits().unauthenticatedTimeoutSeconds() * 1000L,
                t -> terminate(new StreamError(StreamErrorCondition.NOT_AUTHORIZED, "authentication timed out")));
        int keepalive = services.config().server().keepaliveSeconds();
        if (keepalive > 0) {
            keepaliveTimer = services.vertx().setPeriodic(keepalive * 1000L, t -> keepalive(keepalive * 1000L));
        }
    }

    // ---- StreamListener: events of the current stream ----

    /** RFC 6120 §4.7: check the initiating header, answer with ours and the features (§4.3.2). */
    @Override
    public void streamOpened(StreamHeader header) {
        if (closed) {
            return;
        }
        Jid from = header.from() == null ? null : Jid.tryParse(header.from()).orElse(null);
        transport.openStream(ServerStreamHeader.newStreamId(), services.domain().toString(),
                from == null ? null : from.toString());
        headerSent = true;
        StreamError refused = StreamFeatures.refusal(header, services.domain());
        if (refused != null) {
            close(refused);
            return;
        }
        String features = services.features().offered(!secured() && transport.canStartTls(),
                services.config().c2s().requireTls(), username != null, sasl, services.registrationEnabled(),
                services.serverCaps());
        transport.features(features);
    }

    @Override
    public void element(Element element) {
        if (closed || sm.holdsInput(element)) {
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
            case SmElements.NAMESPACE -> sm.handle(element);
            case CsiPolicy.NAMESPACE -> clientState(element);
            default -> {
                stanzas.handle(element);
                sm.handled(element);
            }
        }
    }

    /** XEP-0352 §4.2, once authenticated; §5.1: what was held goes out before the next input is read. */
    private void clientState(Element element) {
        switch (username == null ? "" : element.name()) {
            case "active" -> releaseHeld();
            case "inactive" -> csi.inactive();
            default -> close(StreamError.of(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE));
        }
    }

    /** Sends (or, while disconnected, queues for XEP-0198) what XEP-0352 held; the stream is active again. */
    void releaseHeld() {
        csi.active().forEach(this::send);
    }

    @Override
    public void streamClosed() {
        // RFC 6120 §4.4: answer the closing tag with ours, then close the connection.
        if (!closed) {
            endConnection(null, false); // XEP-0198 §7: a clean close ends the session
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
        if (!element.name().equals("starttls") || secured() || !transport.canStartTls() || transport.startTlsUsed()
                || username != null || sasl.inProgress()) {
            transport.write(Element.builder("failure", Namespaces.TLS).build());
            endConnection(null, false);
            return;
        }
        transport.restartStream(); // RFC 6120 §5.4.3.3: a new stream after TLS, with a fresh parser
        transport.startTls(cause -> {
            LOG.info("c2s#{} TLS negotiation failed: {}", id, cause.toString());
            context.runOnContext(v -> endConnection(null, false));
        });
        // Only now is the old stream over: an error raised by the call above still belongs to it and
        // must not be preceded by a second header (RFC 6120 §4.9.1.2).
        headerSent = false;
    }

    // ---- SaslPeer ----

    @Override
    public boolean secured() {
        return transport.secured();
    }

    @Override
    public Map<String, byte[]> channelBindings() {
        return transport.channelBindings();
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
        transport.restartStream(); // RFC 6120 §6.4.6: stream restart
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
        bound(fullJid, null);
    }

    /** As {@link #bound(Jid)}, except for {@code resumed}, whose session this stream continues (XEP-0198 §5). */
    void bound(Jid fullJid, ClientSession resumed) {
        jid = fullJid;
        services.vertx().cancelTimer(unauthenticatedTimer); // the stream is authenticated and bound
        LocalSession previous = services.registry().bind(this);
        if (previous != null && previous != this && previous != resumed) {
            previous.terminate(new StreamError(StreamErrorCondition.CONFLICT, "replaced by a new session"));
        }
        LOG.info("c2s#{} bound {}{}", id, fullJid, resumed == null ? "" : " resuming c2s#" + resumed.id());
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
        if (Vertx.currentContext() == context) {
            deliverNow(stanza);
        } else {
            HandOffs.submit(context, () -> deliverNow(stanza)); // one task per loop during a fan-out
        }
    }

    private void deliverNow(Element stanza) {
        if (sm.forward(stanza)) {
            return; // XEP-0198 §5: the session was resumed on another stream
        }
        if (detached) {
            Undelivered.handBack(services.router(), stanza);
            return;
        }
        csi.offer(stanza).forEach(this::send); // XEP-0352: held while the client is inactive
    }

    @Override
    public void terminate(StreamError error) {
        runOnLoop(() -> close(error));
    }

    /** Runs the task on this session's event loop (at once when already there). */
    void runOnLoop(Runnable task) {
        if (Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }

    // ---- output ----

    /** Writes a top-level element (stanza or stream-level) to the client; XEP-0198 counts the stanzas. */
    @Override
    public void send(Element element) {
        boolean stanza = Stanzas.isStanza(element);
        if ((stanza && !sm.outbound(element)) || closed) {
            return;
        }
        write(element);
        if (stanza && !closed) {
            sm.written();
        }
    }

    /** XEP-0198 §5: a stanza the client did not acknowledge on its former stream, sent again. */
    void resend(Element stanza) {
        if (!closed) {
            write(stanza);
        }
    }

    private void write(Element element) {
        transport.write(element);
        if (transport.backlogged()) {
            // A client that does not read is cut off rather than allowed to grow the heap without bound.
            LOG.warn("c2s#{} outbound queue full, closing", id);
            close(new StreamError(StreamErrorCondition.POLICY_VIOLATION, "client is not reading its stream"));
        }
    }

    private void keepalive(long intervalMillis) {
        if (!closed && headerSent) {
            transport.keepalive(intervalMillis);
        }
    }

    /** Ends the stream with an error (RFC 6120 §4.9.1.1); a header goes first if none was sent (§4.9.1.2). */
    void close(StreamError error) {
        if (closed) {
            if (sm.isHibernating()) {
                finish(); // replaced, removed or shut down while waiting for resumption
            }
            return;
        }
        if (!headerSent) {
            transport.openStream(ServerStreamHeader.newStreamId(), services.domain().toString(), null);
            headerSent = true;
        }
        if (error.condition() != StreamErrorCondition.SYSTEM_SHUTDOWN) {
            LOG.info("c2s#{} closing with {}", id, error.condition().elementName());
        }
        endConnection(error, ResumePolicy.survives(error.condition()));
    }

    /**
     * The stream is over: no more input is processed; the session ends at once (leaving the registry,
     * so stanzas for it are bounced, not swallowed) unless XEP-0198 lets it wait for resumption after
     * a {@code resumable} ending; the transport ends the stream (with {@code error} if not null) and
     * closes the connection once what was written is flushed.
     */
    private void endConnection(StreamError error, boolean resumable) {
        if (closed) {
            return;
        }
        closed = true;
        transport.closeStream(error);
        if (!sm.survives(resumable)) {
            finish();
        }
    }

    /**
     * The session is over for good; runs once. It leaves the registry first; then what it accepted
     * and never delivered goes back to the account (XEP-0198 §4); then the user's other resources
     * learn it is gone (RFC 6121 §4.5.2).
     */
    void finish() {
        if (detached) {
            return;
        }
        detached = true;
        List<Element> undelivered = sm.end();
        undelivered.addAll(csi.drain());
        // A session replaced by a newer one with the same JID (conflict) is no longer bound and says
        // nothing: the JID lives on in its successor.
        boolean wasBound = jid != null && services.registry().unbind(this);
        undelivered.forEach(stanza -> Undelivered.handBack(services.router(), stanza));
        if (wasBound) {
            stanzas.connectionLost();
        }
        if (socketClosed) {
            services.openSessions().remove(this);
        }
    }

    /** XEP-0198 §5: the session lives on in another stream; this one ends in conflict if still open. */
    void endMoved() {
        detached = true; // it never leaves the registry nor says unavailable: the successor holds the JID
        close(new StreamError(StreamErrorCondition.CONFLICT, "resumed on another stream"));
        if (socketClosed) {
            services.openSessions().remove(this);
        }
    }

    @Override
    public void shutdown() {
        close(StreamError.of(StreamErrorCondition.SYSTEM_SHUTDOWN)); // RFC 6120 §4.9.3.22
    }

    @Override
    public void connectionClosed() {
        socketClosed = true;
        if (!closed) {
            closed = true;
            if (!sm.survives(true)) { // XEP-0198 §7: a connection lost without </stream:stream>
                finish();
            }
        }
        services.vertx().cancelTimer(unauthenticatedTimer);
        services.vertx().cancelTimer(keepaliveTimer);
        if (detached) {
            services.openSessions().remove(this); // a session waiting for resumption stays until it ends
        }
        services.limiter().release(remoteAddress);
        LOG.info("c2s#{} closed ({})", id, jid != null ? jid : username != null ? username + "@" + services.domain() : "unauthenticated");
    }

    long id() {
        return id;
    }

    SmSupport sm() {
        return sm;
    }

    StanzaHandler stanzaHandler() {
        return stanzas;
    }

    boolean isFinished() {
        return detached;
    }
}
