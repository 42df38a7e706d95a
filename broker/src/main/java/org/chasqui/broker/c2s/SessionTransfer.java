package org.chasqui.broker.c2s;

import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.xml.Element;

/**
 * What a session hands to the stream that resumes it (XEP-0198 §5), besides its stream management
 * state: the bound JID, the presence the server keeps for it (the last broadcast presence, null when
 * unavailable, and the priority), the carbons flag, and its stanza handler, whose per-session state
 * (directed presence) the new handler takes over. Made on the former session's loop,
 * read on the new one's; the former session touches none of it afterwards.
 */
record SessionTransfer(
        ClientSession former,
        Jid jid,
        Element lastPresence,
        int priority,
        boolean carbons,
        StanzaHandler stanzas) {
}
