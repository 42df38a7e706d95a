package org.chasqui.xmpp.stream;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import java.util.Objects;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The non-blocking decoder of one inbound XML stream (RFC 6120 §4). Bytes are fed as they arrive, in chunks of
 * any size split anywhere; the decoder reports the stream header, each top-level element once its end tag has
 * arrived, and the end of the stream, to a {@link StreamListener}.
 *
 * <p>It is a state machine: PROLOG until the stream header, then OPEN between top-level elements and STANZA
 * inside one, and TERMINATED after the stream closed, failed or {@link #close()} was called. Bad input is an
 * event, not an exception: the first rule broken becomes exactly one {@link StreamListener#streamError} and the
 * decoder ignores all further input. A stream restart (after STARTTLS or SASL, RFC 6120 §5.4.3.3, §6.4.6) uses a
 * new decoder; parsers come from {@link Parsers}.
 *
 * <p>Not thread-safe: feed it from the connection's own thread. A listener callback may call {@link #close()}.
 */
public final class XmppStreamDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(XmppStreamDecoder.class);

    private enum State { PROLOG, OPEN, STANZA, TERMINATED }

    private final DecoderLimits limits;
    private final Set<String> contentNamespaces;
    private final StreamListener listener;
    private final InputScreen screen = new InputScreen();
    private final ElementAssembler assembler = new ElementAssembler();
    private AsyncXMLStreamReader<AsyncByteArrayFeeder> reader;
    private State state = State.PROLOG;
    private boolean feeding;

    /** Bytes handed to the parser so far. */
    private long parsed;
    /** Stream offset just past the last parser event, and just past the one before it. */
    private long eventEnd;
    private long eventStart;
    /** Stream offset of the current top-level element's {@code <}. */
    private long stanzaStart;
    /** Offset of the current chunk in its array; Aalto adds it to the byte offsets it reports. */
    private int chunkOffset;
    /** Stream offset minus the parser's own offset: non-zero once the parser was re-created after a rest. */
    private long offsetBase;
    /**
     * The stream header's name and namespace declarations, as a start tag: what a new parser is fed before the
     * stream continues after {@link #rest()} (null until the header was read).
     */
    private byte[] resumeHeader;
    /** The bytes fed after the last complete parser event are all XML whitespace (a client's keepalive). */
    private boolean whitespaceTail;

    /**
     * @param limits            size, depth and attribute limits
     * @param contentNamespaces the accepted default namespaces of the stream, e.g. {@code jabber:client}
     * @param listener          receives the decoded stream
     */
    public XmppStreamDecoder(DecoderLimits limits, Set<String> contentNamespaces, StreamListener listener) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.contentNamespaces = Set.copyOf(contentNamespaces);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.reader = Parsers.newReader();
    }

    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    /**
     * Parses the next bytes of the stream and calls the listener for what they complete. Never throws for bad
     * input; after the stream has ended or failed, input is ignored.
     *
     * @throws IllegalStateException if called from inside a listener callback of this decoder
     */
    public void feed(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (state == State.TERMINATED || length == 0) {
            return;
        }
        if (feeding) {
            throw new IllegalStateException("feed() called from a listener callback");
        }
        feeding = true;
        try {
            int accepted = screen.scan(data, offset, length);
            if (accepted > 0) {
                parse(data, offset, accepted);
            }
            if (accepted < length && state != State.TERMINATED) {
                fail(screen.failure());
            }
        } finally {
            feeding = false;
        }
    }

    /** True once the stream has closed or failed, or {@link #close()} was called. */
    public boolean isTerminated() {
        return state == State.TERMINATED;
    }

    /**
     * True when the stream is open and no top-level element is partly read: what was fed so far ends
     * exactly between elements, with no unparsed bytes left over (framings with one element per message,
     * RFC 7395 §3.3.3, check this).
     */
    public boolean betweenElements() {
        return state == State.OPEN && eventEnd == parsed;
    }

    /**
     * Lets go of the parser while the stream is idle, if nothing of an element is pending (the stream is open
     * and what was fed ends between elements, perhaps followed by whitespace keepalives): the parser and its buffers are about 3 KiB that an idle
     * connection need not hold. The next {@link #feed} builds a new parser and replays the stream header's
     * namespace declarations to it first, so decoding goes on as if nothing happened; that costs about as
     * much as a stream restart, so call this on connections that have been quiet for a while, not after
     * every read. Returns true if the parser was released. Not from a listener callback.
     */
    public boolean rest() {
        if (feeding || state != State.OPEN || (eventEnd != parsed && !whitespaceTail) || reader == null
                || resumeHeader == null) {
            return false;
        }
        reader = null; // dropped, not closed: see Parsers
        eventEnd = parsed; // whitespace between elements (RFC 6120 §11.7) carries nothing: it goes with the parser
        return true;
    }

    /** A new parser positioned after the stream header, as the one {@link #rest()} released was. */
    private void wake() throws XMLStreamException {
        reader = Parsers.newReader();
        reader.getInputFeeder().feedInput(resumeHeader, 0, resumeHeader.length);
        int event;
        while ((event = reader.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
            if (event == XMLStreamConstants.START_ELEMENT) {
                break;
            }
        }
        if (event != XMLStreamConstants.START_ELEMENT) {
            throw new IllegalStateException("the replayed stream header did not parse");
        }
        // Aalto counts the replayed header in its offsets: the stream's own offsets continue from 'parsed'
        offsetBase = parsed - resumeHeader.length;
    }

    /** Stops decoding and releases the parser. Idempotent; safe to call from a listener callback. */
    public void close() {
        state = State.TERMINATED;
        releaseParser();
    }

    private void parse(byte[] data, int offset, int length) {
        try {
            if (reader == null) {
                wake();
            }
            reader.getInputFeeder().feedInput(data, offset, length);
            parsed += length;
            chunkOffset = offset;
            while (state != State.TERMINATED) {
                int event = reader.next();
                if (event == AsyncXMLStreamReader.EVENT_INCOMPLETE) {
                    checkIncompleteSize();
                    noteTail(data, offset, length);
                    return;
                }
                eventStart = eventEnd;
                // Aalto quirk: the offset counts from the start of the array, not of the fed chunk.
                eventEnd = reader.getLocationInfo().getEndingByteOffset() - chunkOffset + offsetBase;
                onEvent(event);
            }
        } catch (XMLStreamException e) {
            if (state != State.TERMINATED) {
                LOG.debug("XML parser rejected input: {}", e.getMessage());
                fail(ParserErrors.classify(e));
            }
        }
    }

    /** Whether what follows the last complete event, in this chunk and the ones before, is only whitespace. */
    private void noteTail(byte[] data, int offset, int length) {
        long chunkStart = parsed - length;
        boolean blank = eventEnd >= chunkStart || whitespaceTail;
        for (int i = offset + (int) Math.max(0, eventEnd - chunkStart), end = offset + length; blank && i < end; i++) {
            byte b = data[i];
            blank = b == ' ' || b == '\t' || b == '\n' || b == '\r';
        }
        whitespaceTail = blank;
    }

    private void onEvent(int event) throws XMLStreamException {
        switch (event) {
            case XMLStreamConstants.START_DOCUMENT -> checkEncoding();
            case XMLStreamConstants.START_ELEMENT -> onStartElement();
            case XMLStreamConstants.END_ELEMENT -> onEndElement();
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> onText();
            // RFC 6120 §11.1: no comments, processing instructions, DTDs or non-predefined entity references
            case XMLStreamConstants.COMMENT -> restricted("comments are not allowed");
            case XMLStreamConstants.PROCESSING_INSTRUCTION -> restricted("processing instructions are not allowed");
            case XMLStreamConstants.DTD -> restricted("DTDs are not allowed");
            case XMLStreamConstants.ENTITY_REFERENCE -> restricted("entity references are not allowed");
            default -> fail(new StreamError(StreamErrorCondition.NOT_WELL_FORMED, null));
        }
    }

    /** RFC 6120 §11.6: UTF-8 only. Aalto accepts a declared ISO-8859-1 or US-ASCII, so check the declaration. */
    private void checkEncoding() {
        String declared = reader.getCharacterEncodingScheme();
        if (declared != null && !"UTF-8".equalsIgnoreCase(declared)) {
            fail(new StreamError(StreamErrorCondition.UNSUPPORTED_ENCODING, "only UTF-8 is supported"));
        }
    }

    private void onStartElement() {
        switch (state) {
            case PROLOG -> openStream();
            case OPEN -> {
                stanzaStart = eventStart;
                state = State.STANZA;
                startChild();
            }
            case STANZA -> startChild();
            case TERMINATED -> { }
        }
    }

    private void openStream() {
        if (eventEnd > limits.maxStanzaBytes()) {
            tooLarge("stream header");
            return;
        }
        StreamHeader header = StartTags.header(reader);
        StreamError error = StartTags.checkRoot(reader, header, contentNamespaces);
        if (error == null) {
            error = StartTags.check(reader, limits);
        }
        if (error != null) {
            fail(error);
            return;
        }
        state = State.OPEN;
        resumeHeader = StartTags.namespaceOnlyTag(reader);
        listener.streamOpened(header);
    }

    private void startChild() {
        if (assembler.depth() + 1 > limits.maxDepth()) {
            fail(new StreamError(StreamErrorCondition.POLICY_VIOLATION,
                    "elements nested deeper than " + limits.maxDepth())); // RFC 6120 §4.9.3.14, §13.12
            return;
        }
        StreamError error = StartTags.check(reader, limits);
        if (error != null) {
            fail(error);
            return;
        }
        assembler.start(reader);
        checkStanzaSize();
    }

    private void onEndElement() {
        if (state == State.OPEN) {
            state = State.TERMINATED; // RFC 6120 §4.4: </stream:stream>
            releaseParser();
            listener.streamClosed();
            return;
        }
        Element element = assembler.end();
        if (element != null && checkStanzaSize()) {
            state = State.OPEN;
            listener.element(element);
        }
    }

    private void onText() {
        if (state == State.STANZA) {
            assembler.text(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
            checkStanzaSize();
        } else if (state == State.OPEN && !isWhitespace()) {
            // RFC 6120 §11.7 allows only whitespace between top-level elements; other text "cannot be
            // processed" (§4.9.3.1)
            fail(new StreamError(StreamErrorCondition.BAD_FORMAT, "character data at stream level"));
        }
        // PROLOG: Aalto itself allows only whitespace there
    }

    private boolean isWhitespace() {
        char[] chars = reader.getTextCharacters();
        for (int i = reader.getTextStart(), end = i + reader.getTextLength(); i < end; i++) {
            char c = chars[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * Bytes fed but not yet part of a complete event belong to the token being parsed: the stream header, a
     * top-level element, or the start tag of the next one. Checking them here rejects an oversized element
     * while it is still arriving instead of after it has been buffered.
     */
    private void checkIncompleteSize() {
        long from = switch (state) {
            case PROLOG -> 0;
            case STANZA -> stanzaStart;
            default -> eventEnd;
        };
        if (parsed - from > limits.maxStanzaBytes()) {
            tooLarge(state == State.PROLOG ? "stream header" : "stanza");
        }
    }

    private boolean checkStanzaSize() {
        if (eventEnd - stanzaStart > limits.maxStanzaBytes()) {
            tooLarge("stanza");
            return false;
        }
        return true;
    }

    private void tooLarge(String what) {
        fail(new StreamError(StreamErrorCondition.POLICY_VIOLATION,
                what + " exceeds " + limits.maxStanzaBytes() + " bytes")); // RFC 6120 §4.9.3.14, §13.12
    }

    private void restricted(String text) {
        fail(new StreamError(StreamErrorCondition.RESTRICTED_XML, text)); // RFC 6120 §4.9.3.18, §11.1
    }

    private void fail(StreamError error) {
        state = State.TERMINATED;
        releaseParser();
        listener.streamError(error);
    }

    private void releaseParser() {
        reader = null; // dropped, not closed: see Parsers
    }
}
