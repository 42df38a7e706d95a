package org.chasqui.broker.roster;

import org.chasqui.broker.routing.LocalSession;
import org.chasqui.broker.routing.Router;
import org.chasqui.broker.routing.SessionRegistry;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;

/**
 * Presence from a user's available resources to one contact: their current presence after a
 * subscription is approved (RFC 6121 §3.1.5) or a probe (§4.3.2), unavailable after it is cancelled
 * (§3.2.2). Any thread.
 */
public final class ContactDelivery {

    private final SessionRegistry registry;
    private final Router router;

    public ContactDelivery(SessionRegistry registry, Router router) {
        this.registry = registry;
        this.router = router;
    }

    /** Sends the last presence of each available resource of {@code user} to {@code to}; returns how many. */
    public int currentPresence(Jid user, Jid to) {
        int sent = 0;
        for (LocalSession s : registry.sessionsOf(user.bare())) {
            Element last = s.lastPresence();
            if (s.isAvailable() && last != null) {
                router.route(last.withAttribute("from", s.jid().toString()).withAttribute("to", to.toString()), s.jid(), to);
                sent++;
            }
        }
        return sent;
    }

    /** Sends unavailable presence from each available resource of {@code user} to {@code to}. */
    public void unavailable(Jid user, Jid to) {
        for (LocalSession s : registry.sessionsOf(user.bare())) {
            if (s.isAvailable()) {
                router.route(unavailableStanza(s.jid(), to), s.jid(), to);
            }
        }
    }

    public static Element unavailableStanza(Jid from, Jid to) {
        return Element.builder("presence", Namespaces.CLIENT)
                .attribute("from", from.toString())
                .attribute("to", to.toString())
                .attribute("type", "unavailable")
                .build();
    }

    /** The user's available resources (for delivering subscription stanzas, RFC 6121 §3.1.3). */
    public void toAvailable(Jid user, Element stanza) {
        for (LocalSession s : registry.sessionsOf(user.bare())) {
            if (s.isAvailable()) {
                s.deliver(stanza);
            }
        }
    }
}
