package org.chasqui.xmpp.xml;

import java.util.ArrayList;
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
    private final Map<String, String> attributes;
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

    private Element(String name, String namespace, Map<String, String> attributes, List<Node> children) {
        this(name, namespace, attributes, children, false);
    }

    private Element(String name, String namespace, Map<String, String> attributes, List<Node> children,
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

    /** An element with no attributes and no children. */
    public static Element empty(String name, String namespace) {
        return new Element(name, namespace, Map.of(), List.of());
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
        return attributes.get(attributeName);
    }

    public Optional<String> findAttribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    public Map<String, String> attributes() {
        return attributes;
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

    public Element withAttribute(String attributeName, String value) {
        return toBuilder().attribute(attributeName, value).build();
    }

    public Element withoutAttribute(String attributeName) {
        if (!attributes.containsKey(attributeName)) {
            return this;
        }
        Builder b = new Builder(name, namespace);
        attributes.forEach((k, v) -> {
            if (!k.equals(attributeName)) {
                b.attribute(k, v);
            }
        });
        b.children.addAll(children);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, namespace);
        b.attributes.putAll(attributes);
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
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            out.append(' ').append(a.getKey()).append("='");
            XmlEscaper.escapeAttribute(a.getValue(), out);
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
                && attributes.equals(e.attributes)
                && children.equals(e.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, namespace, attributes, children);
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
            Map<String, String> attrs = attributes.isEmpty()
                    ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
            List<Node> kids = children.isEmpty() ? List.of() : List.copyOf(children);
            return new Element(name, namespace, attrs, kids);
        }
    }
}
