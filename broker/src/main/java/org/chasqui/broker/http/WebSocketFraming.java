package org.chasqui.broker.http;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.chasqui.broker.c2s.Transport;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.stream.DecoderLimits;
import org.chasqui.xmpp.stream.StreamHeader;
import org.chasqui.xmpp.stream.StreamListener;
import org.chasqui.xmpp.stream.XmppStreamDecoder;
import org.chasqui.xmpp.xml.Element;

/**
 * Input framing of RFC 7395 §3.3: every WebSocket message is one complete XML element; the stream is
 * opened with {@code <open/>} and closed with {@code <close/>} of the framing namespace. Messages are
 * parsed by the same decoder as TCP streams (and so under the same limits), fed after a synthetic
 * stream header that declares {@code jabber:client} as the default namespace; a new header is fed
 * after each stream restart. Owned by the connection's event loop.
 */
final class WebSocketFraming implements StreamListener {

    static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-framing";
    private static final byte[] SYNTHETIC_HEADER = ("<stream:stream xmlns='" + Namespaces.CLIENT
            + "' xmlns:stream='" + Namespaces.STREAM + "'>").getBytes(StandardCharsets.UTF_8);
    private static final Set<String> CONTENT_NAMESPACES = Set.of(Namespaces.CLIENT);

    private final DecoderLimits limits;
    private final Transport.Peer peer;
    private XmppStreamDecoder decoder;
    private int elements;
    private Element first;

    WebSocketFraming(DecoderLimits limits, Transport.Peer peer) {
        this.limits = limits;
        this.peer = peer;
        restart();
    }

    /** A new stream begins (RFC 7395 §3.5: after SASL the client sends a new {@code <open/>}). */
    void restart() {
        if (decoder != null) {
            decoder.close();
        }
        decoder = new XmppStreamDecoder(limits, CONTENT_NAMESPACES, this);
        decoder.feed(SYNTHETIC_HEADER);
    }

    /** One WebSocket text message. */
    void message(String text) {
        if (decoder.isTerminated()) {
            return;
        }
        elements = 0;
        first = null;
        XmppStreamDecoder current = decoder;
        current.feed(text.strip().getBytes(StandardCharsets.UTF_8));
        if (current.isTerminated()) {
            return; // the decoder reported its error
        }
        if (elements != 1 || !current.betweenElements()) {
            current.close();
            peer.streamError(new StreamError(StreamErrorCondition.NOT_WELL_FORMED,
                    "a WebSocket message must hold exactly one complete XML element (RFC 7395 §3.3.3)"));
            return;
        }
        dispatch(first); // only a valid message takes effect
    }

    void close() {
        decoder.close();
    }

    @Override
    public void streamOpened(StreamHeader header) {
        // the synthetic header: the client's stream opens with <open/>
    }

    @Override
    public void element(Element element) {
        if (++elements == 1) {
            first = element; // dispatched once the whole message is known to be one element
        }
    }

    private void dispatch(Element element) {
        if (!NAMESPACE.equals(element.namespace())) {
            peer.element(element);
        } else if (element.name().equals("open")) {
            // RFC 7395 §3.4: the <open/> carries the attributes of a stream header
            peer.streamOpened(new StreamHeader(element.attribute("to"), element.attribute("from"),
                    element.attribute("id"), element.attribute("version"),
                    element.attribute("xml:lang"), Namespaces.CLIENT));
        } else if (element.name().equals("close")) {
            decoder.close();
            peer.streamClosed(); // RFC 7395 §3.6
        } else {
            decoder.close();
            peer.streamError(new StreamError(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                    "unknown framing element " + element.name()));
        }
    }

    @Override
    public void streamClosed() {
        peer.streamError(new StreamError(StreamErrorCondition.NOT_WELL_FORMED,
                "</stream:stream> is not a WebSocket framing; close with <close/> (RFC 7395 §3.6)"));
    }

    @Override
    public void streamError(StreamError error) {
        peer.streamError(error);
    }
}
