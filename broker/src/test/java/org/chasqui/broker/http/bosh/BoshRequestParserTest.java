package org.chasqui.broker.http.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stream.DecoderLimits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Request bodies (XEP-0124 §4): the examples of the specs, and what makes a bad-request. */
class BoshRequestParserTest {

    private static final BoshRequestParser PARSER = new BoshRequestParser(4096, DecoderLimits.DEFAULT);

    private static BoshRequestParser.Result parse(String xml) {
        return PARSER.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static BoshRequest request(String xml) {
        return ((BoshRequestParser.Parsed) parse(xml)).request();
    }

    @Test
    void xep0206SessionCreationRequest() {
        // XEP-0206 Example 1, with an XML declaration in front as some clients send it
        BoshRequest r = request("<?xml version='1.0' encoding='UTF-8'?>\n<body content='text/xml; charset=utf-8'"
                + " from='user@example.com' hold='1' rid='1573741820' to='example.com' route='xmpp:example.com:9999'"
                + " secure='true' ver='1.6' wait='60' ack='1' xml:lang='en' xmpp:version='1.0'"
                + " xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh'/>");
        assertThat(r.rid()).isEqualTo(1573741820L);
        assertThat(r.sid()).isNull();
        assertThat(r.to()).isEqualTo("example.com");
        assertThat(r.from()).isEqualTo("user@example.com");
        assertThat(r.waitSeconds()).isEqualTo(60);
        assertThat(r.hold()).isEqualTo(1);
        assertThat(r.ack()).isEqualTo(1L);
        assertThat(r.ver()).isEqualTo("1.6");
        assertThat(r.lang()).isEqualTo("en");
        assertThat(r.xmppVersion()).isEqualTo("1.0");
        assertThat(r.content()).isEqualTo("text/xml; charset=utf-8");
    }

    @Test
    void theXboshNamespaceCountsWhateverItsPrefix() {
        BoshRequest r = request("<body rid='2' sid='s' x:restart='true' xmlns:x='urn:xmpp:xbosh'"
                + " xmlns='http://jabber.org/protocol/httpbind'/>");
        assertThat(r.restart()).isTrue();
        BoshRequest other = request("<body rid='2' sid='s' x:restart='true' xmlns:x='urn:example:other'"
                + " xmlns='http://jabber.org/protocol/httpbind'/>");
        assertThat(other.restart()).isFalse();
    }

    @Test
    void payloadsWithoutAnXmlnsAreJabberClientStanzas() {
        BoshRequest r = request("<body rid='3' sid='s' xmlns='http://jabber.org/protocol/httpbind'>"
                + "<message to='contact@example.com' xmlns='jabber:client'><body>Good morning!</body></message>"
                + "<message to='friend@example.com'><body>Hey</body></message></body>");
        assertThat(r.payloads()).hasSize(2);
        assertThat(r.payloads()).allSatisfy(p -> {
            assertThat(p.namespace()).isEqualTo(Namespaces.CLIENT);
            assertThat(p.child("body", Namespaces.CLIENT)).isNotNull();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<body sid='s' xmlns='http://jabber.org/protocol/httpbind'/>", // no rid
        "<body rid='-1' xmlns='http://jabber.org/protocol/httpbind'/>",
        "<body rid='9007199254740992' xmlns='http://jabber.org/protocol/httpbind'/>", // 2^53
        "<body rid='7' wait='soon' xmlns='http://jabber.org/protocol/httpbind'/>",
        "<body rid='7' type='restart' xmlns='http://jabber.org/protocol/httpbind'/>",
        "<body rid='7' xmlns='urn:example:other'/>",
        "<body rid='7' xmlns='http://jabber.org/protocol/httpbind'>text</body>", // §4: no character data
        "<body rid='7' xmlns='http://jabber.org/protocol/httpbind'><!-- hi --></body>", // §4: no comments
        "<body rid='7' xmlns='http://jabber.org/protocol/httpbind'><message>", // partial
        "<body rid='7' xmlns='http://jabber.org/protocol/httpbind'/><body rid='8' xmlns='http://jabber.org/protocol/httpbind'/>",
        "<!DOCTYPE body><body rid='7' xmlns='http://jabber.org/protocol/httpbind'/>",
        "",
    })
    void badRequests(String xml) {
        assertThat(parse(xml)).isInstanceOf(BoshRequestParser.Malformed.class);
    }

    @Test
    void aBodyOverTheLimitIsRefused() {
        String big = "<body rid='7' xmlns='http://jabber.org/protocol/httpbind'><message xmlns='jabber:client'><body>"
                + "x".repeat(5000) + "</body></message></body>";
        assertThat(parse(big)).isInstanceOf(BoshRequestParser.Malformed.class);
    }
}
