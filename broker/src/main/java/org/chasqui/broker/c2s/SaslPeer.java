package org.chasqui.broker.c2s;

import java.util.Map;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.xml.Element;

/** What SASL negotiation needs from the stream it runs on. */
interface SaslPeer {

    void send(Element element);

    /** SASL succeeded for this account; the stream restarts (RFC 6120 §6.4.6). */
    void authenticated(String username);

    void terminate(StreamError error);

    boolean secured();

    /** Channel-binding data of the TLS session, empty without TLS. */
    Map<String, byte[]> channelBindings();

    String remoteAddress();

    /** False once the stream has ended: late results of asynchronous steps are then dropped. */
    boolean isOpen();
}
