package org.chasqui.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.xmpp.stream.Feeding.assertSplitInvariant;
import static org.chasqui.xmpp.stream.Feeding.utf8;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** STYLE principle 6: a recorded stream split anywhere gives the same stanzas. */
class XmppStreamDecoderSplitTest {

    static Stream<Arguments> recordedStreams() {
        return Stream.of(
                Arguments.of("initial", RecordedStreams.INITIAL),
                Arguments.of("after TLS", RecordedStreams.AFTER_TLS),
                Arguments.of("after SASL", RecordedStreams.AFTER_SASL),
                Arguments.of("many stanzas", manyStanzas(60)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedStreams")
    void everySplitPointGivesTheSameEvents(String name, String stream) {
        List<String> events = assertSplitInvariant(utf8(stream));
        assertThat(events).isNotEmpty().doesNotHaveDuplicates();
        assertThat(events).noneMatch(e -> e.startsWith("error"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedStreams")
    void randomChunkSizesGiveTheSameEvents(String name, String stream) {
        byte[] input = utf8(stream);
        List<String> expected = Feeding.whole(input);
        for (long seed = 0; seed < 50; seed++) {
            assertThat(Feeding.randomChunks(input, seed, 40, DecoderLimits.DEFAULT)).as("seed %d", seed)
                    .isEqualTo(expected);
        }
    }

    @Test
    void decodesTheLoginExactly() {
        assertThat(Feeding.whole(utf8(RecordedStreams.AFTER_SASL))).containsExactly(RecordedStreams.AFTER_SASL_EVENTS);
        assertThat(Feeding.whole(utf8(RecordedStreams.INITIAL))).containsExactly(
                "opened StreamHeader[to=im.example.com, from=juliet@im.example.com, id=null, version=1.0, lang=en,"
                        + " contentNamespace=jabber:client]",
                "element <starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        assertThat(Feeding.whole(utf8(RecordedStreams.AFTER_TLS))).hasSize(3)
                .element(1).asString().startsWith("element <auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl'"
                        + " mechanism='SCRAM-SHA-1'>biwsbj1");
    }

    @Test
    void manyStanzasInOneChunk() {
        int count = 2_000;
        List<String> events = Feeding.whole(utf8(manyStanzas(count)));
        assertThat(events).hasSize(count + 2).first().asString().startsWith("opened");
        assertThat(events).last().isEqualTo("closed");
        assertThat(events.get(1 + 1234)).contains("id='m1234'").contains("Grüße 你好 🎉 1234 &amp; A");
    }

    @Test
    void elementsAreSelfContainedAndReparseToEqualElements() {
        Recorder first = new Recorder();
        new XmppStreamDecoder(DecoderLimits.DEFAULT, Feeding.CLIENT, first).feed(utf8(RecordedStreams.AFTER_SASL));
        StringBuilder again = new StringBuilder("<stream:stream xmlns='jabber:client'"
                + " xmlns:stream='http://etherx.jabber.org/streams'>");
        for (Element e : first.elements) {
            again.append(e.toXml("jabber:client"));
        }
        Recorder second = new Recorder();
        new XmppStreamDecoder(DecoderLimits.DEFAULT, Feeding.CLIENT, second).feed(utf8(again.toString()));
        assertThat(second.elements).isEqualTo(first.elements);
    }

    @Test
    void adjacentTextCdataAndReferencesBecomeOneTextNode() {
        Recorder r = new Recorder();
        XmppStreamDecoder d = new XmppStreamDecoder(DecoderLimits.DEFAULT, Feeding.CLIENT, r);
        byte[] input = utf8(header() + "<message><body>a&amp;<![CDATA[<b>]]>&#x63;d</body></message>");
        for (byte b : input) {
            d.feed(new byte[] {b});
        }
        Element body = r.elements.get(0).firstElement();
        assertThat(body.children()).hasSize(1);
        assertThat(body.text()).isEqualTo("a&<b>cd");
    }

    /** The size limit counts exactly the element's bytes, wherever the input is split. */
    @Test
    void stanzaOfExactlyTheLimitPassesAndOneByteMoreFailsAtEverySplit() {
        String stanza = "<message to='romeo@example.net' id='k1'><body>Grüße 🎉 &amp; <![CDATA[x]]> and a long"
                + " line so that the stanza is larger than the stream header</body></message>";
        int size = utf8(stanza).length;
        String header = header();
        String stream = header + "\r\n " + stanza + " \r\n<presence/>\t</stream:stream>";
        int headerSize = utf8(header).length;
        assertThat(headerSize).isLessThan(size);

        List<String> ok = assertSplitInvariant(utf8(stream), new DecoderLimits(size, 64, 64));
        assertThat(ok).hasSize(4).last().isEqualTo("closed");

        List<String> tooBig = assertSplitInvariant(utf8(stream), new DecoderLimits(size - 1, 64, 64));
        assertThat(tooBig).containsExactly(ok.get(0), "error policy-violation (stanza exceeds " + (size - 1)
                + " bytes)");
    }

    @Test
    void streamHeaderOfExactlyTheLimitPassesAndOneByteMoreFailsAtEverySplit() {
        String header = "<?xml version='1.0'?>\n" + header();
        int size = utf8(header).length;
        String stream = header + "<presence/></stream:stream>";

        List<String> ok = assertSplitInvariant(utf8(stream), new DecoderLimits(size, 64, 64));
        assertThat(ok).hasSize(3);

        List<String> tooBig = assertSplitInvariant(utf8(stream), new DecoderLimits(size - 1, 64, 64));
        assertThat(tooBig).containsExactly("error policy-violation (stream header exceeds " + (size - 1)
                + " bytes)");
    }

    static String header() {
        return "<stream:stream to='im.example.com' version='1.0' xmlns='jabber:client'"
                + " xmlns:stream='http://etherx.jabber.org/streams'>";
    }

    static String manyStanzas(int count) {
        List<String> parts = new ArrayList<>();
        parts.add(header());
        for (int i = 0; i < count; i++) {
            parts.add(i % 3 == 0 ? " " : "");
            parts.add("<message id='m" + i + "' to='romeo@example.net' type='chat'><body>Grüße 你好 🎉 " + i
                    + " &amp; &#x41;</body></message>");
        }
        parts.add("</stream:stream>");
        return String.join("", parts);
    }
}
