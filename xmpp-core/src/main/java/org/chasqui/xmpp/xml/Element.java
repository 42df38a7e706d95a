package org.chasqui.xmpp.xml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable XML element: a qualified name, attributes in document order and child nodes.
 *
 * <p>Namespaces are resolved: every element carries its namespace URI, and prefixes are not kept.
 * On output an {@code xmlns} is written only where an element's namespace differs from its parent's,
 * which is the form XMPP stanzas take on the wire (RFC 6120 §4.8.3). Attribute names are plain
 * strings; the only namespaced attribute XMPP uses on stanzas, {@code xml:lang}, keeps its prefix.
 */
public final class Element implements Node {

    private final String name;
    private final String namespace;
    /**
     * Name, value, name, value... in document order; never shared with a caller. Elements have few
     * attributes, so a scan beats hashing, and writing a stanza (every notification) walks an array
     * instead of a map's entry set.
     */
    private final String[] attributes;
    private final List<Node> children;
    /** Whether this element keeps its serialized form (see {@link #cachingXml()}). */
    private final boolean caching;
    /**
     * The last serialized form and the parent namespace it was written for. A benign race: threads may
     * render it twice, and a {@link Rendered} is immutable, so a reader sees a complete one or null.
     */
    private Rendered rendered;

    private record Rendered(String parentNamespace, String xml) {
    }

    private static final String[] NO_ATTRIBUTES = new String[0];

    private Element(String name, String namespace, String[] attributes, List<Node> children) {
        this(name, namespace, attributes, children, false);
    }

    private Element(String name, String namespace, String[] attributes, List<Node> children,
            boolean caching) {
        this.name = name;
        this.namespace = namespace;
        this.attributes = attributes;
        this.children = children;
        this.caching = caching;
    }

    /**
     * The same element, which keeps its serialized form after the first time it is written: for a
     * subtree shared by many stanzas, such as the event of a pubsub notification sent to every
     * subscriber, so that it is rendered once rather than once per recipient. Equal to this element.
     */
    public Element cachingXml() {
        return caching ? this : new Element(name, namespace, attributes, children, true);
    }

    public static Builder builder(String name, String namespace) {
        return new Builder(name, namespace);
    }

