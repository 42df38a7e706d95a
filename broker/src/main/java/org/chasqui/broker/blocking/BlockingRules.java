package org.chasqui.broker.blocking;

import java.util.function.BiConsumer;
import org.chasqui.broker.routing.BlockingPolicy;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StanzaError;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.xml.Element;

/**
 * What the server does with a stanza between a user and a JID on the user's block list (XEP-0191
 * §3.3), decided from the {@link BlockingIndex} on the sender's thread.
 */
public final class BlockingRules implements BlockingPolicy {

    private static final StanzaError UNAVAILABLE = StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE);

    private final BlockingIndex index;
    private final BiConsumer<Element, StanzaError> bounce;
    private final Jid domain;

    /** @param bounce sends an error reply for a stanza to its sender (never for an error: RFC 6120 §8.3.1) */
    public BlockingRules(BlockingIndex index, BiConsumer<Element, StanzaError> bounce, Jid domain) {
        this.index = index;
        this.bounce = bounce;
        this.domain = domain;
    }

    @Override
    public boolean blocks(Jid userBare, Jid other) {
        return index.blocks(userBare, other);
    }

    @Override
    public boolean stops(Element stanza, Jid from, Jid to) {
        Jid sender = from.bare();
        if (sender.equals(to.bare())) {
            return false; // §5: never between the user's own resources
        }
        // Outbound; the user's own server is not a contact and stays reachable.
        if (!to.equals(domain) && index.blocks(sender, to)) {
            outbound(stanza);
            return true;
        }
        if (!to.isDomainOnly() && index.blocks(to.bare(), from)) {
            inbound(stanza);
            return true;
        }
        return false;
    }

    /**
     * §3.3: not routed; the user gets not-acceptable with {@code <blocked/>}. Errors, IQ results and
     * unavailable presence (the server's own, as when a session ends) are dropped without a reply.
     */
    private void outbound(Element stanza) {
        String type = stanza.attribute("type");
        if (stanza.name().equals("presence") && "unavailable".equals(type)) {
            return;
        }
        bounce.accept(stanza, BlockingXml.BLOCKED); // the bounce itself drops errors and IQ results
    }

    /**
     * §3.3: presence (including subscriptions and probes) is dropped without an answer; messages and
     * IQ get/set are answered with service-unavailable, other IQs are dropped, so the user appears
     * offline to the blocked JID.
     */
    private void inbound(Element stanza) {
        if (!stanza.name().equals("presence")) {
            bounce.accept(stanza, UNAVAILABLE);
        }
    }
}
