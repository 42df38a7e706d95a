package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XEP-0198 Stream Management, §2–§4 and §6: the feature, enabling, acks both ways and the errors,
 * from the spec's examples (romeo@montague.lit and juliet@capulet.lit live on our one domain).
 * Resumption is in {@link SmTestResumption}.
 */
class SmTest {

    static final String SM = "urn:xmpp:sm:3";
    static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
        server.addUser("romeo", "wherefore art thou");
        server.addUser("juliet", "a rose by any other name");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static RawXmppClient romeo(String resource) throws Exception {
        return RawXmppClient.login(server, "romeo", "wherefore art thou", resource);
    }

    static RawXmppClient juliet() throws Exception {
        return RawXmppClient.login(server, "juliet", "a rose by any other name", "balcony");
    }

    static String ping(String id) {
        return "<iq type='get' id='" + id + "' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>";
    }

    // ---- §3: enabling ----

    @Test
    void enablingAfterBindingGivesEnabledWithoutAttributes() throws Exception {
        try (RawXmppClient romeo = romeo("orchard")) {
            romeo.send("<enable xmlns='urn:xmpp:sm:3'/>"); // Example 2
            romeo.expectExactly("<enabled xmlns='urn:xmpp:sm:3'/>"); // Example 3
            romeo.closeStream();
        }
    }

    @Test
    void enablingWithResumeGivesAnIdAndTheTimeout() throws Exception {
        try (RawXmppClient romeo = romeo("orchard")) {
            romeo.send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>"); // Example 11
            Element enabled = romeo.expectElement("enabled", SM); // Example 12
            assertThat(enabled.attribute("resume")).isEqualTo("true");
            assertThat(enabled.attribute("id")).hasSizeGreaterThanOrEqualTo(22);
            assertThat(enabled.attribute("max")).isEqualTo("300");
            romeo.closeStream();
        }
    }

    @Test
    void theClientsMaxShortensTheTimeoutAndTheOneIsTrueToo() throws Exception {
        try (RawXmppClient romeo = romeo("orchard")) {
            romeo.send("<enable xmlns='urn:xmpp:sm:3' resume='1' max='60'/>");
            Element enabled = romeo.expectElement("enabled", SM);
            assertThat(enabled.attribute("resume")).isEqualTo("true");
            assertThat(enabled.attribute("max")).isEqualTo("60");
            romeo.closeStream();
        }
    }

    @Test
    void enablingBeforeBindingFails() throws Exception {
        try (RawXmppClient romeo = RawXmppClient.connectWithTls("romeo", server)) {
            Element features = romeo.authenticateScram("romeo", "wherefore art thou", "SCRAM-SHA-256");
            assertThat(features.child("sm", SM)).as("§2, Example 1").isNotNull();
            romeo.send("<enable xmlns='urn:xmpp:sm:3'/>");
            romeo.expectExactly("""
                    <failed xmlns='urn:xmpp:sm:3'>
                      <unexpected-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                    </failed>"""); // Example 8
            romeo.bind("orchard"); // the stream goes on
            romeo.send("<enable xmlns='urn:xmpp:sm:3'/>");
            romeo.expectExactly("<enabled xmlns='urn:xmpp:sm:3'/>");
            romeo.closeStream();
        }
    }

    @Test
    void enablingBeforeAuthenticationFails() throws Exception {
        try (RawXmppClient romeo = RawXmppClient.connectWithTls("romeo", server)) {
            romeo.send("<enable xmlns='urn:xmpp:sm:3'/>");
            romeo.expectExactly("""
                    <failed xmlns='urn:xmpp:sm:3'>
                      <unexpected-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                    </failed>""");
            romeo.closeStream();
        }
    }

    @Test
    void enablingTwiceFails() throws Exception {
        try (RawXmppClient romeo = romeo("orchard")) {
            romeo.send("<enable xmlns='urn:xmpp:sm:3'/>");
            romeo.expectElement("enabled", SM);
            romeo.send("<enable xmlns='urn:xmpp:sm:3'/>");
            romeo.expectExactly("""
                    <failed xmlns='urn:xmpp:sm:3'>
                      <unexpected-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                    </failed>"""); // Example 9
            romeo.closeStream();
        }
    }

    // ---- §4: acks ----

    @Test
    void theServerCountsWhatItHandled() throws Exception {
        try (RawXmppClient romeo = romeo("orchard")) {
            // Example 10: the client sends a stanza right after <enable/>; it is the first one counted
            romeo.send("<enable xmlns='urn:xmpp:sm:3'/>" + ping("first"));
            romeo.expectElement("enabled", SM);
            romeo.expectStanza("iq");
            romeo.send("<r xmlns='urn:xmpp:sm:3'/>");
            romeo.expectExactly("<a xmlns='urn:xmpp:sm:3' h='1'/>");
            romeo.send("<r xmlns='urn:xmpp:sm:3'/>");
            romeo.expectExactly("<a xmlns='urn:xmpp:sm:3' h='1'/>"); // §4: <r/> is not a stanza
            romeo.closeStream();
        }
    }

