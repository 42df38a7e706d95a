package org.chasqui.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.xmpp.stream.Feeding.utf8;
import static org.chasqui.xmpp.stream.XmppStreamDecoderSplitTest.header;
import static org.chasqui.xmpp.stream.XmppStreamDecoderSplitTest.manyStanzas;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A decoder that lets go of its parser between reads ({@link XmppStreamDecoder#rest()}) decodes the same stream. */
class XmppStreamDecoderRestTest {

    /** Feeds {@code input} in random chunks, asking the decoder to rest after each; returns the events. */
    private static List<String> restingAfterEachChunk(byte[] input, long seed, DecoderLimits limits, int[] rested) {
        Random random = new Random(seed);
        Recorder r = new Recorder();
        XmppStreamDecoder d = new XmppStreamDecoder(limits, Feeding.CLIENT, r);
        int pos = 0;
        while (pos < input.length) {
            int n = Math.min(input.length - pos, 1 + random.nextInt(40));
            Feeding.feedAtOffset(d, input, pos, n, random.nextInt(5));
            pos += n;
            if (d.rest()) {
                rested[0]++;
            }
        }
        return r.events;
    }

    @Test
    void restingBetweenElementsChangesNothing() {
        byte[] input = utf8(manyStanzas(30));
        List<String> expected = Feeding.whole(input);
        int[] rested = {0};
        for (long seed = 0; seed < 50; seed++) {
            assertThat(restingAfterEachChunk(input, seed, DecoderLimits.DEFAULT, rested)).as("seed %d", seed)
                    .isEqualTo(expected);
        }
        assertThat(rested[0]).isGreaterThan(50); // the parser was really dropped and rebuilt, many times
    }

    @Test
    void theHeadersNamespaceBindingsSurviveARest() {
        String stream = "<s:stream xmlns='jabber:client' xmlns:s='http://etherx.jabber.org/streams'"
                + " xmlns:x='urn:example:x' to='example.com' version='1.0'>";
        Recorder r = new Recorder();
        XmppStreamDecoder d = new XmppStreamDecoder(DecoderLimits.DEFAULT, Feeding.CLIENT, r);
        d.feed(utf8(stream + "<presence/>"));
        assertThat(d.rest()).isTrue();
        d.feed(utf8("<message><x:y/></message></s:stream>"));
        assertThat(r.events).containsExactly("opened " + r.header, "element <presence xmlns='jabber:client'/>",
                "element <message xmlns='jabber:client'><y xmlns='urn:example:x'/></message>", "closed");
    }

    @Test
    void sizeLimitsCountFromTheRealStream() {
        String stanza = "<message id='a'><body>0123456789</body></message>";
        DecoderLimits limits = new DecoderLimits(stanza.length(), 64, 64);
        byte[] input = utf8(header() + stanza + stanza + "<message id='b'><body>0123456789!</body></message>");
        List<String> expected = Feeding.whole(input, limits);
        assertThat(expected).last().asString().startsWith("error policy-violation");
        for (long seed = 0; seed < 50; seed++) {
            assertThat(restingAfterEachChunk(input, seed, limits, new int[1])).as("seed %d", seed).isEqualTo(expected);
        }
    }

    /** RFC 6120 §4.6.1: a client's whitespace keepalives after its last stanza do not keep the parser busy. */
    @Test
    void whitespaceKeepalivesDoNotPreventARest() {
        Recorder r = new Recorder();
        XmppStreamDecoder d = new XmppStreamDecoder(DecoderLimits.DEFAULT, Feeding.CLIENT, r);
        d.feed(utf8(header() + "<presence/> "));
        d.feed(utf8("\n"));
        d.feed(utf8(" \t"));
        assertThat(d.rest()).isTrue();
        d.feed(utf8(" "));
        assertThat(d.rest()).isTrue();
        d.feed(utf8(" <message id='1'/>  <"));
        assertThat(d.rest()).isFalse(); // a start tag has begun
        d.feed(utf8("message id='2'/>"));
        assertThat(r.events).hasSize(4).last().asString().contains("id='2'");
        assertThat(d.isTerminated()).isFalse();
    }

    @Test
    void textThatIsNotWhitespaceStillFailsAfterARest() {
        Recorder r = new Recorder();
        XmppStreamDecoder d = new XmppStreamDecoder(DecoderLimits.DEFAULT, Feeding.CLIENT, r);
        d.feed(utf8(header() + "<presence/> x"));
        assertThat(d.rest()).isFalse();
        d.feed(utf8("<presence/>"));
        assertThat(r.events).last().asString().startsWith("error bad-format");
    }

    @Test
    void noRestInsideAnElementOrBeforeTheHeader() {
        Recorder r = new Recorder();
        XmppStreamDecoder d = new XmppStreamDecoder(DecoderLimits.DEFAULT, Feeding.CLIENT, r);
        d.feed(utf8("<stream:stream xmlns='jabber:client'"));
        assertThat(d.rest()).isFalse();
        d.feed(utf8(" xmlns:stream='http://etherx.jabber.org/streams'><message><bo"));
        assertThat(d.rest()).isFalse();
        d.feed(utf8("dy>hi</body></message>"));
        assertThat(d.rest()).isTrue();
        assertThat(d.rest()).isFalse(); // already resting
        d.close();
        assertThat(d.rest()).isFalse();
    }
}
