package org.chasqui.broker.transcript;

import static org.chasqui.xmpp.stanza.StreamErrorCondition.BAD_FORMAT;
import static org.chasqui.xmpp.stanza.StreamErrorCondition.BAD_NAMESPACE_PREFIX;
import static org.chasqui.xmpp.stanza.StreamErrorCondition.NOT_WELL_FORMED;
import static org.chasqui.xmpp.stanza.StreamErrorCondition.POLICY_VIOLATION;
import static org.chasqui.xmpp.stanza.StreamErrorCondition.RESTRICTED_XML;
import static org.chasqui.xmpp.stanza.StreamErrorCondition.UNSUPPORTED_ENCODING;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.chasqui.broker.testing.GoodSession;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bytes that are not an acceptable XMPP stream (RFC 6120 §4.9.3, §11): each bad connection ends with
 * exactly the stream error the RFC names, and the server goes on serving everybody else.
 */
class XmlStreamErrorsTest {

    static final int MAX_STANZA_BYTES = 4096;
    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>";

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir, cfg -> cfg.withLimits(cfg.limits().withMaxStanzaBytes(MAX_STANZA_BYTES)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Sent after a well-formed stream header has been answered with features. */
    static Stream<Arguments> inTheStream() {
        return Stream.of(
                // RFC 6120 §4.9.3.13 not-well-formed
                bad("mismatched end tag", "<message to='bob@localhost'><body>hi</message>", NOT_WELL_FORMED),
                bad("garbage", "<<<>>> ]]> $%&", NOT_WELL_FORMED),
                bad("unescaped ampersand", "<message><body>fish & chips</body></message>", NOT_WELL_FORMED),
                bad("control character", "<message><body>\u0001</body></message>", NOT_WELL_FORMED),
                bad("attribute twice", "<message to='a@localhost' to='b@localhost'/>", NOT_WELL_FORMED),
                bad("invalid UTF-8 (C3 28)", bytes("<message><body>", 0xC3, 0x28, "</body></message>"), NOT_WELL_FORMED),
                bad("overlong UTF-8 (C0 AF)", bytes("<message><body>", 0xC0, 0xAF, "</body></message>"), NOT_WELL_FORMED),
                bad("UTF-8 surrogate (ED A0 80)", bytes("<message><body>", 0xED, 0xA0, 0x80, "</body></message>"),
                        NOT_WELL_FORMED),
                bad("lone continuation byte (80)", bytes("<message><body>", 0x80, "</body></message>"), NOT_WELL_FORMED),
                // RFC 6120 §4.9.3.18 restricted-xml, §11.1
                bad("comment", "<!-- a comment -->", RESTRICTED_XML),
                bad("comment in a stanza", "<message><!-- x --><body>hi</body></message>", RESTRICTED_XML),
                bad("processing instruction", "<?php echo 1; ?>", RESTRICTED_XML),
                bad("processing instruction in a stanza", "<message><?pi x?></message>", RESTRICTED_XML),
                bad("custom entity in text", "<message><body>&custom;</body></message>", RESTRICTED_XML),
                bad("custom entity in an attribute", "<message to='&custom;'/>", RESTRICTED_XML),
                bad("DOCTYPE inside the stream", "<!DOCTYPE message>", NOT_WELL_FORMED),
                // RFC 6120 §4.9.3.2 bad-namespace-prefix
                bad("undeclared element prefix", "<message><foo:bar/></message>", BAD_NAMESPACE_PREFIX),
                bad("undeclared attribute prefix", "<message foo:id='1'/>", BAD_NAMESPACE_PREFIX),
                // RFC 6120 §4.9.3.14 policy-violation, §13.12
                bad("stanza of 10 KB over a 4 KB limit", "<message to='bob@localhost'><body>" + "x".repeat(10 * 1024)
                        + "</body></message>", POLICY_VIOLATION),
                bad("stanza of 10 KB that never ends", "<message><body>" + "x".repeat(10 * 1024), POLICY_VIOLATION),
                bad("65 levels of nesting", "<message>" + "<x>".repeat(64) + "</x>".repeat(64) + "</message>",
                        POLICY_VIOLATION),
                bad("65 attributes", "<message" + attributes(65) + "/>", POLICY_VIOLATION),
                // RFC 6120 §11.7: only whitespace between stanzas; other text cannot be processed (§4.9.3.1)
                bad("text between stanzas", "hello", BAD_FORMAT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inTheStream")
    void badInputAfterTheStreamHeaderEndsTheStream(String what, byte[] input, StreamErrorCondition condition)
            throws Exception {
        try (RawXmppClient mallory = RawXmppClient.connect("mallory", server.starttlsPort())) {
            mallory.openStreamAndExpectFeatures();
            mallory.sendBytes(input);
            mallory.expectStreamError(condition);
        }
        GoodSession.assertServerStillWorks(server);
    }

    /** Sent as the very first bytes of the connection. */
    static Stream<Arguments> insteadOfTheHeader() {
        String billionLaughs = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>"
                + "<!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>]>"
                + HEADER.substring("<?xml version='1.0'?>".length()) + "<message><body>&lol3;</body></message>";
        return Stream.of(
                bad("an HTTP request", "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", NOT_WELL_FORMED),
                bad("invalid UTF-8 in the header", bytes("<?xml version='1.0'?><stream:stream to='", 0xFF, "'>"),
                        NOT_WELL_FORMED),
                bad("DOCTYPE before the header", "<?xml version='1.0'?><!DOCTYPE stream:stream>"
                        + HEADER.substring("<?xml version='1.0'?>".length()), RESTRICTED_XML),
                bad("billion laughs", billionLaughs, RESTRICTED_XML),
                bad("comment before the header", "<!-- hi -->" + HEADER, RESTRICTED_XML),
                bad("processing instruction before the header", "<?xml version='1.0'?><?foo bar?>"
                        + HEADER.substring("<?xml version='1.0'?>".length()), RESTRICTED_XML),
                // RFC 6120 §4.9.3.22 unsupported-encoding, §11.6
                bad("ISO-8859-1 declaration", "<?xml version='1.0' encoding='ISO-8859-1'?>"
                        + HEADER.substring("<?xml version='1.0'?>".length()), UNSUPPORTED_ENCODING),
                bad("UTF-16 byte order mark", bytes(0xFE, 0xFF, 0x00, '<', 0x00, '?'), UNSUPPORTED_ENCODING),
                bad("UTF-16 without a byte order mark", bytes('<', 0x00, '?', 0x00, 'x', 0x00), UNSUPPORTED_ENCODING),
                bad("header of 10 KB", "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
                        + " xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0' id='"
                        + "x".repeat(10 * 1024) + "'>", POLICY_VIOLATION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("insteadOfTheHeader")
    void badInputInOrBeforeTheHeaderEndsTheStream(String what, byte[] input, StreamErrorCondition condition)
            throws Exception {
        try (RawXmppClient mallory = RawXmppClient.connect("mallory", server.starttlsPort())) {
            mallory.sendBytes(input);
            mallory.expectStreamError(condition);
        }
        GoodSession.assertServerStillWorks(server);
    }

    @Test
    void aStanzaOverTheLimitAfterLoginEndsOnlyThatStream() throws Exception {
        server.addUser("bigsender", "secret one");
        try (RawXmppClient alice = RawXmppClient.login(server, "bigsender", "secret one", "phone")) {
            alice.send("<message to='" + alice.jid() + "'><body>" + "é".repeat(6 * 1024) + "</body></message>");
            alice.expectStreamError(POLICY_VIOLATION);
        }
        GoodSession.assertServerStillWorks(server);
    }

    @Test
    void aStanzaJustUnderTheLimitIsDelivered() throws Exception {
        server.addUser("fitting", "secret two");
        try (RawXmppClient alice = RawXmppClient.login(server, "fitting", "secret two", "phone")) {
            String body = "y".repeat(MAX_STANZA_BYTES - 200);
            alice.send("<message to='" + alice.jid() + "'><body>" + body + "</body></message>");
            org.assertj.core.api.Assertions.assertThat(alice.expectStanza("message")
                    .childText("body", "jabber:client")).isEqualTo(body);
            alice.closeStream();
        }
    }

    // ---- building the bad input ----

    private static Arguments bad(String what, String xml, StreamErrorCondition condition) {
        return Arguments.of(what, xml.getBytes(StandardCharsets.UTF_8), condition);
    }

    private static Arguments bad(String what, byte[] input, StreamErrorCondition condition) {
        return Arguments.of(what, input, condition);
    }

    /** Strings as UTF-8 and integers as single bytes, concatenated. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else if (part instanceof Character c) {
                out.write(c);
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    private static String attributes(int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(" a").append(i).append("='v'");
        }
        return sb.toString();
    }
}
