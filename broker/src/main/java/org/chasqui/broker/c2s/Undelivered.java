package org.chasqui.broker.c2s;

import org.chasqui.broker.carbons.CarbonCopier;
import org.chasqui.broker.routing.Router;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StanzaError;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.stanza.Stanzas;
import org.chasqui.xmpp.xml.Element;

/**
 * A stanza a session accepted and will never deliver (unacknowledged under XEP-0198, held under
 * XEP-0352, or arriving after the session ended) is treated as if sent to an unavailable resource:
 * messages go back to the account (except carbon copies), IQ requests are answered with an error.
 */
final class Undelivered {

    private Undelivered() {
    }

    static void handBack(Router router, Element stanza) {
        String type = stanza.attribute("type");
        if (stanza.name().equals("message")) {
            if (!isCarbonCopy(stanza)) {
                router.redeliver(stanza); // XEP-0198 §4: another resource of the account, or offline storage
            }
        } else if (stanza.name().equals("iq") && ("get".equals(type) || "set".equals(type))) {
            // RFC 6121 §8.5.3.2.3: the requester gets service-unavailable rather than no answer
            Jid.tryParse(String.valueOf(stanza.attribute("from"))).ifPresent(requester -> router.deliver(
                    Stanzas.errorReply(stanza, StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE)), requester));
        }
        // presence is state, not a message: the account's other resources learn the session's end anyway
    }

    /**
     * XEP-0280 §7, §8: a copy the server made for this account of a message that another of its
     * resources received or sent. Handing it back would give that account a duplicate, so it is not.
     */
    static boolean isCarbonCopy(Element message) {
        boolean wraps = message.child("received", CarbonCopier.NAMESPACE) != null
                || message.child("sent", CarbonCopier.NAMESPACE) != null;
        String from = message.attribute("from");
        return wraps && from != null
                && Jid.tryParse(String.valueOf(message.attribute("to"))).map(to -> to.bare().toString().equals(from)).orElse(false);
    }
}
