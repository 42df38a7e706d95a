package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.chasqui.broker.csi.CsiBuffer;
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
 * XEP-0352 Client State Indication: juliet's phone ("balcony") goes inactive. Her laptop ("chamber")
 * changes its presence (which the phone receives, RFC 6121 §4.2.2); the nurse sends chat states and
 * messages.
 */
class CsiTest {

    static final String CHATSTATES = "http://jabber.org/protocol/chatstates";
    static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    static Path dataDir;
    static TestServer server;
    RawXmppClient balcony;
    RawXmppClient chamber;
    RawXmppClient nurse;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
        server.addUser("juliet", "a rose by any other name");
        server.addUser("nurse", "anon, good nurse");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void online() throws Exception {
        balcony = RawXmppClient.login(server, "juliet", "a rose by any other name", "balcony");
        balcony.send("<presence/>");
        balcony.expectStanza("presence");
        chamber = RawXmppClient.login(server, "juliet", "a rose by any other name", "chamber");
        chamber.send("<presence/>");
        chamber.expectStanza("presence"); // its own (RFC 6121 §4.2.2)
        chamber.expectStanza("presence"); // the phone's
        balcony.expectStanza("presence");
        nurse = RawXmppClient.login(server, "nurse", "anon, good nurse", "kitchen");
    }

    @AfterEach
    void offline() {
        balcony.expectNothing(QUIET);
        chamber.expectNothing(Duration.ZERO);
        nurse.expectNothing(Duration.ZERO);
        for (RawXmppClient c : new RawXmppClient[] {balcony, chamber, nurse}) {
            c.closeStream();
            c.close();
        }
    }

