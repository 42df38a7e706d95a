package org.chasqui.xmpp.forms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stream.StoredStanzas;
import org.chasqui.xmpp.xml.Element;
import org.chasqui.xmpp.xml.Node;
import org.chasqui.xmpp.xml.Text;

/**
 * Test data: the XEPs' examples in src/test/resources/forms (see its README), and forms written inline, read
 * through the stream decoder like stanzas on the wire.
 */
final class SpecForms {

    /** XEP-0004 §10: the order of a field's children in the schema. */
    private static final Map<String, Integer> FIELD_CHILD_ORDER = Map.of("desc", 0, "required", 1, "value", 2,
            "option", 3);

    private SpecForms() {
    }

    /** Example {@code number} of XEP {@code xep} ("xep-0004"), as one stanza. */
    static Element example(String xep, int number) {
        String path = "/forms/" + xep + "/example-" + number + ".xml";
        try (InputStream in = SpecForms.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + path);
            }
            return StoredStanzas.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code <x xmlns='jabber:x:data'/>} in the example, as the spec writes it. */
    static Element exampleX(String xep, int number) {
        Element x = firstX(example(xep, number));
        if (x == null) {
            throw new IllegalArgumentException(xep + " example " + number + " has no data form");
        }
        return x;
    }

    static DataForm exampleForm(String xep, int number) throws FormException {
        return DataForm.parse(exampleX(xep, number));
    }

    /** An element written inline in a test. */
    static Element xml(String text) {
        return StoredStanzas.parse(text);
    }

    static DataForm parse(String text) throws FormException {
        return DataForm.parse(xml(text));
    }

    /**
     * The element as {@link DataForm#toElement()} writes it: without the whitespace that indents it and with each
     * field's children in schema order (XEP-0004 §10; the examples sometimes put a list-single's value before its
     * options).
     */
    static Element canonical(Element e) {
        Element.Builder b = Element.builder(e.name(), e.namespace());
        e.attributes().forEach(b::attribute);
        List<Node> children = new ArrayList<>(e.children());
        if (e.is("field", Namespaces.DATA_FORMS)) {
            children.sort(Comparator.comparingInt(SpecForms::fieldChildRank)); // stable: values keep their order
        }
        boolean hasElements = !e.elements().isEmpty();
        for (Node n : children) {
            if (n instanceof Element c) {
                b.child(canonical(c));
            } else if (n instanceof Text t && !(hasElements && t.value().isBlank())) {
                b.text(t.value());
            }
        }
        return b.build();
    }

    private static int fieldChildRank(Node n) {
        return n instanceof Element c ? FIELD_CHILD_ORDER.getOrDefault(c.name(), 4) : 4;
    }

    private static Element firstX(Element e) {
        if (e.is("x", Namespaces.DATA_FORMS)) {
            return e;
        }
        for (Element c : e.elements()) {
            Element x = firstX(c);
            if (x != null) {
                return x;
            }
        }
        return null;
    }
}
