package org.chasqui.broker.c2s;

import java.security.SecureRandom;
import java.util.Base64;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.XmlEscaper;

/** The server's response stream header, RFC 6120 §4.7. */
public final class ServerStreamHeader {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ServerStreamHeader() {
    }

    /** RFC 6120 §4.7.3: a fresh, unpredictable id with at least 128 bits of randomness. */
    public static String newStreamId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String open(String id, String from, String to) {
        StringBuilder sb = new StringBuilder(256)
                .append("<?xml version='1.0'?><stream:stream xmlns='").append(Namespaces.CLIENT)
                .append("' xmlns:stream='").append(Namespaces.STREAM).append('\'');
        return attributes(sb, id, from, to).append('>').toString();
    }

    /**
     * Appends the header attributes of RFC 6120 §4.7 ({@code id}, {@code from}, {@code to} if not null,
     * {@code version}, {@code xml:lang}), each preceded by a space; shared with the framings that carry
     * them on another element (RFC 7395 §3.4 {@code <open/>}).
     */
    public static StringBuilder attributes(StringBuilder sb, String id, String from, String to) {
        sb.append(" id='").append(id).append("' from='");
        XmlEscaper.escapeAttribute(from, sb);
        sb.append('\'');
        if (to != null) {
            sb.append(" to='");
            XmlEscaper.escapeAttribute(to, sb);
            sb.append('\'');
        }
        return sb.append(" version='1.0' xml:lang='en'");
    }
}