    @Test
    void theBasicAckingScenario() throws Exception {
        // §8.1, Examples 27 to 34; a ping stands for the roster request
        try (RawXmppClient romeo = romeo("orchard"); RawXmppClient juliet = juliet()) {
            romeo.send("<enable xmlns='urn:xmpp:sm:3'/>");
            romeo.expectExactly("<enabled xmlns='urn:xmpp:sm:3'/>");

            romeo.send(ping("ls72g593") + "<r xmlns='urn:xmpp:sm:3'/>");
            romeo.expectExactly("<iq from='localhost' id='ls72g593' to='romeo@localhost/orchard' type='result'/>");
            romeo.expectExactly("<a xmlns='urn:xmpp:sm:3' h='1'/>");

            romeo.send("<a xmlns='urn:xmpp:sm:3' h='1'/><presence/><r xmlns='urn:xmpp:sm:3'/>");
            List<Element> answer = List.of(romeo.expect(), romeo.expect());
            assertThat(answer).containsExactlyInAnyOrder(
                    Element.builder("a", SM).attribute("h", "2").build(),
                    Element.builder("presence", Namespaces.CLIENT).attribute("from", "romeo@localhost/orchard").build());

            romeo.send("""
                    <a xmlns='urn:xmpp:sm:3' h='2'/>
                    <message to='juliet@localhost/balcony'>
                      <body>ciao!</body>
                    </message>
                    <r xmlns='urn:xmpp:sm:3'/>""");
            romeo.expectExactly("<a xmlns='urn:xmpp:sm:3' h='3'/>");
            assertThat(juliet.expectStanza("message").childText("body", Namespaces.CLIENT)).isEqualTo("ciao!");

            // the server counted two stanzas sent, both acknowledged: one more is too many (§6)
            romeo.send("<a xmlns='urn:xmpp:sm:3' h='3'/>");
            Element error = romeo.expectStreamError(StreamErrorCondition.UNDEFINED_CONDITION);
            assertThat(error.child("handled-count-too-high", SM).attributes())
                    .containsEntry("h", "3").containsEntry("send-count", "2");
            juliet.closeStream();
        }
    }

    @Test
    void theServerAsksForAnAckEveryFiveStanzasAndAfterAPause() throws Exception {
        // §4, §8.2: "request acks periodically (e.g., every 5 stanzas)"
        try (RawXmppClient romeo = romeo("orchard"); RawXmppClient juliet = juliet()) {
            romeo.send("<enable xmlns='urn:xmpp:sm:3'/>");
            romeo.expectElement("enabled", SM);
            for (int i = 1; i <= 5; i++) {
                juliet.send("<message to='romeo@localhost/orchard' id='m" + i + "'><body>" + i + "</body></message>");
            }
            for (int i = 1; i <= 5; i++) {
                assertThat(romeo.expectStanza("message").attribute("id")).isEqualTo("m" + i);
            }
            romeo.expectExactly("<r xmlns='urn:xmpp:sm:3'/>");
            romeo.send("<a xmlns='urn:xmpp:sm:3' h='5'/>");
            romeo.expectNothing(QUIET);

            juliet.send("<message to='romeo@localhost/orchard' id='m6'><body>6</body></message>");
            assertThat(romeo.expectStanza("message").attribute("id")).isEqualTo("m6");
            Element r = romeo.expect(Duration.ofMillis(5000)); // within the 2 s delay, with slack
            assertThat(r).isEqualTo(Element.empty("r", SM));
            romeo.send("<a xmlns='urn:xmpp:sm:3' h='6'/>");
            romeo.send("<r xmlns='urn:xmpp:sm:3'/>");
            romeo.expectExactly("<a xmlns='urn:xmpp:sm:3' h='0'/>");
            romeo.closeStream();
            juliet.closeStream();
        }
    }

    @Test
    void handledCountTooHigh() throws Exception {
        try (RawXmppClient romeo = romeo("orchard")) {
            romeo.send("<enable xmlns='urn:xmpp:sm:3'/>");
            romeo.expectElement("enabled", SM);
            for (int i = 1; i <= 8; i++) {
                romeo.send(ping("p" + i));
            }
            for (int i = 1; i <= 8; i++) {
                romeo.expectStanza("iq");
                if (i == 5) {
                    romeo.expectElement("r", SM); // right after the fifth
                }
            }
            // §6, Example 22
            romeo.send("<a xmlns='urn:xmpp:sm:3' h='10'/>");
            Element error = romeo.expectStreamError(StreamErrorCondition.UNDEFINED_CONDITION);
            assertThat(error.child("handled-count-too-high", SM))
                    .isEqualTo(Element.builder("handled-count-too-high", SM)
                            .attribute("h", "10").attribute("send-count", "8").build());
            assertThat(error.childText("text", Namespaces.STREAMS))
                    .isEqualTo("You acknowledged 10 stanzas, but I only sent you 8 so far.");
        }
    }

    @Test
    void acksBeforeEnablingAreNotUnderstood() throws Exception {
        try (RawXmppClient romeo = romeo("orchard")) {
            romeo.send("<r xmlns='urn:xmpp:sm:3'/>");
            romeo.expectStreamError(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE);
        }
        try (RawXmppClient romeo = romeo("orchard")) {
            romeo.send("<a xmlns='urn:xmpp:sm:3' h='0'/>");
            romeo.expectStreamError(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE);
        }
    }

    @Test
    void anAckWithoutAnUnsignedIntIsMalformed() throws Exception {
        try (RawXmppClient romeo = romeo("orchard")) {
            romeo.send("<enable xmlns='urn:xmpp:sm:3'/>");
            romeo.expectElement("enabled", SM);
            romeo.send("<a xmlns='urn:xmpp:sm:3' h='-1'/>");
            romeo.expectStreamError(StreamErrorCondition.BAD_FORMAT);
        }
    }
}
