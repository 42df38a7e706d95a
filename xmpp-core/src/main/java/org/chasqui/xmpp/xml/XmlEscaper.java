package org.chasqui.xmpp.xml;

/**
 * Escaping for character data and attribute values (XML 1.0 §2.4 and §3.3.3). Runs of characters that
 * need no escaping (nearly all of a JID or a message body) are appended in one call.
 */
public final class XmlEscaper {

    private XmlEscaper() {
    }

    public static void escapeText(String s, StringBuilder out) {
        int start = 0;
        int length = s.length();
        for (int i = 0; i < length; i++) {
            String entity = switch (s.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '\r' -> "&#13;"; // XML 1.0 §2.11 would turn a raw CR into LF
                default -> null;
            };
            if (entity != null) {
                out.append(s, start, i).append(entity);
                start = i + 1;
            }
        }
        out.append(s, start, length);
    }

    public static void escapeAttribute(String s, StringBuilder out) {
        int start = 0;
        int length = s.length();
        for (int i = 0; i < length; i++) {
            String entity = switch (s.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '\'' -> "&apos;";
                case '"' -> "&quot;";
                case '\n' -> "&#10;";
                case '\r' -> "&#13;";
                case '\t' -> "&#9;";
                default -> null;
            };
            if (entity != null) {
                out.append(s, start, i).append(entity);
                start = i + 1;
            }
        }
        out.append(s, start, length);
    }
}