    /**
     * An element made in one step, for stanzas built on hot paths (a notification per recipient):
     * {@code attributePairs} are names and values in document order, a null value leaving its
     * attribute out; names must be distinct and {@code children} must not hold adjacent texts (what
     * the {@link Builder} would merge).
     */
    public static Element of(String name, String namespace, List<? extends Node> children, String... attributePairs) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        if (attributePairs.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs");
        }
        int present = 0;
        for (int i = 0; i < attributePairs.length; i += 2) {
            Objects.requireNonNull(attributePairs[i], "attribute name");
            if (attributePairs[i + 1] != null) {
                present += 2;
            }
        }
        String[] attrs = present == attributePairs.length ? attributePairs.clone() : new String[present];
        if (present != attributePairs.length) {
            int j = 0;
            for (int i = 0; i < attributePairs.length; i += 2) {
                if (attributePairs[i + 1] != null) {
                    attrs[j++] = attributePairs[i];
                    attrs[j++] = attributePairs[i + 1];
                }
            }
        }
        return new Element(name, namespace, present == 0 ? NO_ATTRIBUTES : attrs, List.copyOf(children));
    }

    /** An element with no attributes and no children. */
    public static Element empty(String name, String namespace) {
        return new Element(name, namespace, NO_ATTRIBUTES, List.of());
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    public boolean is(String name, String namespace) {
        return this.name.equals(name) && this.namespace.equals(namespace);
    }

    /** The attribute's value, or null. */
    public String attribute(String attributeName) {
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i].equals(attributeName)) {
                return attributes[i + 1];
            }
        }
        return null;
    }

    public Optional<String> findAttribute(String attributeName) {
        return Optional.ofNullable(attribute(attributeName));
    }

    /** The attributes in document order (a new unmodifiable map). */
    public Map<String, String> attributes() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < attributes.length; i += 2) {
            map.put(attributes[i], attributes[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    public List<Node> children() {
        return children;
    }

    /** The child elements, in order. */
    public List<Element> elements() {
        List<Element> list = new ArrayList<>(children.size());
        for (Node n : children) {
            if (n instanceof Element e) {
                list.add(e);
            }
        }
        return list;
    }

    /** The first child element with this name and namespace, or null. */
    public Element child(String childName, String childNamespace) {
        for (Node n : children) {
            if (n instanceof Element e && e.is(childName, childNamespace)) {
                return e;
            }
        }
        return null;
    }

    /** The first child element in this namespace, whatever its name, or null. */
    public Element firstChildIn(String childNamespace) {
        for (Node n : children) {
            if (n instanceof Element e && e.namespace.equals(childNamespace)) {
                return e;
            }
        }
        return null;
    }

    /** The first child element, or null. */
    public Element firstElement() {
        for (Node n : children) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    /** The concatenated character data directly inside this element. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Node n : children) {
            if (n instanceof Text t) {
                sb.append(t.value());
            }
        }
        return sb.toString();
    }

    /** The text of the first child with this name and namespace, or null if there is none. */
    public String childText(String childName, String childNamespace) {
        Element c = child(childName, childNamespace);
        return c == null ? null : c.text();
    }

    /** This element with the attribute set ({@code null}: removed); the children are shared, not copied. */
    public Element withAttribute(String attributeName, String value) {
        if (value == null) {
            return withoutAttribute(attributeName);
        }
        Objects.requireNonNull(attributeName, "attributeName");
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i].equals(attributeName)) {
                if (attributes[i + 1].equals(value)) {
                    return this;
                }
                String[] changed = attributes.clone();
                changed[i + 1] = value;
                return new Element(name, namespace, changed, children);
            }
        }
        String[] added = Arrays.copyOf(attributes, attributes.length + 2);
        added[attributes.length] = attributeName;
        added[attributes.length + 1] = value;
        return new Element(name, namespace, added, children);
    }

    public Element withoutAttribute(String attributeName) {
        if (attribute(attributeName) == null) {
            return this;
        }
        Builder b = new Builder(name, namespace);
        for (int i = 0; i < attributes.length; i += 2) {
            if (!attributes[i].equals(attributeName)) {
                b.attribute(attributes[i], attributes[i + 1]);
            }
        }
        b.children.addAll(children);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, namespace);
        for (int i = 0; i < attributes.length; i += 2) {
            b.attributes.put(attributes[i], attributes[i + 1]);
        }
        b.children(children);
        return b;
    }

    /** The element as XML, with an xmlns on the root (unless {@code contextNamespace} is the same). */
    public String toXml(String contextNamespace) {
        StringBuilder sb = new StringBuilder(64);
        writeTo(sb, contextNamespace);
        return sb.toString();
    }

    /** The element as standalone XML, with its xmlns always written. */
    public String toXml() {
        return toXml(null);
    }

    @Override
    public void writeTo(StringBuilder out, String parentNamespace) {
        if (caching) {
            Rendered r = rendered;
            if (r == null || !Objects.equals(r.parentNamespace(), parentNamespace)) {
                StringBuilder own = new StringBuilder(256);
                render(own, parentNamespace);
                r = new Rendered(parentNamespace, own.toString());
                rendered = r;
            }
            out.append(r.xml());
            return;
        }
        render(out, parentNamespace);
    }

    private void render(StringBuilder out, String parentNamespace) {
        out.append('<').append(name);
        if (!namespace.equals(parentNamespace)) {
            out.append(" xmlns='");
            XmlEscaper.escapeAttribute(namespace, out);
            out.append('\'');
        }
        for (int i = 0; i < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("='");
            XmlEscaper.escapeAttribute(attributes[i + 1], out);
            out.append('\'');
        }
        if (children.isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (Node child : children) {
            child.writeTo(out, namespace);
        }
        out.append("</").append(name).append('>');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Element e
                && name.equals(e.name)
                && namespace.equals(e.namespace)
                && sameAttributes(e)
                && children.equals(e.children);
    }

    @Override
    public int hashCode() {
        int attributesHash = 0; // as Map.hashCode: independent of the order, like equals
        for (int i = 0; i < attributes.length; i += 2) {
            attributesHash += attributes[i].hashCode() ^ attributes[i + 1].hashCode();
        }
        return Objects.hash(name, namespace, attributesHash, children);
    }

    /** The same attributes with the same values, in any order (names are unique within an element). */
    private boolean sameAttributes(Element e) {
        if (attributes.length != e.attributes.length) {
            return false;
        }
        for (int i = 0; i < attributes.length; i += 2) {
            if (!attributes[i + 1].equals(e.attribute(attributes[i]))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return toXml();
    }

    /** Builds an element; adjacent text children are merged. Not thread-safe; build() copies. */
    public static final class Builder {
        private final String name;
        private final String namespace;
        private final LinkedHashMap<String, String> attributes = new LinkedHashMap<>();
        private final List<Node> children = new ArrayList<>();
        private StringBuilder pendingText;

        private Builder(String name, String namespace) {
            this.name = Objects.requireNonNull(name, "name");
            this.namespace = Objects.requireNonNull(namespace, "namespace");
        }

        /** Sets an attribute; a null value removes it. */
        public Builder attribute(String attributeName, String value) {
            if (value == null) {
                attributes.remove(attributeName);
            } else {
                attributes.put(attributeName, value);
            }
            return this;
        }

        public Builder child(Element child) {
            flushText();
            children.add(Objects.requireNonNull(child, "child"));
            return this;
        }

        public Builder children(Iterable<? extends Node> nodes) {
            for (Node n : nodes) {
                if (n instanceof Text t) {
                    text(t.value());
                } else {
                    flushText();
                    children.add(n);
                }
            }
            return this;
        }

        /** Adds an empty child element in the given namespace. */
        public Builder child(String childName, String childNamespace) {
            return child(Element.empty(childName, childNamespace));
        }

        /** Adds a child element with only text, in this element's namespace. */
        public Builder textChild(String childName, String value) {
            return child(Element.builder(childName, namespace).text(value).build());
        }

        public Builder text(String value) {
            if (value == null || value.isEmpty()) {
                return this;
            }
            if (pendingText == null) {
                pendingText = new StringBuilder(value);
            } else {
                pendingText.append(value);
            }
            return this;
        }

        private void flushText() {
            if (pendingText != null) {
                children.add(new Text(pendingText.toString()));
                pendingText = null;
            }
        }

        public Element build() {
            flushText();
            String[] attrs = attributes.isEmpty() ? NO_ATTRIBUTES : new String[attributes.size() * 2];
            int i = 0;
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                attrs[i++] = a.getKey();
                attrs[i++] = a.getValue();
            }
            List<Node> kids = children.isEmpty() ? List.of() : List.copyOf(children);
            return new Element(name, namespace, attrs, kids);
        }
    }
}
