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
import org.chasqui.broker.testing.TranscriptClients;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XEP-0012 Last Activity, from the spec's examples with montague.net and capulet.com replaced by our
 * one domain: romeo@localhost/orchard asks about juliet@localhost. The server's clock is a
 * {@link TestClock} that moves only when a test says so, so the seconds are exact.
 */
class LastActivityTest {

    static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    Path dataDir;
    TestServer server;
    final TestClock clock = new TestClock(Instant.parse("2026-06-01T12:00:00Z"));
    final TranscriptClients clients = new TranscriptClients();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dataDir, UnaryOperator.identity(), clock);
        TranscriptClients.addUsers(server, "juliet", "romeo", "nurse");
    }

    @AfterEach
    void stop() {
        clients.closeAll(QUIET);
        server.close();
    }

    private RawXmppClient login(String user, String resource) throws Exception {
        return clients.login(server, user, resource);
    }

    /** Juliet comes online and leaves with this status: the server records when (§3). */
    private void julietLeaves(String status) throws Exception {
        RawXmppClient balcony = RawXmppClient.login(server, "juliet", "juliet-pw", "balcony");
        balcony.send("<presence/>");
        balcony.expectStanza("presence");
        balcony.send("<presence type='unavailable'><status>" + status + "</status></presence>");
        balcony.expectStanza("presence");
        balcony.closeStream();
        balcony.close();
    }

    private static void ask(RawXmppClient c, String to) {
        c.send("<iq from='" + c.jid() + "' id='last1' to='" + to + "' type='get'><query xmlns='jabber:iq:last'/></iq>");
    }

    @Test
    void theServerAdvertisesLastActivity() throws Exception {
        RawXmppClient orchard = login("romeo", "orchard");
        // §6, Examples 8 and 9
        orchard.send("<iq from='romeo@localhost/orchard' to='localhost' id='disco1' type='get'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        Element result = orchard.expectStanza("iq");
        assertThat(result.child("query", Namespaces.DISCO_INFO).elements())
                .anyMatch(f -> f.is("feature", Namespaces.DISCO_INFO) && "jabber:iq:last".equals(f.attribute("var")));
    }

    @Test
    void theServerAnswersWithItsUptime() throws Exception {
        RawXmppClient orchard = login("romeo", "orchard");
        clock.advance(Duration.ofSeconds(123456));
        // §5, Examples 6 and 7: "the server has been running for a little more than 34 hours"
        orchard.send("""
                <iq from='romeo@localhost/orchard' id='last3' to='localhost' type='get'>
                  <query xmlns='jabber:iq:last'/>
                </iq>""");
        orchard.expectExactly("""
                <iq from='localhost' id='last3' to='romeo@localhost/orchard' type='result'>
                  <query xmlns='jabber:iq:last' seconds='123456'/>
                </iq>""");
    }

    @Test
    void aSubscribedContactLearnsWhenTheUserLeftAndWithWhatStatus() throws Exception {
        Rosters.oneWay(server, "romeo", "juliet"); // Juliet's roster: romeo, subscription 'from'
        julietLeaves("Heading Home");
        RawXmppClient orchard = login("romeo", "orchard");
        ask(orchard, "juliet@localhost");
        orchard.expectExactly("""
                <iq from='juliet@localhost' id='last1' to='romeo@localhost/orchard' type='result'>
                  <query xmlns='jabber:iq:last' seconds='0'>Heading Home</query>
                </iq>""");
        clock.advance(Duration.ofSeconds(903));
        // §3, Examples 1 and 3: "the user logged out fifteen minutes and three seconds ago"
        orchard.send("""
                <iq from='romeo@localhost/orchard' id='last1' to='juliet@localhost' type='get'>
                  <query xmlns='jabber:iq:last'/>
                </iq>""");
        orchard.expectExactly("""
                <iq from='juliet@localhost' id='last1' to='romeo@localhost/orchard' type='result'>
                  <query xmlns='jabber:iq:last' seconds='903'>Heading Home</query>
                </iq>""");
    }

    @Test
    void anEntityNotSubscribedToTheUsersPresenceIsForbidden() throws Exception {
        // Juliet sees the nurse's presence but not the other way round: the nurse may not ask
        Rosters.oneWay(server, "juliet", "nurse");
        julietLeaves("Heading Home");
        RawXmppClient nursery = login("nurse", "nursery");
        ask(nursery, "juliet@localhost");
        // §3, Example 2
        nursery.expectExactly("""
                <iq from='juliet@localhost' id='last1' to='nurse@localhost/nursery' type='error'>
                  <query xmlns='jabber:iq:last'/>
                  <error type='auth'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>
                </iq>""");
    }

    @Test
    void aConnectedUserWasActiveZeroSecondsAgo() throws Exception {
        Rosters.oneWay(server, "romeo", "juliet");
        julietLeaves("Heading Home");
        clock.advance(Duration.ofSeconds(903));
        // §3: "If the user has at least one connected or available resource ... 'seconds' ... '0'"
        RawXmppClient balcony = login("juliet", "balcony"); // connected, not (yet) available
        RawXmppClient orchard = login("romeo", "orchard");
        ask(orchard, "juliet@localhost");
        orchard.expectExactly("""
                <iq from='juliet@localhost' id='last1' to='romeo@localhost/orchard' type='result'>
                  <query xmlns='jabber:iq:last' seconds='0'/>
                </iq>""");
        balcony.send("<presence/>");
        balcony.expectStanza("presence");
        ask(orchard, "juliet@localhost");
        orchard.expectExactly("""
                <iq from='juliet@localhost' id='last1' to='romeo@localhost/orchard' type='result'>
                  <query xmlns='jabber:iq:last' seconds='0'/>
                </iq>""");
        // the user may ask about her own account
        ask(balcony, "juliet@localhost");
        assertThat(balcony.expectStanza("iq").child("query", "jabber:iq:last").attribute("seconds")).isEqualTo("0");
    }

    @Test
    void aUserNeverSeenLeavingHasNoLastActivity() throws Exception {
        Rosters.oneWay(server, "romeo", "juliet");
        RawXmppClient orchard = login("romeo", "orchard");
        ask(orchard, "juliet@localhost");
        Element error = orchard.expectStanza("iq");
        assertThat(error.attribute("type")).isEqualTo("error");
        assertThat(error.child("error", Namespaces.CLIENT).child("item-not-found", Namespaces.STANZAS)).isNotNull();
    }

    @Test
    void aBlockedContactLearnsNothing() throws Exception {
        Rosters.oneWay(server, "romeo", "juliet");
        julietLeaves("Heading Home");
        RawXmppClient balcony = login("juliet", "balcony");
        balcony.send("<iq type='set' id='b1'><block xmlns='urn:xmpp:blocking'><item jid='romeo@localhost'/></block></iq>");
        assertThat(balcony.expectStanza("iq").attribute("type")).isEqualTo("result");
        clients.logOut(balcony);
        // §8: "potentially as restricted by XEP-0016 or XEP-0191"; XEP-0191 §3.3 makes it look offline
        RawXmppClient orchard = login("romeo", "orchard");
        ask(orchard, "juliet@localhost");
        Element error = orchard.expectStanza("iq");
        assertThat(error.attribute("type")).isEqualTo("error");
        assertThat(error.child("error", Namespaces.CLIENT).child("service-unavailable", Namespaces.STANZAS)).isNotNull();
    }

    @Test
    void aQueryToAFullJidGoesToThatClient() throws Exception {
        RawXmppClient balcony = login("juliet", "balcony");
        RawXmppClient orchard = login("romeo", "orchard");
        // §4, Example 4: the client answers with its idle time, if it wants to
        ask(orchard, "juliet@localhost/balcony");
        balcony.expectExactly("""
                <iq from='romeo@localhost/orchard' id='last1' to='juliet@localhost/balcony' type='get'>
                  <query xmlns='jabber:iq:last'/>
                </iq>""");
    }

    @Test
    void onlyGetIsDefined() throws Exception {
        RawXmppClient orchard = login("romeo", "orchard");
        orchard.send("<iq id='s1' to='localhost' type='set'><query xmlns='jabber:iq:last' seconds='1'/></iq>");
        Element error = orchard.expectStanza("iq");
        assertThat(error.attribute("type")).isEqualTo("error");
        assertThat(error.child("error", Namespaces.CLIENT).child("bad-request", Namespaces.STANZAS)).isNotNull();
    }
}
