package org.chasqui.xmpp.stream;

import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamReader;
import org.chasqui.xmpp.xml.Element;

/**
 * Builds one top-level element from parser events: start tags push a builder, character data collects in one
 * buffer, end tags pop. Text is buffered and handed to the element once per run, so character data that
 * arrives in many pieces (CHARACTERS, CDATA, character references, many small reads) becomes one
 * {@link org.chasqui.xmpp.xml.Text} and costs linear time.
 *
 * <p>Element model: namespaces are resolved and prefixes of element names dropped; namespace declarations are not
 * kept as attributes; {@code xml:*} attributes keep their {@code xml:} prefix; any other namespaced attribute keeps
 * its {@code prefix:local} name and its element gains an {@code xmlns:prefix} attribute with the URI, so that the
 * element serialises to self-contained XML.
 */
final class ElementAssembler {

    private final List<Element.Builder> open = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    /** Open elements: 0 between top-level elements, 1 inside a stanza's own start tag, and so on. */
    int depth() {
        return open.size();
    }

    /** Opens an element from the reader's current START_ELEMENT event. */
    void start(XMLStreamReader reader) {
        flushText();
        Element.Builder builder = Element.builder(reader.getLocalName(), orEmpty(reader.getNamespaceURI()));
        List<String> declared = null;
        for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
            String namespace = orEmpty(reader.getAttributeNamespace(i));
            String local = reader.getAttributeLocalName(i);
            String value = reader.getAttributeValue(i);
            if (namespace.isEmpty()) {
                builder.attribute(local, value);
            } else if (XMLConstants.XML_NS_URI.equals(namespace)) {
                builder.attribute("xml:" + local, value); // the xml prefix is bound by definition (XML-NAMES §3)
            } else {
                String prefix = reader.getAttributePrefix(i);
                if (declared == null) {
                    declared = new ArrayList<>(2);
                }
                if (!declared.contains(prefix)) {
                    declared.add(prefix);
                    builder.attribute("xmlns:" + prefix, namespace);
                }
                builder.attribute(prefix + ':' + local, value);
            }
        }
        open.add(builder);
    }

    void text(char[] chars, int start, int length) {
        text.append(chars, start, length);
    }

    /** Closes the innermost element; returns it if it was the top-level one, else null. */
    Element end() {
        flushText();
        Element element = open.remove(open.size() - 1).build();
        if (open.isEmpty()) {
            return element;
        }
        open.get(open.size() - 1).child(element);
        return null;
    }

    private void flushText() {
        if (text.length() > 0) {
            open.get(open.size() - 1).text(text.toString());
            text.setLength(0);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
