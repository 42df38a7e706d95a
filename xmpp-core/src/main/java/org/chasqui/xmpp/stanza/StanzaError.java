package org.chasqui.xmpp.stanza;

import java.util.Objects;
import org.chasqui.xmpp.xml.Element;

/**
 * A stanza error (RFC 6120 §8.3): type, defined condition, optional text and an optional
 * application-specific condition element (e.g. a XEP-0060 {@code <pubsub-specific/>} child).
 */
public record StanzaError(StanzaErrorType type, StanzaErrorCondition condition, String text, Element applicationCondition) {

    public StanzaError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(condition, "condition");
    }

    public static StanzaError of(StanzaErrorCondition condition) {
        return new StanzaError(condition.defaultType(), condition, null, null);
    }

    public static StanzaError of(StanzaErrorCondition condition, String text) {
        return new StanzaError(condition.defaultType(), condition, text, null);
    }

    /** The {@code <error/>} child, RFC 6120 §8.3.2. */
    public Element toElement(String stanzaNamespace) {
        Element.Builder b = Element.builder("error", stanzaNamespace)
                .attribute("type", type.attributeValue())
                .child(condition.elementName(), Namespaces.STANZAS);
        if (text != null) {
            b.child(Element.builder("text", Namespaces.STANZAS).attribute("xml:lang", "en").text(text).build());
        }
        if (applicationCondition != null) {
            b.child(applicationCondition);
        }
        return b.build();
    }
}
