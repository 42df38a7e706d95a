package org.chasqui.xmpp.xml;

import java.util.Objects;

/** Character data inside an element. The value is kept unescaped; escaping happens on output. */
public record Text(String value) implements Node {

    public Text {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public void writeTo(StringBuilder out, String parentNamespace) {
        XmlEscaper.escapeText(value, out);
    }
}