    /** §4.2 Example 2; a ping answered means the server read {@code <inactive/>} before what follows. */
    private void goInactive() {
        balcony.send("<inactive xmlns='urn:xmpp:csi:0'/><iq type='get' id='sync' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertThat(balcony.expectStanza("iq").attribute("id")).isEqualTo("sync");
    }

    private void chamberShows(String show) {
        chamber.send("<presence><show>" + show + "</show></presence>");
        chamber.expectStanza("presence");
    }

    private void nurseTypes(String state) {
        nurse.send("<message to='juliet@localhost/balcony' type='chat'><" + state + " xmlns='" + CHATSTATES + "'/></message>");
    }

    private static String showOf(Element presence) {
        assertThat(presence.name()).as(presence.toString()).isEqualTo("presence");
        return presence.childText("show", Namespaces.CLIENT);
    }

    @Test
    void anInactiveClientGetsMessagesAtOnceAndOnlyTheNewestPresenceWhenActive() throws Exception {
        goInactive();
        chamberShows("away");
        try (RawXmppClient hall = RawXmppClient.login(server, "juliet", "a rose by any other name", "hall")) {
            hall.send("<presence><show>chat</show></presence>"); // a second sender
            for (int i = 0; i < 3; i++) {
                hall.expectStanza("presence"); // its own, then the phone's and the laptop's
            }
            chamber.expectStanza("presence");
            chamberShows("xa");
            nurseTypes("composing");
            balcony.expectNothing(QUIET);

            nurse.send("<message to='juliet@localhost/balcony' type='chat' id='m1'><body>Madam!</body></message>");
            Element message = balcony.expectStanza("message"); // a body: at once
            assertThat(message.attribute("id")).isEqualTo("m1");
            balcony.expectNothing(QUIET);

            // §4.2 Example 3, and §5.1: the held stanzas come out, in order, before the answer to the ping
            balcony.send("<active xmlns='urn:xmpp:csi:0'/>"
                    + "<iq type='get' id='ping1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
            Element first = balcony.expectStanza("presence");
            assertThat(first.attribute("from")).isEqualTo("juliet@localhost/hall");
            assertThat(showOf(first)).isEqualTo("chat");
            Element second = balcony.expectStanza("presence");
            assertThat(second.attribute("from")).isEqualTo("juliet@localhost/chamber");
            assertThat(showOf(second)).as("only the newest of 'away' and 'xa'").isEqualTo("xa");
            assertThat(balcony.expectStanza("message").child("composing", CHATSTATES)).isNotNull();
            assertThat(balcony.expectStanza("iq").attribute("id")).isEqualTo("ping1");

            chamberShows("dnd"); // active again: at once
            assertThat(showOf(balcony.expectStanza("presence"))).isEqualTo("dnd");
            hall.expectStanza("presence");
            hall.closeStream();
        }
        // hall's unavailable presence
        assertThat(balcony.expectStanza("presence").attribute("type")).isEqualTo("unavailable");
        assertThat(chamber.expectStanza("presence").attribute("type")).isEqualTo("unavailable");
    }

    @Test
    void requestsErrorsAndEncryptedMessagesAreNotHeld() {
        goInactive();
        nurse.send("<iq type='get' id='v1' to='juliet@localhost/balcony'><query xmlns='jabber:iq:version'/></iq>");
        assertThat(balcony.expectStanza("iq").attribute("id")).isEqualTo("v1");
        nurse.send("<message to='juliet@localhost/balcony' id='e1'><encrypted xmlns='eu.siacs.conversations.axolotl'>"
                + "<payload>aGk=</payload></encrypted></message>");
        assertThat(balcony.expectStanza("message").attribute("id")).isEqualTo("e1");
        balcony.send("<message to='nobody@localhost' id='x1'><body>?</body></message>");
        Element bounce = balcony.expectStanza("message"); // service-unavailable: an error is never held
        assertThat(bounce.attribute("type")).isEqualTo("error");
        balcony.send("<active xmlns='urn:xmpp:csi:0'/>");
    }

    @Test
    void carbonCopiesOfMessagesWithABodyAreNotHeld() {
        balcony.send("<iq type='set' id='c1'><enable xmlns='urn:xmpp:carbons:2'/></iq>");
        balcony.expectStanza("iq");
        goInactive();
        nurse.send("<message to='juliet@localhost/chamber' type='chat' id='m2'><body>your mother</body></message>");
        assertThat(chamber.expectStanza("message").attribute("id")).isEqualTo("m2");
        Element copy = balcony.expectStanza("message");
        assertThat(copy.child("received", "urn:xmpp:carbons:2")).as(copy.toString()).isNotNull();
        nurseTypes("paused");
        nurse.send("<message to='juliet@localhost/chamber' type='chat'><paused xmlns='" + CHATSTATES + "'/></message>");
        assertThat(chamber.expectStanza("message").child("paused", CHATSTATES)).isNotNull();
        balcony.expectNothing(QUIET); // a chat state and a carbon copy of one: held
        balcony.send("<active xmlns='urn:xmpp:csi:0'/>");
        assertThat(balcony.expectStanza("message").child("paused", CHATSTATES)).isNotNull();
        assertThat(balcony.expectStanza("message").child("received", "urn:xmpp:carbons:2")).isNotNull();
    }

    @Test
    void aFullBufferIsSentAtOnce() {
        goInactive();
        for (int i = 1; i < CsiBuffer.DEFAULT_CAPACITY; i++) {
            nurseTypes(i % 2 == 0 ? "composing" : "paused");
        }
        balcony.expectNothing(QUIET);
        nurseTypes("gone");
        for (int i = 1; i < CsiBuffer.DEFAULT_CAPACITY; i++) {
            Element m = balcony.expectStanza("message");
            assertThat(m.child(i % 2 == 0 ? "composing" : "paused", CHATSTATES)).as("#" + i).isNotNull();
        }
        assertThat(balcony.expectStanza("message").child("gone", CHATSTATES)).isNotNull();
        nurseTypes("active");
        balcony.expectNothing(QUIET); // still inactive: held again
        balcony.send("<active xmlns='urn:xmpp:csi:0'/>");
        assertThat(balcony.expectStanza("message").child("active", CHATSTATES)).isNotNull();
    }

    @Test
    void heldStanzasAreNotCountedByStreamManagementUntilWrittenAndGoBackToTheAccountAtTheEnd() throws Exception {
        balcony.send("<enable xmlns='urn:xmpp:sm:3'/>");
        balcony.expectElement("enabled", "urn:xmpp:sm:3");
        balcony.ignoreAckRequests();
        goInactive(); // the pong is stanza 1
        nurseTypes("composing");
        nurseTypes("paused");
        balcony.expectNothing(QUIET);
        balcony.send("<active xmlns='urn:xmpp:csi:0'/>");
        balcony.expectStanza("message");
        balcony.expectStanza("message");
        balcony.send("<a xmlns='urn:xmpp:sm:3' h='3'/>"); // all three written so far
        balcony.expectNothing(QUIET);
        goInactive(); // stanza 4
        nurseTypes("gone"); // held: not sent, so not 5
        balcony.expectNothing(QUIET);
        balcony.send("<a xmlns='urn:xmpp:sm:3' h='5'/>");
        Element error = balcony.expectStreamError(StreamErrorCondition.UNDEFINED_CONDITION);
        assertThat(error.child("handled-count-too-high", "urn:xmpp:sm:3").attribute("send-count")).isEqualTo("4");
        // the session is over: the message it held goes to the account's other resource, then its presence
        Element gone = chamber.expectStanza("message");
        assertThat(gone.child("gone", CHATSTATES)).isNotNull();
        assertThat(gone.attribute("from")).isEqualTo("nurse@localhost/kitchen");
        assertThat(chamber.expectStanza("presence").attribute("type")).isEqualTo("unavailable");
        balcony.close();
        balcony = RawXmppClient.login(server, "juliet", "a rose by any other name", "balcony");
    }

    @Test
    void stateIndicationNeedsAuthentication() throws Exception {
        try (RawXmppClient early = RawXmppClient.connectWithTls("juliet", server)) {
            early.send("<inactive xmlns='urn:xmpp:csi:0'/>");
            early.expectStreamError(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE);
        }
        try (RawXmppClient odd = RawXmppClient.login(server, "nurse", "anon, good nurse", "hall")) {
            odd.send("<busy xmlns='urn:xmpp:csi:0'/>");
            odd.expectStreamError(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE);
        }
    }
}
