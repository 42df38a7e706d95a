package org.chasqui.broker.http.bosh;

import java.util.Map;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.XmlEscaper;

/** Writes the {@code <body/>} wrapper of a response (XEP-0124 §4) around payloads already written as XML. */
final class BoshBody {

    private BoshBody() {
    }

    /** An empty response, §7.3. */
    static String empty() {
        return "<body xmlns='" + BoshRequestParser.NAMESPACE + "'/>";
    }

    /** §17.3: a recoverable binding error; the client resends what is unanswered. */
    static String recoverable() {
        return "<body type='error' xmlns='" + BoshRequestParser.NAMESPACE + "'/>";
    }

    /** §17.2: a terminal binding condition, with no payloads. */
    static String terminal(BoshCondition condition) {
        return "<body type='terminate' condition='" + condition.value() + "' xmlns='"
                + BoshRequestParser.NAMESPACE + "'/>";
    }

    /**
     * A wrapper with {@code attributes} (in order) around {@code payloads}. The {@code stream} prefix is
     * declared on the wrapper, so a {@code <stream:error/>} inside it (XEP-0206 §6) reads right.
     */
    static String render(Map<String, String> attributes, CharSequence payloads) {
        StringBuilder sb = new StringBuilder(96 + payloads.length()).append("<body");
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            sb.append(' ').append(a.getKey()).append("='");
            XmlEscaper.escapeAttribute(a.getValue(), sb);
            sb.append('\'');
        }
        sb.append(" xmlns='").append(BoshRequestParser.NAMESPACE).append('\'');
        if (payloads.isEmpty()) {
            return sb.append("/>").toString();
        }
        sb.append(" xmlns:stream='").append(Namespaces.STREAM).append("'>");
        return sb.append(payloads).append("</body>").toString();
    }
}
