package org.chasqui.broker.http.bosh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Reads a request's {@code <body/>} (XEP-0124 §4) with the same decoder as TCP streams, so the same
 * restricted-XML rules (no comments, processing instructions, DTDs or entities: §4) and the same
 * size, depth and attribute limits hold. The body is parsed as the one element of a synthetic
 * jabber:client stream; its children become the payloads.
 */
final class BoshRequestParser {

    static final String NAMESPACE = "http://jabber.org/protocol/httpbind";
    static final String XBOSH = "urn:xmpp:xbosh";
    /** XEP-0124 §14.1: rids stay below 2^53 so that clients using doubles count exactly. */
    static final long MAX_RID = 9_007_199_254_740_991L;
    /** The wrapper of a session creation request carries many attributes (§7.1, XEP-0206 §3). */
    private static final int MIN_ATTRIBUTES = 32;
    private static final byte[] HEADER = ("<stream:stream xmlns='" + Namespaces.CLIENT + "' xmlns:stream='"
            + Namespaces.STREAM + "'>").getBytes(StandardCharsets.UTF_8);

    /** What came of parsing: a request, or the reason it is a bad request (§17.2 bad-request). */
    sealed interface Result permits Parsed, Malformed {
    }

    record Parsed(BoshRequest request) implements Result {
    }

    record Malformed(String reason) implements Result {
    }

    private final DecoderLimits limits;

    /**
     * @param maxBodyBytes the largest request body
     * @param stanzaLimits the c2s limits on the payloads; one more level of depth is allowed for the wrapper
     */
    BoshRequestParser(int maxBodyBytes, DecoderLimits stanzaLimits) {
        this.limits = new DecoderLimits(maxBodyBytes, stanzaLimits.maxDepth() + 1,
                Math.max(stanzaLimits.maxAttributes(), MIN_ATTRIBUTES));
    }

    Result parse(byte[] body) {
        int start = skipXmlDeclaration(body);
        if (start < 0) {
            return new Malformed("unterminated XML declaration");
        }
        List<Element> parsed = new ArrayList<>(1);
        StreamError[] error = new StreamError[1];
        XmppStreamDecoder decoder = new XmppStreamDecoder(limits, Set.of(Namespaces.CLIENT), new StreamListener() {
            @Override
            public void streamOpened(StreamHeader header) {
            }

            @Override
            public void element(Element element) {
                parsed.add(element);
            }

            @Override
            public void streamClosed() {
            }

            @Override
            public void streamError(StreamError e) {
                error[0] = e;
            }
        });
        decoder.feed(HEADER);
        decoder.feed(body, start, body.length - start);
        decoder.close();
        if (error[0] != null) {
            return new Malformed(error[0].condition().elementName()
                    + (error[0].text() == null ? "" : ": " + error[0].text()));
        }
        if (parsed.size() != 1) {
            return new Malformed(parsed.isEmpty() ? "no complete <body/>" : "more than one element");
        }
        return read(parsed.get(0));
    }

    /** §4: the wrapper, its attributes checked; its children moved into jabber:client where they inherited ours. */
    static Result read(Element body) {
        if (!body.is("body", NAMESPACE)) {
            return new Malformed("the root must be <body xmlns='" + NAMESPACE + "'/>");
        }
        for (Node child : body.children()) {
            if (child instanceof Text text && !text.value().isBlank()) {
                return new Malformed("character data in <body/>"); // §4: no character data in the wrapper
            }
        }
        try {
            Long rid = number(body, "rid");
            if (rid == null || rid < 1 || rid > MAX_RID) {
                return new Malformed("'rid' must be a positive integer below 2^53"); // §14.1
            }
            String type = body.attribute("type");
            if (type != null && !type.equals("terminate")) {
                return new Malformed("unknown type '" + type + "'");
            }
            List<Element> payloads = new ArrayList<>();
            for (Element child : body.elements()) {
                payloads.add(jabberClient(child));
            }
            return new Parsed(new BoshRequest(rid, body.attribute("sid"), type, body.attribute("to"),
                    body.attribute("from"), body.attribute("xml:lang"), body.attribute("ver"),
                    integer(body, "wait"), integer(body, "hold"), number(body, "ack"), integer(body, "pause"),
                    body.attribute("content"), xbosh(body, "version"), "true".equals(xbosh(body, "restart"))
                            || "1".equals(xbosh(body, "restart")), payloads));
        } catch (NumberFormatException e) {
            return new Malformed(e.getMessage());
        }
    }

    /** XEP-0206 §3, §5: an attribute qualified by urn:xmpp:xbosh, whatever prefix the client bound to it. */
    static String xbosh(Element body, String localName) {
        for (Map.Entry<String, String> a : body.attributes().entrySet()) {
            String name = a.getKey();
            int colon = name.indexOf(':');
            if (colon > 0 && name.substring(colon + 1).equals(localName) && !name.startsWith("xmlns:")
                    && XBOSH.equals(body.attribute("xmlns:" + name.substring(0, colon)))) {
                return a.getValue();
            }
        }
        return null;
    }

    /**
     * A payload written without an xmlns inherits the wrapper's namespace; XEP-0206 §4 means stanzas of
     * jabber:client, so that is where they go (with the descendants that inherited it too).
     */
    private static Element jabberClient(Element element) {
        if (!element.namespace().equals(NAMESPACE)) {
            return element;
        }
        Element.Builder b = Element.builder(element.name(), Namespaces.CLIENT);
        element.attributes().forEach(b::attribute);
        for (Node child : element.children()) {
            if (child instanceof Element e) {
                b.child(jabberClient(e));
            } else {
                b.children(List.of(child));
            }
        }
        return b.build();
    }

    private static Integer integer(Element body, String name) {
        Long value = number(body, name);
        if (value != null && value > Integer.MAX_VALUE) {
            throw new NumberFormatException("'" + name + "' is too large");
        }
        return value == null ? null : value.intValue();
    }

    private static Long number(Element body, String name) {
        String value = body.attribute(name);
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > 16 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException("'" + name + "' must be a non-negative integer");
        }
        return Long.parseLong(value);
    }

    /** -1 if the body starts with an XML declaration that never ends; else where the element starts. */
    private static int skipXmlDeclaration(byte[] body) {
        int i = 0;
        while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
            i++;
        }
        if (i + 5 <= body.length && body[i] == '<' && body[i + 1] == '?' && body[i + 2] == 'x'
                && body[i + 3] == 'm' && body[i + 4] == 'l') {
            for (int j = i + 5; j + 1 < body.length; j++) {
                if (body[j] == '?' && body[j + 1] == '>') {
                    return j + 2;
                }
            }
            return -1;
        }
        return 0;
    }
}
