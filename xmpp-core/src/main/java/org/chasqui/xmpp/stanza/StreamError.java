package org.chasqui.xmpp.stanza;

import java.util.Objects;
import org.chasqui.xmpp.xml.Element;

/** A stream error (RFC 6120 §4.9): a condition and an optional human-readable text. */
public record StreamError(StreamErrorCondition condition, String text) {

    public StreamError {
        Objects.requireNonNull(condition, "condition");
    }

    public static StreamError of(StreamErrorCondition condition) {
        return new StreamError(condition, null);
    }

    /** The {@code <stream:error/>} element, RFC 6120 §4.9.2. */
    public Element toElement() {
        Element.Builder b = Element.builder("error", Namespaces.STREAM)
                .child(condition.elementName(), Namespaces.STREAMS);
        if (text != null) {
            b.child(Element.builder("text", Namespaces.STREAMS).attribute("xml:lang", "en").text(text).build());
        }
        return b.build();
    }

    /** The error as it is written inside a stream whose root declares the {@code stream} prefix. */
    public String toXml() {
        StringBuilder sb = new StringBuilder("<stream:error>");
        sb.append('<').append(condition.elementName()).append(" xmlns='").append(Namespaces.STREAMS).append("'/>");
        if (text != null) {
            Element.builder("text", Namespaces.STREAMS).attribute("xml:lang", "en").text(text).build()
                    .writeTo(sb, null);
        }
        return sb.append("</stream:error>").toString();
    }
}
