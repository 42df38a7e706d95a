package org.chasqui.broker.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.Map;
import java.util.function.Consumer;
import org.chasqui.broker.c2s.ChannelBindings;
import org.chasqui.broker.c2s.ServerStreamHeader;
import org.chasqui.broker.c2s.Transport;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.stream.DecoderLimits;
import org.chasqui.xmpp.xml.Element;
import org.chasqui.xmpp.xml.XmlEscaper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 7395 framing: each stream part is one WebSocket text message; the stream opens with
 * {@code <open/>} and ends with {@code <close/>}; stanzas carry their namespace (§3.3.3); idle
 * connections are kept with WebSocket pings (§3.7: no whitespace keepalives) and closed after the idle
 * timeout. Owned by the event loop of the WebSocket's connection.
 */
final class WebSocketTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);
    static final int MAX_PENDING_WRITE_BYTES = 8 * 1024 * 1024;
    private static final long FORCED_CLOSE_MS = 5000;
    private static final String STREAM_ERROR_OPEN = "<stream:error xmlns:stream='" + Namespaces.STREAM + "'>";

    private final Vertx vertx;
    private final ServerWebSocket socket;
    private final String remoteAddress;
    private final boolean secured;
    private final DecoderLimits limits;
    private final long idleTimeoutMillis;
    private final String seeOtherUri;
    private final Runnable released;
    private Peer peer;
    private WebSocketFraming framing;
    private Map<String, byte[]> channelBindings;
    private boolean ending;
    private boolean clientClosed;
    private boolean gone;
    private long lastInputMillis = System.currentTimeMillis();
    private long lastWriteMillis;

    /**
     * @param secured  TLS protects the connection, or the configuration trusts this loopback peer
     * @param released runs once when the connection is gone (frees the session slot)
     */
    WebSocketTransport(Vertx vertx, ServerWebSocket socket, String remoteAddress, boolean secured,
            DecoderLimits limits, long idleTimeoutMillis, String seeOtherUri, Runnable released) {
        this.vertx = vertx;
        this.socket = socket;
        this.remoteAddress = remoteAddress;
        this.secured = secured;
        this.limits = limits;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.seeOtherUri = seeOtherUri;
        this.released = released;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String kind() {
        return socket.isSsl() ? "websocket, TLS" : "websocket";
    }

    @Override
    public void start(Peer peer) {
        this.peer = peer;
        framing = new WebSocketFraming(limits, new Framed());
        socket.setWriteQueueMaxSize(MAX_PENDING_WRITE_BYTES);
        socket.textMessageHandler(text -> {
            lastInputMillis = System.currentTimeMillis();
            if (ending) {
                if (text.contains(WebSocketFraming.NAMESPACE) && text.contains("close")) {
                    socket.close(); // the client answered our <close/> (RFC 7395 §3.6)
                }
                return;
            }
            framing.message(text);
        });
        socket.binaryMessageHandler(b -> {
            if (!ending) { // RFC 7395 §3.3.3: text messages only
                peer.streamError(new StreamError(StreamErrorCondition.UNSUPPORTED_ENCODING, "binary WebSocket message"));
            }
        });
        socket.pongHandler(b -> lastInputMillis = System.currentTimeMillis());
        socket.closeHandler(v -> {
            ending = true;
            framing.close();
            if (!gone) {
                gone = true;
                released.run();
                peer.connectionClosed();
            }
        });
        socket.exceptionHandler(t -> LOG.debug("{} WebSocket error: {}", remoteAddress, t.toString()));
    }

    @Override
    public void openStream(String streamId, String from, String to) {
        StringBuilder sb = new StringBuilder(200).append("<open xmlns='").append(WebSocketFraming.NAMESPACE).append('\'');
        send(ServerStreamHeader.attributes(sb, streamId, from, to).append("/>").toString());
    }

    @Override
    public void features(String featuresXml) {
        send("<stream:features xmlns:stream='" + Namespaces.STREAM + "'>" + featuresXml + "</stream:features>");
    }

    @Override
    public void write(Element element) {
        send(element.toXml()); // RFC 7395 §3.3.3: every message declares its namespace
    }

    @Override
    public void closeStream(StreamError error) {
        if (ending) {
            return;
        }
        if (error != null) {
            // RFC 7395 §3.6.2: the error, then <close/>; its stream prefix is declared in the message
            String xml = error.toXml();
            send(STREAM_ERROR_OPEN + xml.substring("<stream:error>".length()));
        }
        send("<close xmlns='" + WebSocketFraming.NAMESPACE + "'/>");
        end(error != null);
    }

    /**
     * RFC 7395 §3.6: the server closes the WebSocket connection once both sides sent {@code <close/>};
     * after a stream error (§3.6.2) the stream is beyond repair and the connection closes at once.
     */
    private void end(boolean now) {
        ending = true;
        if (framing == null) { // refused before start (ClientSessions.open): no close handler will release
            gone = true;
            released.run();
            socket.close();
            return;
        }
        framing.close();
        if (now || clientClosed) {
            socket.close();
        } else {
            // wait for the client's <close/>, but not forever
            vertx.setTimer(FORCED_CLOSE_MS, t -> socket.close());
        }
    }

    @Override
    public void restartStream() {
        framing.restart();
    }

    @Override
    public boolean backlogged() {
        return socket.writeQueueFull();
    }

    @Override
    public void keepalive(long idleMillis) {
        long now = System.currentTimeMillis();
        if (idleTimeoutMillis > 0 && now - lastInputMillis >= idleTimeoutMillis) {
            LOG.info("{} WebSocket without input for {} ms, closing", remoteAddress, now - lastInputMillis);
            peer.streamError(new StreamError(StreamErrorCondition.CONNECTION_TIMEOUT, "idle")); // RFC 6120 §4.9.3.4
            return;
        }
        if (!ending && now - lastWriteMillis >= idleMillis) {
            socket.writePing(Buffer.buffer()); // RFC 7395 §3.7, RFC 6455 §5.5.2
        }
    }

    private void send(String xml) {
        if (!gone) {
            socket.writeTextMessage(xml);
            lastWriteMillis = System.currentTimeMillis();
        }
    }

    @Override
    public boolean secured() {
        return secured;
    }

    @Override
    public Map<String, byte[]> channelBindings() {
        if (channelBindings == null) {
            channelBindings = socket.isSsl() ? ChannelBindings.of(socket.sslSession()) : Map.of();
        }
        return channelBindings;
    }

    @Override
    public boolean canStartTls() {
        return false; // RFC 7395 §3.3.4: TLS is the WebSocket's (wss:), never STARTTLS
    }

    @Override
    public boolean startTlsUsed() {
        return false;
    }

    @Override
    public void startTls(Consumer<Throwable> onFailure) {
        throw new UnsupportedOperationException("STARTTLS over WebSocket");
    }

    /** What the framing decodes, on its way to the session: the client's close is noted, a redirect answered here. */
    private final class Framed implements Peer {

        @Override
        public void streamOpened(org.chasqui.xmpp.stream.StreamHeader header) {
            if (seeOtherUri == null) {
                peer.streamOpened(header);
                return;
            }
            // RFC 7395 §3.6.1: answer the <open/>, then close naming the other endpoint
            openStream(ServerStreamHeader.newStreamId(), header.to() == null ? "" : header.to(), null);
            StringBuilder close = new StringBuilder("<close xmlns='").append(WebSocketFraming.NAMESPACE)
                    .append("' see-other-uri='");
            XmlEscaper.escapeAttribute(seeOtherUri, close);
            send(close.append("'/>").toString());
            end(true);
        }

        @Override
        public void element(Element element) {
            peer.element(element);
        }

        @Override
        public void streamClosed() {
            clientClosed = true;
            peer.streamClosed();
        }

        @Override
        public void streamError(StreamError error) {
            peer.streamError(error);
        }

        @Override
        public void connectionClosed() {
            peer.connectionClosed();
        }

        @Override
        public void shutdown() {
            peer.shutdown();
        }
    }
}
