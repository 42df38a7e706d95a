package org.chasqui.broker.routing;

import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.xml.Element;

/** A service with its own domain (XEP-0114 style, but in-process), e.g. pubsub.domain. */
@FunctionalInterface
public interface Component {

    /** A stanza addressed to the component's domain, 'from' already stamped. Any thread. */
    void handle(Element stanza, Jid from, Jid to);
}
