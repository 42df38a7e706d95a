package org.chasqui.broker.c2s;

import org.chasqui.xmpp.jid.Jid;

/**
 * What a session hands to the stream that resumes it (XEP-0198 §5), besides its stream management
 * state: the bound JID, the presence the server keeps for it, the carbons flag, and its stanza
 * handler, whose per-session state the new handler takes over. Made on the former session's loop,
 * read on the new one's; the former session touches none of it afterwards.
 */
record SessionTransfer(
        ClientSession former,
        Jid jid,
        boolean available,
        int priority,
        boolean carbons,
        StanzaHandler stanzas) {
}
