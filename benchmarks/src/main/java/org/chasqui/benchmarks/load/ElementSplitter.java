package org.chasqui.benchmarks.load;

/**
 * Finds the top-level elements (depth 1, the stanzas and nonzas) of an XMPP stream in the bytes as
 * they arrive, without building a tree: the load generator only needs their boundaries and a few
 * substrings, and must stay cheap per byte so that it does not take the server's CPU on a shared
 * machine. It understands start, end and empty tags, quoted attribute values, {@code <?...?>} and
 * {@code <!...>}, and a new {@code <stream:stream>} header after a stream restart (RFC 6120 §4.3.3).
 * Any split of the input works: the state survives between {@link #feed} calls.
 */
final class ElementSplitter {

    /** Receives each complete top-level element as {@code buf[from, to)}. */
    interface Sink {
        void element(byte[] buf, int from, int to);

        void streamEnded();
    }

    private static final byte[] STREAM_START = "<stream:stream".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] buf = new byte[16 * 1024];
    private int len;
    private int pos;
    private int depth;
    private boolean inTag;
    private byte quote;
    private int tagStart = -1;
    private int elementStart = -1;

    /** Appends {@code data[0, n)} and reports every element it completes. */
    void feed(byte[] data, int n, Sink sink) {
        ensure(n);
        System.arraycopy(data, 0, buf, len, n);
        len += n;
        for (; pos < len; pos++) {
            byte b = buf[pos];
            if (!inTag) {
                if (b == '<') {
                    inTag = true;
                    tagStart = pos;
                }
            } else if (quote != 0) {
                if (b == quote) {
                    quote = 0;
                }
            } else if (b == '"' || b == '\'') {
                quote = b;
            } else if (b == '>') {
                inTag = false;
                tagEnded(sink);
            }
        }
        compact();
    }

    private void tagEnded(Sink sink) {
        byte second = buf[tagStart + 1];
        if (second == '?' || second == '!') {
            return;
        }
        if (second == '/') {
            depth--;
            if (depth == 1) {
                sink.element(buf, elementStart, pos + 1);
                elementStart = -1;
            } else if (depth == 0) {
                sink.streamEnded();
            }
            return;
        }
        boolean empty = buf[pos - 1] == '/';
        if (depth == 0) {
            depth = 1; // the stream header
        } else if (depth == 1 && isStreamHeader()) {
            // a restarted stream: still depth 1
        } else if (depth == 1 && empty) {
            sink.element(buf, tagStart, pos + 1);
        } else if (!empty) {
            if (depth == 1) {
                elementStart = tagStart;
            }
            depth++;
        }
    }

    private boolean isStreamHeader() {
        int end = tagStart + STREAM_START.length;
        if (end >= pos) {
            return false;
        }
        for (int i = 0; i < STREAM_START.length; i++) {
            if (buf[tagStart + i] != STREAM_START[i]) {
                return false;
            }
        }
        byte next = buf[end];
        return next == ' ' || next == '>' || next == '\n' || next == '\t' || next == '\r';
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            byte[] bigger = new byte[Math.max(buf.length * 2, len + n)];
            System.arraycopy(buf, 0, bigger, 0, len);
            buf = bigger;
        }
    }

    /** Drops the bytes no pending element or tag needs. */
    private void compact() {
        int keep = len;
        if (depth >= 2 && elementStart >= 0) {
            keep = elementStart;
        }
        if (inTag && tagStart < keep) {
            keep = tagStart;
        }
        if (keep == 0) {
            return;
        }
        System.arraycopy(buf, keep, buf, 0, len - keep);
        len -= keep;
        pos -= keep;
        if (elementStart >= 0) {
            elementStart -= keep;
        }
        if (tagStart >= 0) {
            tagStart -= keep;
        }
    }
}
