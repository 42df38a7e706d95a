package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XEP-0280 Message Carbons, from the spec's examples with montague.example and capulet.example
 * replaced by our one domain: romeo@localhost/garden and romeo@localhost/home, juliet@localhost/balcony.
 */
class CarbonsTest {

    static final Duration QUIET = Duration.ofMillis(300);
    static final String CARBONS = "urn:xmpp:carbons:2";

    @TempDir
    static Path dataDir;
    static TestServer server;
    RawXmppClient garden;
    RawXmppClient home;
    RawXmppClient juliet;

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

    @BeforeEach
    void allAreOnline() throws Exception {
        garden = RawXmppClient.login(server, "romeo", "wherefore art thou", "garden");
        home = RawXmppClient.login(server, "romeo", "wherefore art thou", "home");
        juliet = RawXmppClient.login(server, "juliet", "a rose by any other name", "balcony");
    }

    @AfterEach
    void allLeave() {
        garden.expectNothing(QUIET);
        home.expectNothing(Duration.ZERO);
        juliet.expectNothing(Duration.ZERO);
        for (RawXmppClient c : new RawXmppClient[] {garden, home, juliet}) {
            c.closeStream();
            c.close();
        }
    }

    private static void enable(RawXmppClient client) {
        String id = "enable-" + client.jid();
        client.send("<iq type='set' id='" + id + "'><enable xmlns='" + CARBONS + "'/></iq>");
        Element result = client.expectStanza("iq");
        assertThat(result.attribute("type")).as(result.toString()).isEqualTo("result");
        assertThat(result.attribute("id")).isEqualTo(id);
    }

    // ---- §3, §4, §5 ----

    @Test
    void theServerAdvertisesCarbons() {
        // §3, Example 1
        garden.send("""
                <iq from='romeo@localhost/garden' id='info1' to='localhost' type='get'>
                  <query xmlns='http://jabber.org/protocol/disco#info'/>
                </iq>""");
        Element result = garden.expectStanza("iq");
        assertThat(result.attribute("type")).isEqualTo("result");
        assertThat(result.child("query", Namespaces.DISCO_INFO).elements())
                .anyMatch(f -> f.is("feature", Namespaces.DISCO_INFO) && CARBONS.equals(f.attribute("var")));
    }

    @Test
    void enablingIsAcknowledgedFromTheBareJid() {
        // §4, Examples 3 and 4
        garden.send("""
                <iq from='romeo@localhost/garden' id='enable1' type='set'>
                  <enable xmlns='urn:xmpp:carbons:2'/>
                </iq>""");
        garden.expectExactly("<iq from='romeo@localhost' id='enable1' to='romeo@localhost/garden' type='result'/>");
    }

    @Test
    void disablingIsAcknowledgedFromTheBareJid() {
        // §5, Examples 6 and 7
        garden.send("""
                <iq from='romeo@localhost/garden' id='disable1' type='set'>
                  <disable xmlns='urn:xmpp:carbons:2'/>
                </iq>""");
        garden.expectExactly("<iq from='romeo@localhost' id='disable1' to='romeo@localhost/garden' type='result'/>");
    }

    @Test
    void repeatedRequestsAreNotErrorsAndTheOwnBareJidMayBeAddressed() {
        // §10.1
        enable(garden);
        enable(garden);
        garden.send("<iq type='set' id='e3' to='romeo@localhost'><enable xmlns='" + CARBONS + "'/></iq>");
        garden.expectExactly("<iq from='romeo@localhost' id='e3' to='romeo@localhost/garden' type='result'/>");
    }

    // ---- §6, §7: copies ----

    @Test
    void aDirectedMessageIsCopiedToTheRecipientsOtherEnabledResources() {
        enable(home);
        enable(garden);
        // §7, Examples 9 and 10
        juliet.send("""
                <message from='juliet@localhost/balcony' to='romeo@localhost/garden' type='chat'>
                  <body>What man art thou that, thus bescreen'd in night, so stumblest on my counsel?</body>
                  <thread>0e3141cd80894871a68e6fe6b1ec56fa</thread>
                </message>""");
        garden.expectExactly("""
                <message from='juliet@localhost/balcony' to='romeo@localhost/garden' type='chat'>
                  <body>What man art thou that, thus bescreen'd in night, so stumblest on my counsel?</body>
                  <thread>0e3141cd80894871a68e6fe6b1ec56fa</thread>
                </message>""");
        home.expectExactly("""
                <message from='romeo@localhost' to='romeo@localhost/home' type='chat'>
                  <received xmlns='urn:xmpp:carbons:2'>
                    <forwarded xmlns='urn:xmpp:forward:0'>
                      <message xmlns='jabber:client' from='juliet@localhost/balcony' to='romeo@localhost/garden' type='chat'>
                        <body>What man art thou that, thus bescreen'd in night, so stumblest on my counsel?</body>
                        <thread>0e3141cd80894871a68e6fe6b1ec56fa</thread>
                      </message>
                    </forwarded>
                  </received>
                </message>""");
        // the recipient of the original gets no copy (§7): checked by allLeave
    }

    @Test
    void aSentMessageIsCopiedToTheSendersOtherEnabledResources() {
        enable(garden);
        // §8, Examples 12 and 13; the sender itself need not have carbons enabled
        home.send("""
                <message from='romeo@localhost/home' to='juliet@localhost/balcony' type='chat'>
                  <body>Neither, fair saint, if either thee dislike.</body>
                  <thread>0e3141cd80894871a68e6fe6b1ec56fa</thread>
                </message>""");
        juliet.expectStanza("message");
        garden.expectExactly("""
                <message from='romeo@localhost' to='romeo@localhost/garden' type='chat'>
                  <sent xmlns='urn:xmpp:carbons:2'>
                    <forwarded xmlns='urn:xmpp:forward:0'>
                      <message xmlns='jabber:client' to='juliet@localhost/balcony' from='romeo@localhost/home' type='chat'>
                        <body>Neither, fair saint, if either thee dislike.</body>
                        <thread>0e3141cd80894871a68e6fe6b1ec56fa</thread>
                      </message>
                    </forwarded>
                  </sent>
                </message>""");
    }

