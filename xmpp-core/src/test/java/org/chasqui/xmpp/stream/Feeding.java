package org.chasqui.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.chasqui.xmpp.stanza.Namespaces;

/** Ways of feeding a recorded stream to a fresh decoder, each returning the events it produced. */
final class Feeding {

    static final Set<String> CLIENT = Set.of(Namespaces.CLIENT);

    private Feeding() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> whole(byte[] input, DecoderLimits limits) {
        Recorder r = new Recorder();
        XmppStreamDecoder d = new XmppStreamDecoder(limits, CLIENT, r);
        d.feed(input);
        return r.events;
    }

    static List<String> whole(byte[] input) {
        return whole(input, DecoderLimits.DEFAULT);
    }

    /** Two chunks, {@code [0, at)} and {@code [at, end)}, each at a non-zero offset inside a larger array. */
    static List<String> splitAt(byte[] input, int at, DecoderLimits limits) {
        Recorder r = new Recorder();
        XmppStreamDecoder d = new XmppStreamDecoder(limits, CLIENT, r);
        feedAtOffset(d, input, 0, at, 3);
        feedAtOffset(d, input, at, input.length - at, 7);
        return r.events;
    }

    static List<String> byteAtATime(byte[] input, DecoderLimits limits) {
        Recorder r = new Recorder();
        XmppStreamDecoder d = new XmppStreamDecoder(limits, CLIENT, r);
        for (int i = 0; i < input.length; i++) {
            d.feed(new byte[] {input[i]});
        }
        return r.events;
    }

    static List<String> randomChunks(byte[] input, long seed, int maxChunk, DecoderLimits limits) {
        Random random = new Random(seed);
        Recorder r = new Recorder();
        XmppStreamDecoder d = new XmppStreamDecoder(limits, CLIENT, r);
        int pos = 0;
        while (pos < input.length) {
            int n = Math.min(input.length - pos, 1 + random.nextInt(maxChunk));
            feedAtOffset(d, input, pos, n, random.nextInt(5));
            pos += n;
        }
        return r.events;
    }

    /** Feeds {@code input[from, from+length)} copied to offset {@code pad} of a bigger, garbage-padded array. */
    static void feedAtOffset(XmppStreamDecoder d, byte[] input, int from, int length, int pad) {
        byte[] buffer = new byte[pad + length + 5];
        java.util.Arrays.fill(buffer, (byte) '<');
        System.arraycopy(input, from, buffer, pad, length);
        d.feed(buffer, pad, length);
    }

    /**
     * Asserts that splitting the input at every byte index, and feeding it one byte at a time, gives exactly the
     * events of feeding it whole; returns those events.
     */
    static List<String> assertSplitInvariant(byte[] input, DecoderLimits limits) {
        List<String> expected = whole(input, limits);
        for (int at = 0; at <= input.length; at++) {
            assertThat(splitAt(input, at, limits)).as("split at byte %d", at).isEqualTo(expected);
        }
        assertThat(byteAtATime(input, limits)).as("one byte at a time").isEqualTo(expected);
        return expected;
    }

    static List<String> assertSplitInvariant(byte[] input) {
        return assertSplitInvariant(input, DecoderLimits.DEFAULT);
    }
}
