package org.chasqui.xmpp.stream;

import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamReader;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;

/** Rules on a start tag, read from the parser's current START_ELEMENT event; a broken rule is returned, not thrown. */
final class StartTags {

    private StartTags() {
    }

    /** The attribute limit, namespace declarations included, and a namespace rule Aalto does not enforce; or null. */
    static StreamError check(XMLStreamReader reader, DecoderLimits limits) {
        int declarations = reader.getNamespaceCount();
        if (reader.getAttributeCount() + declarations > limits.maxAttributes()) {
            return new StreamError(StreamErrorCondition.POLICY_VIOLATION,
                    "more than " + limits.maxAttributes() + " attributes on one element"); // RFC 6120 §4.9.3.14
        }
        for (int i = 0; i < declarations; i++) {
            String prefix = reader.getNamespacePrefix(i);
            String uri = reader.getNamespaceURI(i);
            if (prefix != null && !prefix.isEmpty() && (uri == null || uri.isEmpty())) {
                // Namespaces in XML 1.0 §3: a prefix cannot be undeclared; not namespace-well-formed (§4.9.3.13)
                return new StreamError(StreamErrorCondition.NOT_WELL_FORMED, "xmlns:" + prefix + " is empty");
            }
        }
        return null;
    }

    /** The root element must be the stream element (RFC 6120 §4.8.1) with an accepted content namespace; or null. */
    static StreamError checkRoot(XMLStreamReader reader, StreamHeader header, Set<String> contentNamespaces) {
        if (!Namespaces.STREAM.equals(reader.getNamespaceURI())) {
            return new StreamError(StreamErrorCondition.INVALID_NAMESPACE,
                    "the stream namespace must be " + Namespaces.STREAM); // RFC 6120 §4.9.3.10
        }
        if (!"stream".equals(reader.getLocalName())) {
            // Right namespace, wrong element: XML that "cannot be processed" as a stream, RFC 6120 §4.9.3.1
            return new StreamError(StreamErrorCondition.BAD_FORMAT, "the root element must be <stream:stream/>");
        }
        if (header.contentNamespace() == null || !contentNamespaces.contains(header.contentNamespace())) {
            return new StreamError(StreamErrorCondition.INVALID_NAMESPACE,
                    "unsupported content namespace"); // RFC 6120 §4.8.2, §4.9.3.10
        }
        return null;
    }

    /** The stream attributes of RFC 6120 §4.7 and the default namespace (§4.8.2) of the root element. */
    /**
     * The current start tag reduced to its name and its namespace declarations, as UTF-8 bytes: for a
     * stream header, what a new parser needs to read the rest of the stream with the same bindings.
     */
    static byte[] namespaceOnlyTag(XMLStreamReader reader) {
        StringBuilder sb = new StringBuilder(128).append('<');
        String prefix = reader.getPrefix();
        if (prefix != null && !prefix.isEmpty()) {
            sb.append(prefix).append(':');
        }
        sb.append(reader.getLocalName());
        for (int i = 0, n = reader.getNamespaceCount(); i < n; i++) {
            String p = reader.getNamespacePrefix(i);
            sb.append(p == null || p.isEmpty() ? " xmlns" : " xmlns:" + p).append("='");
            org.chasqui.xmpp.xml.XmlEscaper.escapeAttribute(orEmpty(reader.getNamespaceURI(i)), sb);
            sb.append('\'');
        }
        return sb.append('>').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static StreamHeader header(XMLStreamReader reader) {
        String to = null;
        String from = null;
        String id = null;
        String version = null;
        String lang = null;
        for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
            String namespace = reader.getAttributeNamespace(i);
            String name = reader.getAttributeLocalName(i);
            String value = reader.getAttributeValue(i);
            if (namespace == null || namespace.isEmpty()) {
                switch (name) {
                    case "to" -> to = value;
                    case "from" -> from = value;
                    case "id" -> id = value;
                    case "version" -> version = value;
                    default -> { } // RFC 6120 §4.7.1: other attributes are ignored
                }
            } else if (XMLConstants.XML_NS_URI.equals(namespace) && "lang".equals(name)) {
                lang = value;
            }
        }
        String contentNamespace = null;
        for (int i = 0, n = reader.getNamespaceCount(); i < n; i++) {
            String prefix = reader.getNamespacePrefix(i);
            if (prefix == null || prefix.isEmpty()) {
                String uri = reader.getNamespaceURI(i);
                contentNamespace = uri == null ? "" : uri;
            }
        }
        return new StreamHeader(to, from, id, version, lang, contentNamespace);
    }
}
