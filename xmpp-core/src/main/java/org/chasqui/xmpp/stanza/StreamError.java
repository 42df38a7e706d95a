package org.chasqui.xmpp.stanza;

import java.util.Objects;
import org.chasqui.xmpp.xml.Element;

/**
 * A stream error (RFC 6120 §4.9): a condition, an optional human-readable text and an optional
 * application-specific condition element (§4.9.4, e.g. XEP-0198's {@code <handled-count-too-high/>}).
 */
public record StreamError(StreamErrorCondition condition, String text, Element applicationCondition) {

    public StreamError {
        Objects.requireNonNull(condition, "condition");
    }

    public StreamError(StreamErrorCondition condition, String text) {
        this(condition, text, null);
    }

    public static StreamError of(StreamErrorCondition condition) {
        return new StreamError(condition, null, null);
    }

    /** The {@code <stream:error/>} element, RFC 6120 §4.9.2: condition, text, application condition. */
    public Element toElement() {
        Element.Builder b = Element.builder("error", Namespaces.STREAM)
                .child(condition.elementName(), Namespaces.STREAMS);
        if (text != null) {
            b.child(textElement());
        }
        if (applicationCondition != null) {
            b.child(applicationCondition);
        }
        return b.build();
    }

    /** The error as it is written inside a stream whose root declares the {@code stream} prefix. */
    public String toXml() {
        StringBuilder sb = new StringBuilder("<stream:error>");
        sb.append('<').append(condition.elementName()).append(" xmlns='").append(Namespaces.STREAMS).append("'/>");
        if (text != null) {
            textElement().writeTo(sb, null);
        }
        if (applicationCondition != null) {
            applicationCondition.writeTo(sb, null);
        }
        return sb.append("</stream:error>").toString();
    }

    private Element textElement() {
        return Element.builder("text", Namespaces.STREAMS).attribute("xml:lang", "en").text(text).build();
    }
}
