package org.chasqui.broker.routing;

import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.xml.Element;

/**
 * A bound client session as the router sees it. The session's state belongs to its own event loop;
 * every method here may be called from any thread and hops to that loop where it must.
 */
public interface LocalSession {

    /** The full JID bound to the session (RFC 6120 §7). */
    Jid jid();

    /** True once the resource sent available presence and until it sends unavailable (RFC 6121 §4). */
    boolean isAvailable();

    /** The priority of the last available presence (RFC 6121 §4.7.2.3), 0 before any. */
    int priority();

    /** The last available presence the resource broadcast (RFC 6121 §4.3.2 answers probes with it), or null. */
    Element lastPresence();

    /** True while the session has XEP-0280 carbons enabled (§4, §5). */
    boolean carbonsEnabled();

    /** Queues a stanza for delivery on the session's own event loop. */
    void deliver(Element stanza);

    /** Ends the stream with this error, on the session's own event loop. */
    void terminate(StreamError error);
}
