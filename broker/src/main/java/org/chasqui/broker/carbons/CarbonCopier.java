package org.chasqui.broker.carbons;

import java.util.Collection;
import java.util.Set;
import org.chasqui.broker.routing.LocalSession;
import org.chasqui.broker.routing.SessionRegistry;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;

/**
 * Sends the carbon copies of XEP-0280 for messages the router delivers. Stateless apart from the
 * registry it reads; whether a session wants copies is the session's own flag (§4, §5).
 */
public final class CarbonCopier {

    public static final String NAMESPACE = "urn:xmpp:carbons:2";
    public static final String FORWARD = "urn:xmpp:forward:0";
    private static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    /** §6.1: payloads typically used in IM (XEP-0184 receipts, XEP-0085 chat states, XEP-0333 markers). */
    private static final Set<String> IM_PAYLOADS = Set.of(
            "urn:xmpp:receipts", "http://jabber.org/protocol/chatstates", "urn:xmpp:chat-markers:0");

    private final SessionRegistry registry;

    public CarbonCopier(SessionRegistry registry) {
        this.registry = registry;
    }

    /** True for the IQ-set payloads of §4 and §5. */
    public static boolean isToggle(Element payload) {
        return payload.is("enable", NAMESPACE) || payload.is("disable", NAMESPACE);
    }

    /**
     * §8: a local session sent {@code message}; the sender's other carbons-enabled sessions get a
     * {@code <sent/>} copy, whether or not the sender has carbons enabled.
     */
    public void sent(Element message, Jid sender) {
        if (!eligible(message)) {
            return;
        }
        for (LocalSession s : registry.sessionsOf(sender.bare())) {
            if (s.carbonsEnabled() && !s.jid().equals(sender)) {
                s.deliver(copy("sent", message, s.jid()));
            }
        }
    }

    /**
     * §7: {@code message} to the account {@code bare} was delivered to {@code recipients} under
     * RFC 6121 §8.5; its other carbons-enabled sessions get a {@code <received/>} copy.
     */
    public void received(Element message, Jid bare, Collection<LocalSession> recipients) {
        // §6.1: a private message from a MUC occupant is already sent by the room to every joined client.
        if (!eligible(message) || (isMucUser(message) && !isInvitation(message))) {
            return;
        }
        for (LocalSession s : registry.sessionsOf(bare)) {
            if (s.carbonsEnabled() && !recipients.contains(s)) {
                s.deliver(copy("received", message, s.jid()));
            }
        }
    }

    /**
     * §6.1, without the two rules that need state: errors in reply to eligible messages (not copied)
     * and the MUC private messages of a local user (copied to all resources, not only the room's).
     */
    static boolean eligible(Element message) {
        if (message.child("private", NAMESPACE) != null) {
            return false; // §6.1, §9
        }
        String type = message.attribute("type");
        if ("groupchat".equals(type) || "error".equals(type)) {
            return false;
        }
        if ("chat".equals(type)) {
            return true;
        }
        if ((type == null || "normal".equals(type)) && message.child("body", message.namespace()) != null) {
            return true;
        }
        return isInvitation(message)
                || message.elements().stream().anyMatch(e -> IM_PAYLOADS.contains(e.namespace()));
    }

    private static boolean isMucUser(Element message) {
        return message.child("x", MUC_USER) != null;
    }

    /** §6.1: XEP-0249 direct invitations and XEP-0045 §7.8.2 mediated invitations are copied. */
    private static boolean isInvitation(Element message) {
        Element mucUser = message.child("x", MUC_USER);
        return message.child("x", "jabber:x:conference") != null
                || (mucUser != null && mucUser.child("invite", MUC_USER) != null);
    }

    /** §7 and §8: the copy keeps the type, comes from the bare JID and wraps the original (XEP-0297). */
    private static Element copy(String direction, Element message, Jid to) {
        Element forwarded = Element.builder("forwarded", FORWARD).child(message).build();
        return Element.builder("message", Namespaces.CLIENT)
                .attribute("from", to.bare().toString())
                .attribute("to", to.toString())
                .attribute("type", message.attribute("type"))
                .child(Element.builder(direction, NAMESPACE).child(forwarded).build())
                .build();
    }
}
