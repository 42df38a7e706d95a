package org.chasqui.broker.sm;

import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.xml.Element;

/** What {@link SmNegotiator} needs from the client stream it works for; called on the stream's loop. */
public interface SmPeer {

    /** The authenticated account's bare JID, or null before SASL succeeded. */
    Jid account();

    /** True once a resource is bound (RFC 6120 §7) or a former session was resumed on this stream. */
    boolean isBound();

    /** Writes a stream-level element: not a stanza, never counted (XEP-0198 §1). */
    void writeNonza(Element element);

    /** Ends the stream with this error. */
    void fail(StreamError error);

    /** Registers the session as resumable and returns its new SM-ID (§5). */
    String registerResumable();

    /**
     * §5: the client asks to resume the former session {@code previd}, having handled {@code h}
     * stanzas of it. The peer answers with {@code <resumed/>} or {@code <failed/>}, possibly later.
     */
    void resume(String previd, long h);
}
