package org.chasqui.broker.c2s;

import java.util.Map;
import java.util.function.Consumer;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.xml.Element;

/**
 * The framing of one client connection: how the parts of an XMPP stream travel over TCP (RFC 6120),
 * WebSocket (RFC 7395) or BOSH (XEP-0124/0206). A {@link ClientSession} owns the stream (negotiation,
 * binding, stanzas) and is the same for every transport; a transport only turns bytes into stream
 * events for its {@link Peer} and stream parts into bytes. Every method is called on the session's
 * event loop, and the transport calls its peer there too.
 */
public interface Transport {

    /** What a transport reports to its session: the stream's events, plus the end of the connection. */
    interface Peer extends org.chasqui.xmpp.stream.StreamListener {

        /** The connection is gone (closed by either side, or lost); called once. */
        void connectionClosed();

        /** The listener is shutting down: the session ends its stream with system-shutdown (RFC 6120 §4.9.3.22). */
        void shutdown();
    }

    /** The peer's IP address, for logs and per-address limits. */
    String remoteAddress();

    /** A short name for logs: "tcp", "tls", "websocket", "bosh". */
    String kind();

    /** Starts delivering the connection's input to {@code peer}; called once. */
    void start(Peer peer);

    /** Writes the server's stream header (RFC 6120 §4.7; RFC 7395 §3.4 {@code <open/>}; XEP-0206 §5). */
    void openStream(String streamId, String from, String to);

    /** Writes the stream features (RFC 6120 §4.3.2); {@code featuresXml} is the content of the element. */
    void features(String featuresXml);

    /** Writes one top-level element: a stanza or a negotiation element. */
    void write(Element element);

    /**
     * Ends the stream: with {@code error} first if not null (RFC 6120 §4.9), then the closing of the
     * stream in the transport's framing, then the connection once what was written is flushed. Nothing is read
     * after this. (The session writes a header first if none was written, RFC 6120 §4.9.1.2.)
     */
    void closeStream(StreamError error);

    /**
     * The stream restarts (after STARTTLS, RFC 6120 §5.4.3.3, or SASL, §6.4.6): input that follows
     * starts a new stream, with a new header from the client.
     */
    void restartStream();

    /** True if output waits unsent beyond the transport's bound: the client is not reading. */
    boolean backlogged();

    /** Sends whatever keeps an idle connection open if nothing was written for {@code idleMillis}. */
    void keepalive(long idleMillis);

    /** True once TLS protects the connection (from the start, or after STARTTLS). */
    boolean secured();

    /** Channel-binding data of the TLS session (RFC 5929, RFC 9266), empty without TLS. */
    Map<String, byte[]> channelBindings();

    /** True if this transport can add TLS to the running connection (RFC 6120 §5). */
    boolean canStartTls();

    /** True once STARTTLS was accepted on this connection (whether or not the handshake is done). */
    boolean startTlsUsed();

    /**
     * Writes {@code <proceed/>} and starts the TLS handshake (RFC 6120 §5.4.2.3); {@code onFailure}
     * may run on another thread. Only when {@link #canStartTls()}.
     */
    void startTls(Consumer<Throwable> onFailure);
}
