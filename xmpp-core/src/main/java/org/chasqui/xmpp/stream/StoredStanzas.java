package org.chasqui.xmpp.stream;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.xml.Element;

/**
 * Stanzas kept as text (offline messages, stored subscription requests): written with
 * {@link #toText} and read back with {@link #parse}, through the same decoder as live streams so a
 * stored stanza obeys the same restricted-XML rules.
 */
public final class StoredStanzas {

    private static final String HEADER = "<stream:stream xmlns='" + Namespaces.CLIENT
            + "' xmlns:stream='" + Namespaces.STREAM + "'>";
    private static final DecoderLimits LIMITS = new DecoderLimits(64 * 1024 * 1024, 256, 1024);

    private StoredStanzas() {
    }

    /** The stanza as text in the jabber:client namespace context. */
    public static String toText(Element stanza) {
        return stanza.toXml(Namespaces.CLIENT);
    }

    /** Parses text written by {@link #toText}; throws {@link IllegalArgumentException} if it is not one element. */
    public static Element parse(String text) {
        Element[] parsed = new Element[1];
        StreamError[] error = new StreamError[1];
        XmppStreamDecoder decoder = new XmppStreamDecoder(LIMITS, Set.of(Namespaces.CLIENT), new StreamListener() {
            @Override
            public void streamOpened(StreamHeader header) {
            }

            @Override
            public void element(Element stanza) {
                if (parsed[0] == null) {
                    parsed[0] = stanza;
                } else {
                    error[0] = StreamError.of(org.chasqui.xmpp.stanza.StreamErrorCondition.NOT_WELL_FORMED);
                }
            }

            @Override
            public void streamClosed() {
            }

            @Override
            public void streamError(StreamError e) {
                error[0] = e;
            }
        });
        decoder.feed((HEADER + text).getBytes(StandardCharsets.UTF_8));
        decoder.close();
        if (error[0] != null || parsed[0] == null) {
            throw new IllegalArgumentException("not one stored stanza: " + (error[0] == null ? "empty" : error[0].condition()));
        }
        return parsed[0];
    }
}
