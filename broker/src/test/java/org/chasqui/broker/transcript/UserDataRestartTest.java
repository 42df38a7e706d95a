package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.Rosters;
import org.chasqui.broker.testing.TestClock;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block lists (XEP-0191 §3.3: "applies across sessions"), vCards (XEP-0054) and last activity
 * (XEP-0012) live in the user journal: a server restarted on the same data has them, and routing
 * enforces the block lists it replayed before anyone sets one again.
 */
class UserDataRestartTest {

    static final String VCARD = "<vCard xmlns='vcard-temp'><FN>Juliet Capulet</FN><NICKNAME>jc</NICKNAME></vCard>";

    @TempDir
    Path dataDir;
    TestServer server;
    final TestClock clock = new TestClock(Instant.parse("2026-06-01T12:00:00Z"));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void blockListVCardAndLastActivitySurviveARestart() throws Exception {
        server = TestServer.start(dataDir, UnaryOperator.identity(), clock);
        server.addUser("juliet", "juliet-pw");
        server.addUser("romeo", "romeo-pw");
        server.addUser("nurse", "nurse-pw");
        Rosters.oneWay(server, "nurse", "juliet"); // the nurse may see Juliet's presence
        try (RawXmppClient balcony = RawXmppClient.login(server, "juliet", "juliet-pw", "balcony")) {
            balcony.send("<iq type='set' id='v'>" + VCARD + "</iq>");
            assertThat(balcony.expectStanza("iq").attribute("type")).isEqualTo("result");
            balcony.send("<iq type='set' id='b'><block xmlns='urn:xmpp:blocking'>"
                    + "<item jid='romeo@localhost'/><item jid='iago@shakespeare.lit/ensign'/></block></iq>");
            assertThat(balcony.expectStanza("iq").attribute("type")).isEqualTo("result");
            balcony.send("<presence/>");
            balcony.expectStanza("presence");
            balcony.send("<presence type='unavailable'><status>To the friar's cell</status></presence>");
            balcony.expectStanza("presence");
            balcony.closeStream();
        }

        server = server.restart();
        clock.advance(Duration.ofSeconds(60));

        try (RawXmppClient orchard = RawXmppClient.login(server, "romeo", "romeo-pw", "orchard");
             RawXmppClient nursery = RawXmppClient.login(server, "nurse", "nurse-pw", "nursery")) {
            // the replayed block list is enforced at once
            orchard.send("<message to='juliet@localhost' type='chat' id='m1'><body>Juliet?</body></message>");
            Element bounced = orchard.expectStanza("message");
            assertThat(bounced.attribute("type")).isEqualTo("error");
            assertThat(bounced.child("error", Namespaces.CLIENT).child("service-unavailable", Namespaces.STANZAS)).isNotNull();
            // the vCard is there for others
            nursery.send("<iq type='get' id='v1' to='juliet@localhost'><vCard xmlns='vcard-temp'/></iq>");
            nursery.expectExactly("<iq type='result' id='v1' from='juliet@localhost' to='nurse@localhost/nursery'>"
                    + VCARD + "</iq>");
            // and so is the time she left, with her status
            nursery.send("<iq type='get' id='l1' to='juliet@localhost'><query xmlns='jabber:iq:last'/></iq>");
            nursery.expectExactly("""
                    <iq type='result' id='l1' from='juliet@localhost' to='nurse@localhost/nursery'>
                      <query xmlns='jabber:iq:last' seconds='60'>To the friar's cell</query>
                    </iq>""");
            orchard.closeStream();
            nursery.closeStream();
        }

        try (RawXmppClient chamber = RawXmppClient.login(server, "juliet", "juliet-pw", "chamber")) {
            chamber.send("<iq type='get' id='bl'><blocklist xmlns='urn:xmpp:blocking'/></iq>");
            chamber.expectExactly("""
                    <iq type='result' id='bl' from='juliet@localhost' to='juliet@localhost/chamber'>
                      <blocklist xmlns='urn:xmpp:blocking'>
                        <item jid='romeo@localhost'/>
                        <item jid='iago@shakespeare.lit/ensign'/>
                      </blocklist>
                    </iq>""");
            chamber.send("<iq type='get' id='v2'><vCard xmlns='vcard-temp'/></iq>");
            chamber.expectExactly("<iq type='result' id='v2' from='juliet@localhost' to='juliet@localhost/chamber'>"
                    + VCARD + "</iq>");
            chamber.closeStream();
        }
    }
}
