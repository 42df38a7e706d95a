package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * XEP-0198 §5 Resumption: romeo's phone ("orchard") loses its connection and comes back on a new
 * one. His laptop ("garden") is online and available throughout; juliet writes to him.
 */
class SmTestResumption {

    static final String SM = "urn:xmpp:sm:3";
    static final Duration QUIET = Duration.ofMillis(300);
    static final String PASSWORD = "wherefore art thou";

    @TempDir
    static Path dataDir;
    static TestServer server;
    RawXmppClient garden;
    RawXmppClient juliet;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir, c -> c.withC2s(c.c2s().withSmResumeTimeoutSeconds(60)));
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
        garden.expectStanza("presence"); // RFC 6121 §4.2.2: its own presence comes back
        juliet = RawXmppClient.login(server, "juliet", "a rose by any other name", "balcony");
    }

    @AfterEach
    void nothingElseHappened() {
        juliet.expectNothing(QUIET);
        garden.expectNothing(Duration.ZERO);
        juliet.closeStream();
        garden.closeStream();
    }

    /**
     * Romeo's phone: logged in, SM enabled with resumption, available; returns the SM-ID. It has been
     * sent two stanzas (RFC 6121 §4.2.2): its own presence, then the laptop's; the laptop sees it.
     */
    private String phoneOnline(RawXmppClient orchard) {
        orchard.send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>");
        Element enabled = orchard.expectElement("enabled", SM);
        orchard.send("<presence/>");
        assertThat(orchard.expectStanza("presence").attribute("from")).isEqualTo("romeo@localhost/orchard");
        assertThat(orchard.expectStanza("presence").attribute("from")).isEqualTo("romeo@localhost/garden");
        assertThat(garden.expectStanza("presence").attribute("from")).isEqualTo("romeo@localhost/orchard");
        return enabled.attribute("id");
    }

    private static RawXmppClient authenticated(String user, String password) throws Exception {
        RawXmppClient client = RawXmppClient.connectWithTls(user, server);
        client.authenticateScram(user, password, "SCRAM-SHA-256");
        return client;
    }

    private void fromJuliet(String id, String body) {
        juliet.send("<message to='romeo@localhost/orchard' type='chat' id='" + id + "'><body>" + body + "</body></message>");
    }

    private static String bodyOf(Element message) {
        assertThat(message.name()).as(message.toString()).isEqualTo("message");
        return message.childText("body", Namespaces.CLIENT);
    }

    @Test
    void aDroppedSessionIsResumedWithWhatCameMeanwhile() throws Exception {
        RawXmppClient orchard = RawXmppClient.login(server, "romeo", PASSWORD, "orchard");
        String id = phoneOnline(orchard);
        orchard.send("<a xmlns='urn:xmpp:sm:3' h='2'/>"); // the two presences
        fromJuliet("m1", "one");
        assertThat(bodyOf(orchard.expectStanza("message"))).isEqualTo("one"); // received, not yet acknowledged

        orchard.dropConnection();
        // the session is still bound: stanzas for its full JID are queued, not bounced
        fromJuliet("m2", "two");
        fromJuliet("m3", "three");
        juliet.send("<iq type='get' id='ping1' to='romeo@localhost/orchard'><ping xmlns='urn:xmpp:ping'/></iq>");
        juliet.expectNothing(QUIET);
        garden.expectNothing(Duration.ZERO); // and nobody hears it went away

        try (RawXmppClient back = authenticated("romeo", PASSWORD)) {
            back.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='3'/>"); // Example 15: it had "one"
            back.expectExactly("<resumed xmlns='urn:xmpp:sm:3' h='1' previd='" + id + "'/>"); // Example 16: the presence
            back.resumedAs("romeo@localhost/orchard");
            assertThat(bodyOf(back.expect())).isEqualTo("two");
            assertThat(bodyOf(back.expect())).isEqualTo("three");
            Element ping = back.expectStanza("iq");
            assertThat(ping.attribute("id")).isEqualTo("ping1");
            back.expectExactly("<r xmlns='urn:xmpp:sm:3'/>");
            back.ignoreAckRequests();
            back.send("<a xmlns='urn:xmpp:sm:3' h='6'/>");
            back.send("<iq type='result' id='ping1' to='juliet@localhost/balcony'/>");
            assertThat(juliet.expectStanza("iq").attribute("from")).isEqualTo("romeo@localhost/orchard");

            // the session goes on: routing, counters, presence
            fromJuliet("m4", "four");
            assertThat(bodyOf(back.expectStanza("message"))).isEqualTo("four");
            back.send("<r xmlns='urn:xmpp:sm:3'/>");
            back.expectExactly("<a xmlns='urn:xmpp:sm:3' h='2'/>");
            back.send("<a xmlns='urn:xmpp:sm:3' h='7'/>");
            back.closeStream();
        }
        assertThat(garden.expectStanza("presence").attributes()).containsEntry("from", "romeo@localhost/orchard")
                .containsEntry("type", "unavailable");
    }

    @Test
    void aResumedSessionCanBeResumedAgain() throws Exception {
        RawXmppClient orchard = RawXmppClient.login(server, "romeo", PASSWORD, "orchard");
        String id = phoneOnline(orchard);
        orchard.dropConnection();
        fromJuliet("m1", "one");
        try (RawXmppClient second = authenticated("romeo", PASSWORD)) {
            second.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='0'/>");
            second.expectElement("resumed", SM);
            assertThat(second.expectStanza("presence").attribute("from")).isEqualTo("romeo@localhost/orchard");
            assertThat(second.expectStanza("presence").attribute("from")).isEqualTo("romeo@localhost/garden");
            assertThat(bodyOf(second.expect())).isEqualTo("one");
            second.expectElement("r", SM);
            second.send("<a xmlns='urn:xmpp:sm:3' h='2'/>"); // only the presences
            second.dropConnection();
        }
        fromJuliet("m2", "two");
        try (RawXmppClient third = authenticated("romeo", PASSWORD)) {
            third.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='3'/>");
            third.expectExactly("<resumed xmlns='urn:xmpp:sm:3' h='1' previd='" + id + "'/>");
            assertThat(bodyOf(third.expect())).isEqualTo("two");
            third.expectElement("r", SM);
            third.send("<a xmlns='urn:xmpp:sm:3' h='4'/>");
            third.closeStream();
        }
        garden.expectStanza("presence"); // unavailable, once, at the clean close
    }

    @Test
    void anUnknownIdFailsAndTheClientMayBindInstead() throws Exception {
        try (RawXmppClient romeo = authenticated("romeo", PASSWORD)) {
            romeo.send("<resume xmlns='urn:xmpp:sm:3' previd='some-long-sm-id' h='0'/>");
            romeo.expectExactly("""
                    <failed xmlns='urn:xmpp:sm:3'>
                      <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                    </failed>"""); // Example 17
            assertThat(romeo.bind("orchard")).isEqualTo("romeo@localhost/orchard");
            romeo.closeStream();
        }
    }

    @Test
    void anotherUserCannotResumeIt() throws Exception {
        RawXmppClient orchard = RawXmppClient.login(server, "romeo", PASSWORD, "orchard");
        String id = phoneOnline(orchard);
        orchard.dropConnection();
        try (RawXmppClient thief = authenticated("juliet", "a rose by any other name")) {
            thief.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='0'/>");
            thief.expectExactly("""
                    <failed xmlns='urn:xmpp:sm:3'>
                      <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                    </failed>""");
            thief.closeStream();
        }
        try (RawXmppClient back = authenticated("romeo", PASSWORD)) {
            back.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='2'/>");
            back.expectExactly("<resumed xmlns='urn:xmpp:sm:3' h='1' previd='" + id + "'/>");
            back.closeStream();
        }
        garden.expectStanza("presence");
    }

    @Test
    void anImpossibleHIsRefusedAndTheSessionStaysResumable() throws Exception {
        RawXmppClient orchard = RawXmppClient.login(server, "romeo", PASSWORD, "orchard");
        String id = phoneOnline(orchard);
        orchard.dropConnection();
        try (RawXmppClient back = authenticated("romeo", PASSWORD)) {
            back.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='7'/>"); // only 2 were sent
            back.expectExactly("""
                    <failed xmlns='urn:xmpp:sm:3'>
                      <bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                    </failed>""");
            back.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='x'/>");
            back.expectExactly("""
                    <failed xmlns='urn:xmpp:sm:3'>
                      <bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                    </failed>""");
            back.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='2'/>");
            back.expectExactly("<resumed xmlns='urn:xmpp:sm:3' h='1' previd='" + id + "'/>");
            back.closeStream();
        }
        garden.expectStanza("presence");
    }

    @Test
    void resumeOnlyBetweenAuthenticationAndBinding() throws Exception {
        RawXmppClient orchard = RawXmppClient.login(server, "romeo", PASSWORD, "orchard");
        String id = phoneOnline(orchard);
        orchard.dropConnection();
        String failed = """
                <failed xmlns='urn:xmpp:sm:3'>
                  <unexpected-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                </failed>""";
        try (RawXmppClient early = RawXmppClient.connectWithTls("romeo", server)) {
            early.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='0'/>"); // §10: not before authentication
            early.expectExactly(failed);
            early.closeStream();
        }
        try (RawXmppClient late = RawXmppClient.login(server, "romeo", PASSWORD, "hall")) {
            late.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='0'/>");
            late.expectExactly(failed);
            late.closeStream();
        }
        try (RawXmppClient back = authenticated("romeo", PASSWORD)) {
            back.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='2'/>");
            back.expectElement("resumed", SM);
            back.send("<enable xmlns='urn:xmpp:sm:3'/>"); // already on, carried over
            back.expectExactly(failed);
            back.closeStream();
        }
        garden.expectStanza("presence");
    }

    @Test
    void aCleanCloseEndsTheSessionAndHandsBackWhatWasNotAcknowledged() throws Exception {
        RawXmppClient orchard = RawXmppClient.login(server, "romeo", PASSWORD, "orchard");
        String id = phoneOnline(orchard);
        fromJuliet("m1", "one");
        assertThat(bodyOf(orchard.expectStanza("message"))).isEqualTo("one");
        orchard.closeStream(); // §7: no acknowledgement, and a clean close
        // §4: treated as sent to an unavailable resource: the other resource gets it, then the presence
        Element again = garden.expectStanza("message");
        assertThat(bodyOf(again)).isEqualTo("one");
        assertThat(again.attribute("from")).isEqualTo("juliet@localhost/balcony");
        assertThat(garden.expectStanza("presence").attribute("type")).isEqualTo("unavailable");
        try (RawXmppClient back = authenticated("romeo", PASSWORD)) {
            back.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='2'/>");
            back.expectElement("failed", SM);
            back.closeStream();
        }
    }

    @Test
    void resumingWhileTheFormerStreamLooksOpenEndsItInConflict() throws Exception {
        RawXmppClient orchard = RawXmppClient.login(server, "romeo", PASSWORD, "orchard");
        String id = phoneOnline(orchard);
        orchard.send("<a xmlns='urn:xmpp:sm:3' h='2'/>");
        fromJuliet("m1", "one");
        assertThat(bodyOf(orchard.expectStanza("message"))).isEqualTo("one");
        try (RawXmppClient back = authenticated("romeo", PASSWORD)) {
            back.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='2'/>");
            back.expectExactly("<resumed xmlns='urn:xmpp:sm:3' h='1' previd='" + id + "'/>");
            assertThat(bodyOf(back.expect())).isEqualTo("one"); // not acknowledged on the old stream
            back.expectElement("r", SM);
            // §5, Example 18: the old stream ends; the session does not
            orchard.expectStreamError(StreamErrorCondition.CONFLICT);
            orchard.close();
            garden.expectNothing(QUIET);
            fromJuliet("m2", "two");
            assertThat(bodyOf(back.expect())).isEqualTo("two");
            back.send("<a xmlns='urn:xmpp:sm:3' h='4'/>");
            back.closeStream();
        }
        garden.expectStanza("presence");
    }

    @Test
    void bindingTheJidOfAWaitingSessionEndsIt() throws Exception {
        RawXmppClient orchard = RawXmppClient.login(server, "romeo", PASSWORD, "orchard");
        String id = phoneOnline(orchard);
        orchard.send("<a xmlns='urn:xmpp:sm:3' h='2'/>");
        fromJuliet("m1", "one");
        assertThat(bodyOf(orchard.expectStanza("message"))).isEqualTo("one");
        orchard.dropConnection();
        try (RawXmppClient fresh = RawXmppClient.login(server, "romeo", PASSWORD, "orchard")) {
            // the waiting session is replaced: what it had not delivered goes back to the account
            // (the laptop, the one available resource); the JID lives on, so no unavailable presence
            assertThat(bodyOf(garden.expectStanza("message"))).isEqualTo("one");
            fresh.expectNothing(QUIET);
            fresh.closeStream(); // it never sent presence: nothing to tell the laptop
        }
        try (RawXmppClient back = authenticated("romeo", PASSWORD)) {
            back.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='3'/>");
            back.expectElement("failed", SM);
            back.closeStream();
        }
    }

    @Test
    void stanzasHeldForAnInactiveClientAreSentAfterResumptionAndItIsActiveAgain() throws Exception {
        RawXmppClient orchard = RawXmppClient.login(server, "romeo", PASSWORD, "orchard");
        String id = phoneOnline(orchard);
        orchard.send("<inactive xmlns='urn:xmpp:csi:0'/><a xmlns='urn:xmpp:sm:3' h='2'/><r xmlns='urn:xmpp:sm:3'/>");
        orchard.expectExactly("<a xmlns='urn:xmpp:sm:3' h='1'/>"); // so <inactive/> was read before juliet writes
        juliet.send("<message to='romeo@localhost/orchard' type='chat'>"
                + "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>");
        orchard.expectNothing(QUIET); // held (XEP-0352)
        orchard.dropConnection();
        try (RawXmppClient back = authenticated("romeo", PASSWORD)) {
            back.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='2'/>");
            back.expectElement("resumed", SM);
            Element composing = back.expectStanza("message");
            assertThat(composing.child("composing", "http://jabber.org/protocol/chatstates")).isNotNull();
            back.expectElement("r", SM);
            // XEP-0352 §5.2: the resumed stream is active
            garden.send("<presence><show>away</show></presence>");
            garden.expectStanza("presence");
            assertThat(back.expectStanza("presence").attribute("from")).isEqualTo("romeo@localhost/garden");
            back.send("<a xmlns='urn:xmpp:sm:3' h='4'/>");
            back.closeStream();
        }
        garden.expectStanza("presence");
    }

    @Test
    void theResumedSessionKeepsItsPresencePriorityAndCarbons() throws Exception {
        RawXmppClient orchard = RawXmppClient.login(server, "romeo", PASSWORD, "orchard");
        String id = phoneOnline(orchard);
        orchard.send("<presence><show>dnd</show><priority>5</priority></presence>"
                + "<iq type='set' id='c1'><enable xmlns='urn:xmpp:carbons:2'/></iq>");
        assertThat(List.of(orchard.expect().name(), orchard.expect().name())) // the echo comes via the user shard
                .containsExactlyInAnyOrder("presence", "iq");
        assertThat(garden.expectStanza("presence").childText("show", Namespaces.CLIENT)).isEqualTo("dnd");
        orchard.dropConnection();
        try (RawXmppClient back = authenticated("romeo", PASSWORD)) {
            back.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='4'/>");
            back.expectElement("resumed", SM);
            back.ignoreAckRequests();

            // RFC 6121 §4.2.2: a new resource learns the others' last presence, the resumed one's included
            try (RawXmppClient hall = RawXmppClient.login(server, "romeo", PASSWORD, "hall")) {
                hall.send("<presence/>");
                Map<String, Element> seen = new HashMap<>();
                for (int i = 0; i < 3; i++) {
                    Element p = hall.expectStanza("presence");
                    seen.put(p.attribute("from"), p);
                }
                assertThat(seen.get("romeo@localhost/orchard").childText("show", Namespaces.CLIENT)).isEqualTo("dnd");
                assertThat(back.expectStanza("presence").attribute("from")).isEqualTo("romeo@localhost/hall");
                garden.expectStanza("presence");

                // priority 5 still wins a message to the bare JID (RFC 6121 §8.5.2.1.1)
                juliet.send("<message to='romeo@localhost' type='chat' id='b1'><body>to the account</body></message>");
                assertThat(bodyOf(back.expectStanza("message"))).isEqualTo("to the account");
                // and carbons are still on (XEP-0280 §7)
                juliet.send("<message to='romeo@localhost/garden' type='chat' id='g1'><body>to the laptop</body></message>");
                assertThat(bodyOf(garden.expectStanza("message"))).isEqualTo("to the laptop");
                Element copy = back.expectStanza("message");
                assertThat(copy.child("received", "urn:xmpp:carbons:2")).as(copy.toString()).isNotNull();
                hall.expectNothing(QUIET);
                hall.closeStream();
            }
            back.expectStanza("presence"); // hall's unavailable
            garden.expectStanza("presence");
            back.closeStream(); // without acknowledging the message and the copy
        }
        // §4: the message goes back to the account; the carbon copy does not (garden had the original)
        Element again = garden.expectStanza("message");
        assertThat(again.attribute("id")).isEqualTo("b1");
        assertThat(garden.expectStanza("presence").attribute("type")).isEqualTo("unavailable");
    }
}
