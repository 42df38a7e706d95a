package org.chasqui.broker.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stream.DecoderLimits;
import org.chasqui.xmpp.stream.StreamHeader;
import org.chasqui.xmpp.stream.StreamListener;
import org.chasqui.xmpp.stream.XmppStreamDecoder;
import org.chasqui.xmpp.xml.Element;
import org.chasqui.xmpp.xml.Node;
import org.chasqui.xmpp.xml.Text;

/**
 * Stanzas written as XML in tests, as in the specs' examples: parsed in a jabber:client stream and
 * stripped of the whitespace that only indents them, so they compare equal to what the server sends.
 */
public final class Xml {

    private static final String HEADER = "<stream:stream xmlns='jabber:client' xmlns:stream='"
            + Namespaces.STREAM + "'>";

    private Xml() {
    }

    /** One top-level element of a jabber:client stream, without indentation. */
    public static Element stanza(String xml) {
        List<Element> parsed = new ArrayList<>();
        List<StreamError> errors = new ArrayList<>();
        XmppStreamDecoder decoder = new XmppStreamDecoder(DecoderLimits.DEFAULT, Set.of(Namespaces.CLIENT),
                new StreamListener() {
                    @Override
                    public void streamOpened(StreamHeader header) {
                    }

                    @Override
                    public void element(Element stanza) {
                        parsed.add(stanza);
                    }

                    @Override
                    public void streamClosed() {
                    }

                    @Override
                    public void streamError(StreamError error) {
                        errors.add(error);
                    }
                });
        decoder.feed((HEADER + xml).getBytes(StandardCharsets.UTF_8));
        if (!errors.isEmpty() || parsed.size() != 1) {
            throw new IllegalArgumentException("not one stanza: " + errors + " " + parsed + " in " + xml);
        }
        return withoutIndentation(parsed.get(0));
    }

    /** The element without whitespace-only text between child elements. */
    public static Element withoutIndentation(Element element) {
        if (element.elements().isEmpty()) {
            return element;
        }
        Element.Builder clean = Element.builder(element.name(), element.namespace());
        element.attributes().forEach(clean::attribute);
        for (Node child : element.children()) {
            if (child instanceof Element e) {
                clean.child(withoutIndentation(e));
            } else if (child instanceof Text t && !t.value().isBlank()) {
                clean.text(t.value());
            }
        }
        return clean.build();
    }
}
