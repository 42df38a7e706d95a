package org.chasqui.xmpp.stream;

import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;

/**
 * A byte-level check that runs before the XML parser sees the input. It catches what Aalto's async parser lets
 * through or reports with an unhelpful message:
 * <ul>
 *   <li>ill-formed UTF-8, including overlong forms and encoded surrogates, which Aalto decodes silently
 *       (RFC 3629 §3; RFC 6120 §11.6);</li>
 *   <li>a UTF-16 or UTF-32 stream, recognised by a NUL or a byte order mark in its first two bytes
 *       (RFC 6120 §11.6, unsupported-encoding);</li>
 *   <li>{@code <!} before the root element, that is a comment or a document type declaration in the prolog
 *       (RFC 6120 §11.1, restricted-xml). Aalto rejects a DOCTYPE with an internal subset (the billion-laughs
 *       form) with a generic "Invalid name start character" error, so it must be caught here.</li>
 * </ul>
 *
 * <p>State is kept between calls, one byte at a time, so the result does not depend on how the input is split.
 */
final class InputScreen {

    private enum Prolog { TEXT, LESS_THAN, PI, PI_QUESTION, DONE }

    private long position;
    private int continuationBytes;
    private int nextLow = 0x80;
    private int nextHigh = 0xBF;
    private Prolog prolog = Prolog.TEXT;
    private StreamError failure;

    /**
     * Checks {@code length} bytes and returns how many of them, from the start, are acceptable. If fewer than
     * {@code length}, the byte at the returned index is the first bad one and {@link #failure()} says why.
     */
    int scan(byte[] data, int offset, int length) {
        for (int i = 0; i < length; i++) {
            int b = data[offset + i] & 0xFF;
            if (b < 0x80 && continuationBytes == 0 && prolog == Prolog.DONE && position > 1) {
                position++;
                continue; // fast path: ASCII inside the stream
            }
            if (!accept(b)) {
                return i;
            }
            position++;
        }
        return length;
    }

    /** Why the last scan stopped early, or null. */
    StreamError failure() {
        return failure;
    }

    private boolean accept(int b) {
        if (position < 2 && (b == 0x00 || (position == 0 && (b == 0xFE || b == 0xFF)))) {
            // RFC 6120 §11.6: only UTF-8; "<\0", "\0<" and FE FF / FF FE begin UTF-16 or UTF-32 streams
            return fail(StreamErrorCondition.UNSUPPORTED_ENCODING, "only UTF-8 is supported");
        }
        if (!acceptUtf8(b)) {
            return fail(StreamErrorCondition.NOT_WELL_FORMED, "invalid UTF-8");
        }
        if (prolog != Prolog.DONE && !acceptProlog(b)) {
            return fail(StreamErrorCondition.RESTRICTED_XML, "comments and DTDs are not allowed");
        }
        return true;
    }

    /** RFC 3629 §4 syntax: bounds on the first continuation byte exclude overlongs, surrogates and > U+10FFFF. */
    private boolean acceptUtf8(int b) {
        if (continuationBytes > 0) {
            if (b < nextLow || b > nextHigh) {
                return false;
            }
            continuationBytes--;
            nextLow = 0x80;
            nextHigh = 0xBF;
            return true;
        }
        if (b < 0x80) {
            return true;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            continuationBytes = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            continuationBytes = 2;
            nextLow = b == 0xE0 ? 0xA0 : 0x80;
            nextHigh = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            continuationBytes = 3;
            nextLow = b == 0xF0 ? 0x90 : 0x80;
            nextHigh = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false; // 80..C1 (continuation without lead, overlong lead) or F5..FF
        }
        return true;
    }

    /** Follows the prolog (XML 1.0 §2.8) until the root element's {@code <}; rejects {@code <!} on the way. */
    private boolean acceptProlog(int b) {
        switch (prolog) {
            case TEXT -> {
                if (b == '<') {
                    prolog = Prolog.LESS_THAN;
                }
            }
            case LESS_THAN -> {
                if (b == '!') {
                    return false;
                }
                prolog = b == '?' ? Prolog.PI : Prolog.DONE;
            }
            case PI -> {
                if (b == '?') {
                    prolog = Prolog.PI_QUESTION;
                }
            }
            case PI_QUESTION -> {
                if (b == '>') {
                    prolog = Prolog.TEXT;
                } else if (b != '?') {
                    prolog = Prolog.PI;
                }
            }
            case DONE -> {
                // not reached: the caller skips the prolog check once the root element has begun
            }
        }
        return true;
    }

    private boolean fail(StreamErrorCondition condition, String text) {
        failure = new StreamError(condition, text);
        return false;
    }
}
