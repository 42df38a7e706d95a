package org.chasqui.xmpp.stream;

import javax.xml.stream.XMLStreamException;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;

/**
 * Maps an exception from Aalto's parser to a stream error.
 *
 * <p>Aalto throws one exception type ({@code WFCException}) for every problem, so the few that XMPP names more
 * precisely are recognised by the start of the message. The messages are pinned by tests
 * ({@code XmppStreamDecoderErrorTest}), so an Aalto upgrade that rewords them fails the build instead of
 * silently degrading the condition to {@code not-well-formed}.
 */
final class ParserErrors {

    /** Aalto 1.4 {@code XmlScanner.reportUnboundPrefix}. */
    static final String UNBOUND_PREFIX = "Unbound namespace prefix";
    /** Aalto 1.4 {@code XmlScanner.reportUnexpandedEntityInAttr}: {@code &name;} in an attribute value. */
    static final String ENTITY_IN_ATTRIBUTE = "Unexpanded ENTITY_REFERENCE";
    /** Aalto 1.4 {@code AsyncByteScanner.verifyAndSetXmlEncoding}: an encoding it cannot decode at all. */
    static final String UNSUPPORTED_ENCODING = "Unsupported encoding";

    private ParserErrors() {
    }

    static StreamError classify(XMLStreamException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.startsWith(UNBOUND_PREFIX)) {
            return new StreamError(StreamErrorCondition.BAD_NAMESPACE_PREFIX, null); // RFC 6120 §4.9.3.2
        }
        if (message.startsWith(ENTITY_IN_ATTRIBUTE)) {
            return new StreamError(StreamErrorCondition.RESTRICTED_XML, "entity references are not allowed"); // §11.1
        }
        if (message.startsWith(UNSUPPORTED_ENCODING)) {
            return new StreamError(StreamErrorCondition.UNSUPPORTED_ENCODING, "only UTF-8 is supported"); // §11.6
        }
        return new StreamError(StreamErrorCondition.NOT_WELL_FORMED, null); // RFC 6120 §4.9.3.13
    }
}
