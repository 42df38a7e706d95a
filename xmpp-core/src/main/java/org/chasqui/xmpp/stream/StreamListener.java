package org.chasqui.xmpp.stream;

import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.xml.Element;

/**
 * Receives what an {@link XmppStreamDecoder} decodes, on the thread that calls {@code feed}.
 *
 * <p>A stream produces {@code streamOpened} once, then any number of {@code element} calls, then at most one
 * of {@code streamClosed} or {@code streamError}, after which nothing more is delivered. A callback may close
 * the decoder; the decoder then stops at once.
 */
public interface StreamListener {

    /** The stream header arrived and was accepted. */
    void streamOpened(StreamHeader header);

    /** A complete top-level element of the stream: a stanza, or a negotiation element such as {@code <auth/>}. */
    void element(Element stanza);

    /** The peer closed its stream with {@code </stream:stream>} (RFC 6120 §4.4). */
    void streamClosed();

    /** The input broke a rule; the caller sends this error and closes the stream (RFC 6120 §4.9). */
    void streamError(StreamError error);
}
