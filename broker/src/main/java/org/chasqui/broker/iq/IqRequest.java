package org.chasqui.broker.iq;

import java.util.function.Consumer;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StanzaError;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.stanza.Stanzas;
import org.chasqui.xmpp.xml.Element;

/**
 * An IQ get or set that the server answers itself: addressed to the domain, or to an account's bare
 * JID (or to nothing, which means the sender's own account: RFC 6120 §10.3.3).
 *
 * @param iq      the stanza, with 'from' stamped
 * @param from    the sender's full JID (null before authentication, for XEP-0077 registration)
 * @param to      the domain or the bare JID the request is for
 * @param replier sends the reply back to the sender
 */
public record IqRequest(Element iq, Jid from, Jid to, Consumer<Element> replier) {

    public boolean isGet() {
        return "get".equals(iq.attribute("type"));
    }

    public boolean isSet() {
        return "set".equals(iq.attribute("type"));
    }

    public boolean toDomain() {
        return to.isDomainOnly();
    }

    /** The single payload child (RFC 6120 §8.2.3). */
    public Element payload() {
        return iq.firstElement();
    }

    public void result(Element payload) {
        replier.accept(Stanzas.iqResult(addressed(), payload));
    }

    public void result() {
        result(null);
    }

    public void error(StanzaError error) {
        replier.accept(Stanzas.errorReply(addressed(), error));
    }

    public void error(StanzaErrorCondition condition) {
        error(StanzaError.of(condition));
    }

    /**
     * This request with its reply sent through {@code gate}: an answer computed now leaves when the gate
     * runs it (e.g. once the state it shows is journaled, {@code UserStore.afterJournaled}).
     */
    public IqRequest repliedThrough(Consumer<Runnable> gate) {
        return new IqRequest(iq, from, to, reply -> gate.accept(() -> replier.accept(reply)));
    }

    /** The IQ with a 'to' filled in, so that a reply's 'from' names who answered. */
    private Element addressed() {
        return iq.attribute("to") != null ? iq : iq.withAttribute("to", to.toString());
    }
}
