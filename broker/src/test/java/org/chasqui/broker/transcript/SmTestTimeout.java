package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XEP-0198 §4 and §5, when the session is not resumed: what romeo's phone ("orchard") never
 * acknowledged goes to his laptop ("garden") through Router.redeliver, then the laptop learns the
 * phone is unavailable. The server waits 1 s for resumption and allows 10 unacknowledged stanzas.
 */
class SmTestTimeout {

    static final String SM = "urn:xmpp:sm:3";
    static final Duration QUIET = Duration.ofMillis(300);
    static final Duration AFTER_TIMEOUT = Duration.ofSeconds(5);
    static final String PASSWORD = "wherefore art thou";

    @TempDir
    static Path dataDir;
    static TestServer server;
    RawXmppClient garden;
    RawXmppClient juliet;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir, c -> c.withC2s(c.c2s().withSmResumeTimeoutSeconds(1).withSmMaxUnackedStanzas(10)));
        server.addUser("romeo", PASSWORD);
        server.addUser("juliet", "a rose by any other name");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void laptopAndJulietAreOnline() throws Exception {
        garden = RawXmppClient.login(server, "romeo", PASSWORD, "garden");
        garden.send("<presence/>");
        garden.expectStanza("presence");
        juliet = RawXmppClient.login(server, "juliet", "a rose by any other name", "balcony");
    }

    @AfterEach
    void nothingElseHappened() {
        juliet.expectNothing(QUIET);
        garden.expectNothing(Duration.ZERO);
        juliet.closeStream();
        garden.closeStream();
    }

    private RawXmppClient phone(String enable) throws Exception {
        RawXmppClient orchard = RawXmppClient.login(server, "romeo", PASSWORD, "orchard");
        orchard.send(enable);
        orchard.expectElement("enabled", SM);
        orchard.send("<presence/>");
        orchard.expectStanza("presence"); // its own (RFC 6121 §4.2.2)
        orchard.expectStanza("presence"); // the laptop's
        garden.expectStanza("presence");
        orchard.send("<a xmlns='urn:xmpp:sm:3' h='2'/>");
        // the server has processed that ack once it answers a request sent after it (same stream):
        // without this, juliet's messages could count against the bound before the ack lands
        orchard.send("<r xmlns='urn:xmpp:sm:3'/>");
        orchard.expectElement("a", SM);
        return orchard;
    }

    private void fromJuliet(String id, String body) {
        juliet.send("<message to='romeo@localhost/orchard' type='chat' id='" + id + "'><body>" + body + "</body></message>");
    }

    private static void expectMessage(RawXmppClient client, Duration within, String id, String body) {
        Element message = client.expect(within);
        assertThat(message.name()).as(message.toString()).isEqualTo("message");
        assertThat(message.attribute("id")).isEqualTo(id);
        assertThat(message.childText("body", Namespaces.CLIENT)).isEqualTo(body);
        assertThat(message.attribute("from")).isEqualTo("juliet@localhost/balcony");
    }

    private void expectUnavailableOrchard(Duration within) {
        Element presence = garden.expect(within);
        assertThat(presence).isEqualTo(Element.builder("presence", Namespaces.CLIENT)
                .attribute("from", "romeo@localhost/orchard").attribute("type", "unavailable").build());
    }

    @Test
    void anUnresumedSessionHandsItsMessagesToAnotherResourceThenGoesUnavailable() throws Exception {
        RawXmppClient orchard = phone("<enable xmlns='urn:xmpp:sm:3' resume='true'/>");
        fromJuliet("m1", "before");
        expectMessage(orchard, RawXmppClient.TIMEOUT, "m1", "before"); // never acknowledged
        orchard.dropConnection();
        fromJuliet("m2", "while away"); // queued by the waiting session, not bounced
        juliet.expectNothing(QUIET);
        garden.expectNothing(Duration.ZERO);

        // after the 1 s timeout: leave the registry, redeliver, then the unavailable presence
        expectMessage(garden, AFTER_TIMEOUT, "m1", "before");
        expectMessage(garden, QUIET, "m2", "while away");
        expectUnavailableOrchard(QUIET);
        try (RawXmppClient late = RawXmppClient.connectWithTls("romeo", server)) {
            late.authenticateScram("romeo", PASSWORD, "SCRAM-SHA-256");
            late.send("<resume xmlns='urn:xmpp:sm:3' previd='whatever' h='2'/>");
            late.expectElement("failed", SM);
            late.closeStream();
        }
        // now the full JID is gone: a message to it goes to the bare JID (RFC 6121 §8.5.3.2.1)
        fromJuliet("m3", "after");
        expectMessage(garden, RawXmppClient.TIMEOUT, "m3", "after");
    }

    @Test
    void theResumptionIdExpiresWithTheSession() throws Exception {
        RawXmppClient orchard = RawXmppClient.login(server, "romeo", PASSWORD, "orchard");
        orchard.send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>");
        String id = orchard.expectElement("enabled", SM).attribute("id");
        orchard.dropConnection();
        Thread.sleep(2500);
        try (RawXmppClient late = RawXmppClient.connectWithTls("romeo", server)) {
            late.authenticateScram("romeo", PASSWORD, "SCRAM-SHA-256");
            late.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='0'/>");
            late.expectExactly("""
                    <failed xmlns='urn:xmpp:sm:3'>
                      <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                    </failed>""");
            late.closeStream();
        }
    }

    @Test
    void withoutResumptionTheSessionEndsWithItsConnection() throws Exception {
        RawXmppClient orchard = phone("<enable xmlns='urn:xmpp:sm:3'/>");
        fromJuliet("m1", "unacknowledged");
        expectMessage(orchard, RawXmppClient.TIMEOUT, "m1", "unacknowledged");
        orchard.dropConnection();
        expectMessage(garden, RawXmppClient.TIMEOUT, "m1", "unacknowledged");
        expectUnavailableOrchard(QUIET);
    }

    @Test
    void anAcknowledgedMessageIsNotDeliveredTwice() throws Exception {
        RawXmppClient orchard = phone("<enable xmlns='urn:xmpp:sm:3'/>");
        fromJuliet("m1", "seen");
        expectMessage(orchard, RawXmppClient.TIMEOUT, "m1", "seen");
        fromJuliet("m2", "not seen");
        expectMessage(orchard, RawXmppClient.TIMEOUT, "m2", "not seen");
        orchard.send("<a xmlns='urn:xmpp:sm:3' h='3'/>"); // two presences and "seen"
        orchard.dropConnection();
        expectMessage(garden, RawXmppClient.TIMEOUT, "m2", "not seen");
        expectUnavailableOrchard(QUIET);
    }

    @Test
    void anUnansweredRequestGetsServiceUnavailable() throws Exception {
        RawXmppClient orchard = phone("<enable xmlns='urn:xmpp:sm:3'/>");
        juliet.send("<iq type='get' id='v1' to='romeo@localhost/orchard'><query xmlns='jabber:iq:version'/></iq>");
        assertThat(orchard.expectStanza("iq").attribute("id")).isEqualTo("v1");
        orchard.dropConnection();
        Element error = juliet.expectStanza("iq");
        assertThat(error.attributes()).containsEntry("type", "error").containsEntry("id", "v1")
                .containsEntry("from", "romeo@localhost/orchard");
        assertThat(error.child("error", Namespaces.CLIENT).child("service-unavailable", Namespaces.STANZAS)).isNotNull();
        expectUnavailableOrchard(RawXmppClient.TIMEOUT);
    }

    @Test
    void pastTheUnacknowledgedBoundTheStreamEndsAndNothingIsLost() throws Exception {
        RawXmppClient orchard = phone("<enable xmlns='urn:xmpp:sm:3' resume='true'/>");
        orchard.ignoreAckRequests();
        for (int i = 1; i <= 11; i++) {
            fromJuliet("m" + i, "#" + i);
        }
        for (int i = 1; i <= 10; i++) {
            expectMessage(orchard, RawXmppClient.TIMEOUT, "m" + i, "#" + i);
        }
        orchard.expectStreamError(StreamErrorCondition.POLICY_VIOLATION);
        // no waiting for resumption after that: all eleven go to the laptop at once, in order
        for (int i = 1; i <= 11; i++) {
            expectMessage(garden, RawXmppClient.TIMEOUT, "m" + i, "#" + i);
        }
        expectUnavailableOrchard(QUIET);
    }

    @Test
    void messagesQueuedWhileWaitingCountTowardsTheBound() throws Exception {
        RawXmppClient orchard = phone("<enable xmlns='urn:xmpp:sm:3' resume='true'/>");
        orchard.dropConnection();
        for (int i = 1; i <= 11; i++) {
            fromJuliet("m" + i, "#" + i);
        }
        // the 11th ends the waiting session long before its timeout
        for (int i = 1; i <= 11; i++) {
            expectMessage(garden, Duration.ofMillis(900), "m" + i, "#" + i);
        }
        expectUnavailableOrchard(QUIET);
    }
}
