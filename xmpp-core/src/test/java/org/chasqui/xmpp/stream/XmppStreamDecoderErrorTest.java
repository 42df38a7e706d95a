package org.chasqui.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.xmpp.stream.Feeding.utf8;
import static org.chasqui.xmpp.stream.XmppStreamDecoderSplitTest.header;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each bad input gives exactly one stream error with the right condition, after the events of the good input
 * before it and before anything after it; the same at every split point.
 */
class XmppStreamDecoderErrorTest {

    private static final String H = header();
    private static final String AFTER = "<message><body>never delivered</body></message></stream:stream>";
    private static final DecoderLimits SMALL = new DecoderLimits(4096, 4, 4);

    static final String BILLION_LAUGHS = "<?xml version='1.0'?>\n"
            + "<!DOCTYPE lolz [\n"
            + " <!ENTITY lol 'lol'>\n"
            + " <!ENTITY lol1 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>\n"
            + " <!ENTITY lol2 '&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;'>\n"
            + " <!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>\n"
            + " <!ENTITY lol4 '&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;'>\n"
            + " <!ENTITY lol5 '&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;'>\n"
            + " <!ENTITY lol6 '&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;'>\n"
            + " <!ENTITY lol7 '&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;'>\n"
            + " <!ENTITY lol8 '&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;'>\n"
            + " <!ENTITY lol9 '&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;'>\n"
            + "]>\n";

