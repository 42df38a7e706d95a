package org.chasqui.broker.csi;

import java.util.Set;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;

/**
 * XEP-0352 §3.2 leaves it to the server what an inactive client is spared. This is the one decision:
 * a stanza for an inactive client goes out now, or is held until the client is active again. Later
 * deliveries (pubsub notifications) ask the same question.
 */
public final class CsiPolicy {

    public static final String NAMESPACE = "urn:xmpp:csi:0";

    /** What happens to a stanza for an inactive client. */
    public enum Handling {
        /** Written at once: the user would want to know now. */
        SEND_NOW,
        /** Held, in order with everything else held. */
        HOLD,
        /** Held, and replaces what is held from the same sender (full JID): presence updates. */
        HOLD_NEWEST_PER_SENDER
    }

    private static final String CARBONS = "urn:xmpp:carbons:2";
    private static final String FORWARD = "urn:xmpp:forward:0";
    /** Encrypted message payloads: OMEMO (XEP-0384, old and :2 namespaces), XEP-0027, XEP-0373. */
    private static final Set<String> ENCRYPTED = Set.of(
            "eu.siacs.conversations.axolotl", "urn:xmpp:omemo:2", "jabber:x:encrypted", "urn:xmpp:openpgp:0");
    /** XEP-0313 results answer the client's own query: holding them would reorder them after its IQ result. */
    private static final Set<String> MAM = Set.of("urn:xmpp:mam:2", "urn:xmpp:mam:1", "urn:xmpp:mam:0");

    /**
     * Now: IQs (someone waits for the answer), errors, subscription presences, messages with a body
     * or an encrypted payload, carbon copies (XEP-0280) of such messages, archive results. Held,
     * newest per sender: available and unavailable presence. Held in order: the rest, e.g. chat
     * states (XEP-0085), receipts and markers without a body, headlines such as pubsub events.
     */
    public Handling decide(Element stanza) {
        if ("error".equals(stanza.attribute("type"))) {
            return Handling.SEND_NOW;
        }
        return switch (stanza.name()) {
            case "presence" -> presence(stanza.attribute("type"));
            case "message" -> urgentMessage(stanza) ? Handling.SEND_NOW : Handling.HOLD;
            default -> Handling.SEND_NOW;
        };
    }

    /** RFC 6121 §4: availability is state, only its latest value matters; §3 subscriptions need the user. */
    private static Handling presence(String type) {
        return type == null || type.equals("unavailable") ? Handling.HOLD_NEWEST_PER_SENDER : Handling.SEND_NOW;
    }

    private static boolean urgentMessage(Element message) {
        if (message.child("body", message.namespace()) != null) {
            return true;
        }
        for (Element payload : message.elements()) {
            if (ENCRYPTED.contains(payload.namespace()) || MAM.contains(payload.namespace())) {
                return true;
            }
            if (CARBONS.equals(payload.namespace()) && (payload.name().equals("received") || payload.name().equals("sent"))) {
                Element forwarded = payload.child("forwarded", FORWARD);
                Element copied = forwarded == null ? null : forwarded.child("message", Namespaces.CLIENT);
                if (copied != null && urgentMessage(copied)) {
                    return true;
                }
            }
        }
        return false;
    }
}