    @Test
    void theSendingResourceGetsNoCopyOfItsOwnMessage() {
        enable(home);
        home.send("<message to='juliet@localhost/balcony' type='chat'><body>only once</body></message>");
        juliet.expectStanza("message");
        home.expectNothing(QUIET);
    }

    @Test
    void aMessageToTheBareJidIsCopiedToEnabledResourcesThatDidNotGetIt() {
        // RFC 6121 §8.5.2.1.1: garden (available, priority 5) gets the original; home is not available
        garden.send("<presence><priority>5</priority></presence>");
        garden.expectStanza("presence");
        enable(home);
        juliet.send("<message to='romeo@localhost' type='chat'><body>art thou not Romeo?</body></message>");
        assertThat(garden.expectStanza("message").child("body", Namespaces.CLIENT).text()).isEqualTo("art thou not Romeo?");
        Element copy = home.expectStanza("message");
        Element forwarded = copy.child("received", CARBONS).child("forwarded", "urn:xmpp:forward:0");
        assertThat(forwarded.child("message", Namespaces.CLIENT).attribute("to")).isEqualTo("romeo@localhost");
    }

    @Test
    void resourcesThatGotTheOriginalFromTheBareJidGetNoCopy() {
        garden.send("<presence/>");
        garden.expectStanza("presence");
        home.send("<presence/>");
        home.expectStanza("presence");
        home.expectStanza("presence"); // RFC 6121 §4.2.2: the presence of 'garden'
        garden.expectStanza("presence");
        enable(garden);
        enable(home);
        juliet.send("<message to='romeo@localhost' type='chat'><body>both of you</body></message>");
        garden.expectStanza("message");
        home.expectStanza("message");
        // no copies: checked by allLeave
    }

    @Test
    void aNormalMessageWithABodyIsCopied() {
        // §6.1
        enable(home);
        juliet.send("<message to='romeo@localhost/garden'><body>normal</body></message>");
        garden.expectStanza("message");
        assertThat(home.expectStanza("message").child("received", CARBONS)).isNotNull();
    }

    @Test
    void aChatStateIsCopied() {
        // §6.1 (XEP-0085) and §10.2
        enable(home);
        juliet.send("<message to='romeo@localhost/garden'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>");
        garden.expectStanza("message");
        assertThat(home.expectStanza("message").child("received", CARBONS)).isNotNull();
    }

    @Test
    void messagesOutsideTheRulesAreNotCopied() {
        // §6.1: a normal message without body, a headline, a groupchat message, an error
        enable(home);
        juliet.send("<message to='romeo@localhost/garden'><subject>no body</subject></message>");
        juliet.send("<message to='romeo@localhost/garden' type='headline'><body>news</body></message>");
        juliet.send("<message to='romeo@localhost/garden' type='groupchat'><body>room</body></message>");
        juliet.send("<message to='romeo@localhost/garden' type='error'><error type='cancel'>"
                + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
        for (int i = 0; i < 4; i++) {
            garden.expectStanza("message");
        }
        home.expectNothing(QUIET);
    }

    @Test
    void aPrivateMessageIsNotCopied() {
        enable(garden);
        enable(juliet);
        // §9, Examples 14 and 15
        home.send("""
                <message from='romeo@localhost/home' to='juliet@localhost/balcony' type='chat'>
                  <body>Neither, fair saint, if either thee dislike.</body>
                  <thread>0e3141cd80894871a68e6fe6b1ec56fa</thread>
                  <private xmlns='urn:xmpp:carbons:2'/>
                  <no-copy xmlns='urn:xmpp:hints'/>
                </message>""");
        juliet.expectExactly("""
                <message from='romeo@localhost/home' to='juliet@localhost/balcony' type='chat'>
                  <body>Neither, fair saint, if either thee dislike.</body>
                  <thread>0e3141cd80894871a68e6fe6b1ec56fa</thread>
                  <private xmlns='urn:xmpp:carbons:2'/>
                  <no-copy xmlns='urn:xmpp:hints'/>
                </message>""");
        // and inbound: the private message juliet receives is not copied to romeo's other resources
        juliet.send("<message to='romeo@localhost/home' type='chat'><body>secret</body>"
                + "<private xmlns='urn:xmpp:carbons:2'/><no-copy xmlns='urn:xmpp:hints'/></message>");
        home.expectStanza("message");
    }

    @Test
    void aDisabledResourceGetsNoCopies() {
        enable(garden);
        garden.send("<iq type='set' id='off'><disable xmlns='" + CARBONS + "'/></iq>");
        garden.expectStanza("iq");
        juliet.send("<message to='romeo@localhost/home' type='chat'><body>inbound</body></message>");
        home.expectStanza("message");
        home.send("<message to='juliet@localhost/balcony' type='chat'><body>outbound</body></message>");
        juliet.expectStanza("message");
    }

    @Test
    void aResourceThatNeverEnabledGetsNoCopies() {
        juliet.send("<message to='romeo@localhost/home' type='chat'><body>inbound</body></message>");
        home.expectStanza("message");
        home.send("<message to='juliet@localhost/balcony' type='chat'><body>outbound</body></message>");
        juliet.expectStanza("message");
    }
}