    static Stream<Arguments> badInputs() {
        List<Arguments> cases = new ArrayList<>();
        // RFC 6120 §11.1 restricted XML
        add(cases, "billion laughs", "", BILLION_LAUGHS + H + "<message><body>&lol9;</body></message>",
                StreamErrorCondition.RESTRICTED_XML);
        add(cases, "DOCTYPE with SYSTEM id and internal subset", "<?xml version='1.0'?>",
                "<!DOCTYPE stream:stream SYSTEM 'x.dtd' [<!ENTITY a 'b'>]>" + H, StreamErrorCondition.RESTRICTED_XML);
        add(cases, "plain DOCTYPE", "", "<!DOCTYPE stream:stream>" + H, StreamErrorCondition.RESTRICTED_XML);
        add(cases, "entity references defined nowhere (billion laughs body alone)", H + "<presence/>",
                "<message><body>&lol9;</body></message>", StreamErrorCondition.RESTRICTED_XML);
        add(cases, "entity &foo; in text", H + "<presence/>", "<message><body>a &foo; b</body></message>",
                StreamErrorCondition.RESTRICTED_XML);
        add(cases, "entity &foo; in an attribute", H + "<presence/>", "<message to='&foo;'/>",
                StreamErrorCondition.RESTRICTED_XML);
        add(cases, "comment in the prolog", "<?xml version='1.0'?>", "<!-- hi -->" + H,
                StreamErrorCondition.RESTRICTED_XML);
        add(cases, "comment between stanzas", H + "<presence/>", "<!-- hi -->", StreamErrorCondition.RESTRICTED_XML);
        add(cases, "comment in a stanza", H + "<presence/>", "<message><!-- hi --></message>",
                StreamErrorCondition.RESTRICTED_XML);
        add(cases, "processing instruction in the prolog", "<?xml version='1.0'?>", "<?php echo 1; ?>" + H,
                StreamErrorCondition.RESTRICTED_XML);
        add(cases, "processing instruction between stanzas", H, "<?foo bar?>", StreamErrorCondition.RESTRICTED_XML);
        add(cases, "processing instruction in a stanza", H, "<message><?foo bar?></message>",
                StreamErrorCondition.RESTRICTED_XML);
        // RFC 6120 §11.6 UTF-8 only
        add(cases, "ISO-8859-1 declared", "", "<?xml version='1.0' encoding='ISO-8859-1'?>" + H,
                StreamErrorCondition.UNSUPPORTED_ENCODING);
        add(cases, "US-ASCII declared", "", "<?xml version='1.0' encoding='US-ASCII'?>" + H,
                StreamErrorCondition.UNSUPPORTED_ENCODING);
        add(cases, "UTF-16 declared", "", "<?xml version='1.0' encoding='UTF-16'?>" + H,
                StreamErrorCondition.UNSUPPORTED_ENCODING);
        add(cases, "UTF-16LE with byte order mark", new byte[0],
                concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, (H).getBytes(StandardCharsets.UTF_16LE)), null,
                StreamErrorCondition.UNSUPPORTED_ENCODING);
        add(cases, "UTF-16BE without byte order mark", new byte[0], H.getBytes(StandardCharsets.UTF_16BE), null,
                StreamErrorCondition.UNSUPPORTED_ENCODING);
        add(cases, "UTF-16LE without byte order mark", new byte[0], H.getBytes(StandardCharsets.UTF_16LE), null,
                StreamErrorCondition.UNSUPPORTED_ENCODING);
        // RFC 6120 §4.9.3.13 not well-formed, including bad UTF-8 (RFC 3629)
        addBytes(cases, "UTF-8 bad continuation byte", H + "<message><body>", "C3 28");
        addBytes(cases, "UTF-8 overlong '/'", H + "<message><body>", "C0 AF");
        addBytes(cases, "UTF-8 overlong 3-byte", H + "<message><body>", "E0 80 AF");
        addBytes(cases, "UTF-8 encoded surrogate", H + "<message><body>", "ED A0 80");
        addBytes(cases, "UTF-8 above U+10FFFF", H + "<message><body>", "F4 90 80 80");
        addBytes(cases, "UTF-8 byte F5", H + "<message><body>", "F5 80 80 80");
        addBytes(cases, "UTF-8 lone continuation byte", H + "<message><body>", "80");
        addBytes(cases, "UTF-8 truncated sequence", H + "<message><body>", "E4 BD 3C");
        addBytes(cases, "UTF-8 invalid in the stream header", "<stream:stream to='", "FF");
        add(cases, "UTF-8 byte order mark (a U+FEFF before the root)", new byte[0],
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(H)), null,
                StreamErrorCondition.NOT_WELL_FORMED);
        add(cases, "mismatched end tag", H + "<presence/>", "<message></iq>", StreamErrorCondition.NOT_WELL_FORMED);
        add(cases, "stream closed inside a stanza", H, "<message></stream:stream>",
                StreamErrorCondition.NOT_WELL_FORMED);
        add(cases, "control character", H, "<message><body>\u0001</body></message>",
                StreamErrorCondition.NOT_WELL_FORMED);
        add(cases, "character reference to NUL", H, "<message><body>&#0;</body></message>",
                StreamErrorCondition.NOT_WELL_FORMED);
        add(cases, "duplicate attribute", H, "<message id='a' id='b'/>", StreamErrorCondition.NOT_WELL_FORMED);
        add(cases, "unquoted attribute", H, "<message id=a/>", StreamErrorCondition.NOT_WELL_FORMED);
        add(cases, "XML declaration after whitespace", "", "  <?xml version='1.0'?>" + H,
                StreamErrorCondition.NOT_WELL_FORMED);
        add(cases, "prefix undeclared with xmlns:p=''", H, "<message xmlns:p=''/>",
                StreamErrorCondition.NOT_WELL_FORMED);
        // RFC 6120 §4.9.3.2 bad-namespace-prefix
        add(cases, "unbound element prefix", H + "<presence/>", "<message><foo:x/></message>",
                StreamErrorCondition.BAD_NAMESPACE_PREFIX);
        add(cases, "unbound attribute prefix", H, "<message foo:a='1'/>", StreamErrorCondition.BAD_NAMESPACE_PREFIX);
        add(cases, "unbound stream prefix", "", "<stream:stream xmlns='jabber:client'>",
                StreamErrorCondition.BAD_NAMESPACE_PREFIX);
        // RFC 6120 §4.9.3.10 invalid-namespace, §4.9.3.1 bad-format
        add(cases, "stream in the wrong namespace", "",
                "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams2'>",
                StreamErrorCondition.INVALID_NAMESPACE);
        add(cases, "stream in the content namespace", "", "<stream xmlns='jabber:client'>",
                StreamErrorCondition.INVALID_NAMESPACE);
        add(cases, "stream namespace as the default namespace", "",
                "<stream xmlns='http://etherx.jabber.org/streams'>", StreamErrorCondition.INVALID_NAMESPACE);
        add(cases, "content namespace jabber:server on a client stream", "",
                "<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'>",
                StreamErrorCondition.INVALID_NAMESPACE);
        add(cases, "unknown content namespace", "",
                "<stream:stream xmlns='urn:example:bogus' xmlns:stream='http://etherx.jabber.org/streams'>",
                StreamErrorCondition.INVALID_NAMESPACE);
        add(cases, "no content namespace", "", "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>",
                StreamErrorCondition.INVALID_NAMESPACE);
        add(cases, "root with the right namespace and a wrong name", "",
                "<stream:features xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>",
                StreamErrorCondition.BAD_FORMAT);
        add(cases, "text at stream level", H + "<presence/>", " hello ", StreamErrorCondition.BAD_FORMAT);
        add(cases, "CDATA at stream level", H, "<![CDATA[x]]>", StreamErrorCondition.BAD_FORMAT);
        add(cases, "reference at stream level", H, "&#x41;", StreamErrorCondition.BAD_FORMAT);
        // RFC 6120 §4.9.3.14 policy-violation (limits: depth 4, attributes 4)
        add(cases, "nesting deeper than the limit", H + "<message><a><b><c/></b></a></message>",
                "<message><a><b><c><d/></c></b></a></message>", SMALL, StreamErrorCondition.POLICY_VIOLATION);
        add(cases, "more attributes than the limit", H + "<message a='1' b='2' c='3' d='4'/>",
                "<message a='1' b='2' c='3' d='4' e='5'/>", SMALL, StreamErrorCondition.POLICY_VIOLATION);
        add(cases, "namespace declarations count as attributes", H + "<message a='1' xmlns:p='urn:p' p:b='2'/>",
                "<message a='1' b='2' xmlns:p='urn:p' xmlns:q='urn:q' c='3'/>", SMALL,
                StreamErrorCondition.POLICY_VIOLATION);
        add(cases, "stream header with more attributes than the limit", "",
                "<stream:stream to='a' from='b' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>",
                SMALL, StreamErrorCondition.POLICY_VIOLATION);
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsOneStreamErrorAtEverySplitPoint(String name, byte[] good, byte[] bad, DecoderLimits limits,
            StreamErrorCondition condition) {
        byte[] input = concat(concat(good, bad), utf8(AFTER));
        List<String> before = Feeding.whole(good, limits);
        assertThat(before).as("the good prefix alone").noneMatch(e -> e.startsWith("error"));

        List<String> events = Feeding.assertSplitInvariant(input, limits);

        assertThat(events.subList(0, events.size() - 1)).isEqualTo(before);
        assertThat(events.get(events.size() - 1)).startsWith("error " + condition.elementName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void inputAfterTheErrorIsIgnored(String name, byte[] good, byte[] bad, DecoderLimits limits,
            StreamErrorCondition condition) {
        Recorder r = new Recorder();
        XmppStreamDecoder d = new XmppStreamDecoder(limits, Feeding.CLIENT, r);
        d.feed(concat(concat(good, bad), utf8(AFTER)));
        int count = r.events.size();

        d.feed(utf8("<message/>" + AFTER));
        d.feed(new byte[] {(byte) 0xFF});

        assertThat(d.isTerminated()).isTrue();
        assertThat(r.events).hasSize(count);
        assertThat(r.error.condition()).isEqualTo(condition);
    }

    @Test
    void oversizedStanzaFedIn1KiBChunksIsRejectedBeforeItHasArrived() {
        Recorder r = new Recorder();
        XmppStreamDecoder d = new XmppStreamDecoder(DecoderLimits.DEFAULT, Feeding.CLIENT, r);
        d.feed(utf8(H + "<presence/><message to='romeo@example.net'><body>"));
        byte[] kib = utf8("0123456789abcdef".repeat(64));
        long fed = 0;
        long tenMiB = 10L << 20;
        while (!d.isTerminated() && fed < tenMiB) {
            d.feed(kib);
            fed += kib.length;
        }
        assertThat(r.events).hasSize(3);
        assertThat(r.events.get(2)).isEqualTo("error policy-violation (stanza exceeds 262144 bytes)");
        assertThat(fed).isLessThanOrEqualTo(DecoderLimits.DEFAULT_MAX_STANZA_BYTES + 1024);
    }

    @Test
    void oversizedStartTagIsRejectedWhileItIsArriving() {
        Recorder r = new Recorder();
        XmppStreamDecoder d = new XmppStreamDecoder(new DecoderLimits(10_000, 64, 64), Feeding.CLIENT, r);
        d.feed(utf8(H + "<message to='"));
        byte[] kib = utf8("x".repeat(1024));
        int chunks = 0;
        while (!d.isTerminated() && chunks < 1000) {
            d.feed(kib);
            chunks++;
        }
        assertThat(chunks).isEqualTo(10);
        assertThat(r.events).last().isEqualTo("error policy-violation (stanza exceeds 10000 bytes)");
    }

    @Test
    void oversizedStreamHeaderIsRejectedWhileItIsArriving() {
        Recorder r = new Recorder();
        XmppStreamDecoder d = new XmppStreamDecoder(new DecoderLimits(10_000, 64, 64), Feeding.CLIENT, r);
        d.feed(utf8("<?xml version='1.0'?><stream:stream to='"));
        byte[] kib = utf8("x".repeat(1024));
        int chunks = 0;
        while (!d.isTerminated() && chunks < 1000) {
            d.feed(kib);
            chunks++;
        }
        assertThat(chunks).isEqualTo(10);
        assertThat(r.events).containsExactly("error policy-violation (stream header exceeds 10000 bytes)");
    }

    @Test
    void deepNestingAtTheDefaultLimit() {
        String ok = "<a>".repeat(64) + "</a>".repeat(64);
        String tooDeep = "<a>".repeat(65) + "</a>".repeat(65);
        assertThat(Feeding.whole(utf8(H + ok + tooDeep))).hasSize(3).last().isEqualTo(
                "error policy-violation (elements nested deeper than 64)");
        // the parser stops at the 65th level; it never sees the rest of a million-level bomb
        Recorder r = new Recorder();
        XmppStreamDecoder d = new XmppStreamDecoder(DecoderLimits.DEFAULT, Feeding.CLIENT, r);
        d.feed(utf8(H));
        byte[] open = utf8("<a>".repeat(1000));
        for (int i = 0; i < 1000 && !d.isTerminated(); i++) {
            d.feed(open);
        }
        assertThat(r.error.condition()).isEqualTo(StreamErrorCondition.POLICY_VIOLATION);
    }

    @Test
    void errorTextsNameTheLimit() {
        assertThat(Feeding.whole(utf8(H + "<message a='1' b='2' c='3' d='4' e='5'/>"), SMALL))
                .last().isEqualTo("error policy-violation (more than 4 attributes on one element)");
    }

    private static void add(List<Arguments> cases, String name, String good, String bad,
            StreamErrorCondition condition) {
        add(cases, name, good, bad, DecoderLimits.DEFAULT, condition);
    }

    private static void add(List<Arguments> cases, String name, String good, String bad, DecoderLimits limits,
            StreamErrorCondition condition) {
        cases.add(Arguments.of(name, utf8(good), utf8(bad), limits, condition));
    }

    private static void add(List<Arguments> cases, String name, byte[] good, byte[] bad, DecoderLimits limits,
            StreamErrorCondition condition) {
        cases.add(Arguments.of(name, good, bad, limits == null ? DecoderLimits.DEFAULT : limits, condition));
    }

    private static void addBytes(List<Arguments> cases, String name, String good, String hex) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String h : hex.split(" ")) {
            out.write(Integer.parseInt(h, 16));
        }
        add(cases, name, utf8(good), out.toByteArray(), null, StreamErrorCondition.NOT_WELL_FORMED);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
