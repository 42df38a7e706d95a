package org.chasqui.broker.http.bosh;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.chasqui.broker.c2s.Transport;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.stream.StreamHeader;
import org.chasqui.xmpp.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XEP-0206 framing: the XMPP stream of a {@link org.chasqui.broker.c2s.ClientSession} carried by a
 * {@link BoshSession}. The stream header is not on the wire: the session creation request (and each
 * restart request, XEP-0206 §5) stands for the client's, the creation response for the server's; what
 * the session writes waits in the BOSH session for the next response. Owned by the event loop where the
 * BOSH session was created.
 */
final class BoshTransport implements Transport, BoshSession.Upstream {

    private static final Logger LOG = LoggerFactory.getLogger(BoshTransport.class);
    private static final String FEATURES_OPEN = "<stream:features xmlns:stream='" + Namespaces.STREAM + "'>";

    private final BoshSession session;
    private final String remoteAddress;
    private final boolean secured;
    private final String kind;
    private final Consumer<BoshTransport> released;
    private Peer peer;
    private BoshRequest creation;
    private boolean headerWritten;
    private boolean restartDue;
    private boolean gone;

    /**
     * @param secured  every request comes over HTTPS, or the configuration trusts this loopback peer
     * @param released runs once when the session's sid is forgotten
     */
    BoshTransport(String sid, BoshSettings settings, BoshScheduler scheduler, String remoteAddress, boolean secured,
            boolean https, Consumer<BoshTransport> released) {
        this.session = new BoshSession(sid, settings, scheduler, this);
        this.remoteAddress = remoteAddress;
        this.secured = secured;
        this.kind = https ? "bosh, TLS" : "bosh";
        this.released = released;
    }

    BoshSession session() {
        return session;
    }

    /** §7.1 and XEP-0206 §3: the creation request stands for the client's stream header. */
    void openFirstStream(BoshRequest request) {
        creation = request;
        if (peer != null) {
            peer.streamOpened(header(request));
        }
    }

    private StreamHeader header(BoshRequest request) {
        String to = request.to() != null ? request.to() : creation.to();
        String lang = request.lang() != null ? request.lang() : creation.lang();
        String version = request.xmppVersion() != null ? request.xmppVersion() : creation.xmppVersion();
        return new StreamHeader(to, request.from(), null, version, lang, Namespaces.CLIENT);
    }

    // ---- Transport ----

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public void start(Peer peer) {
        this.peer = peer;
    }

    /** XEP-0206 §3: the creation response carries the stream id ('authid'); a restart has no header. */
    @Override
    public void openStream(String streamId, String from, String to) {
        if (!headerWritten) {
            headerWritten = true;
            session.streamOpened(streamId, from);
        }
    }

    @Override
    public void features(String featuresXml) {
        session.send(FEATURES_OPEN + featuresXml + "</stream:features>");
    }

    @Override
    public void write(Element element) {
        session.send(element.toXml());
    }

    /** XEP-0206 §6: a stream error becomes remote-stream-error with the error inside; a close, type='terminate'. */
    @Override
    public void closeStream(StreamError error) {
        if (error == null) {
            session.terminate(null, null);
        } else {
            session.terminate(BoshCondition.REMOTE_STREAM_ERROR, error.toXml());
        }
    }

    @Override
    public void restartStream() {
        restartDue = true;
    }

    @Override
    public boolean backlogged() {
        return session.backlogged();
    }

    /** Nothing to do: a held request is answered empty after 'wait' (XEP-0124 §7.3), which keeps HTTP alive. */
    @Override
    public void keepalive(long idleMillis) {
    }

    @Override
    public boolean secured() {
        return secured;
    }

    /** None: each request may come over another TLS connection, so no one TLS session binds the stream. */
    @Override
    public Map<String, byte[]> channelBindings() {
        return Map.of();
    }

    @Override
    public boolean canStartTls() {
        return false;
    }

    @Override
    public boolean startTlsUsed() {
        return false;
    }

    @Override
    public void startTls(Consumer<Throwable> onFailure) {
        throw new IllegalStateException("BOSH has no STARTTLS");
    }

    // ---- BoshSession.Upstream ----

    @Override
    public void payloads(List<Element> payloads) {
        if (peer == null) {
            return;
        }
        try {
            for (Element payload : payloads) {
                if (!session.isActive()) {
                    return; // the stream ended on an earlier payload: nothing more is read (RFC 6120 §4.9.1.1)
                }
                peer.element(payload);
            }
        } catch (RuntimeException e) {
            LOG.error("{}: internal error while handling input", remoteAddress, e);
            peer.streamError(StreamError.of(StreamErrorCondition.INTERNAL_SERVER_ERROR));
        }
    }

    /** XEP-0206 §5: the restart request is the client's new stream header, due after SASL success. */
    @Override
    public boolean restart(BoshRequest request) {
        if (!restartDue || peer == null) {
            return false;
        }
        restartDue = false;
        peer.streamOpened(header(request));
        return true;
    }

    @Override
    public void clientTerminated() {
        if (peer != null) {
            peer.streamClosed(); // as </stream:stream>, RFC 6120 §4.4
        }
    }

    @Override
    public void connectionLost() {
        if (peer != null && !gone) {
            gone = true;
            peer.connectionClosed();
        }
    }

    @Override
    public void released() {
        released.accept(this);
    }

    /** The listener is shutting down: the session ends its stream with system-shutdown. */
    void shutdown() {
        if (peer != null && session.isActive()) {
            peer.shutdown();
        }
    }
}
