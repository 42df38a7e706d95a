package org.chasqui.xmpp.stanza;

import org.chasqui.xmpp.xml.Element;

/** Helpers for the three stanza kinds of RFC 6120 §8. */
public final class Stanzas {

    private Stanzas() {
    }

    public static boolean isStanza(Element e) {
        String ns = e.namespace();
        if (!ns.equals(Namespaces.CLIENT) && !ns.equals(Namespaces.SERVER)) {
            return false;
        }
        return switch (e.name()) {
            case "message", "presence", "iq" -> true;
            default -> false;
        };
    }

    /**
     * The error response to a stanza, RFC 6120 §8.3.1: same name and id, addresses swapped,
     * type 'error', the original children kept (allowed by §8.3.1 rule 4), and the error child.
     */
    public static Element errorReply(Element stanza, StanzaError error) {
        Element.Builder b = Element.builder(stanza.name(), stanza.namespace())
                .attribute("id", stanza.attribute("id"))
                .attribute("from", stanza.attribute("to"))
                .attribute("to", stanza.attribute("from"))
                .attribute("type", "error");
        if (!stanza.name().equals("iq")) {
            b.attribute("xml:lang", stanza.attribute("xml:lang"));
        }
        for (Element child : stanza.elements()) {
            if (!child.name().equals("error")) {
                b.child(child);
            }
        }
        return b.child(error.toElement(stanza.namespace())).build();
    }

    /** An empty IQ result for an IQ get/set, RFC 6120 §8.2.3. */
    public static Element iqResult(Element iq) {
        return iqResult(iq, null);
    }

    /** An IQ result carrying {@code payload} (may be null). */
    public static Element iqResult(Element iq, Element payload) {
        Element.Builder b = Element.builder("iq", iq.namespace())
                .attribute("id", iq.attribute("id"))
                .attribute("from", iq.attribute("to"))
                .attribute("to", iq.attribute("from"))
                .attribute("type", "result");
        if (payload != null) {
            b.child(payload);
        }
        return b.build();
    }
}
