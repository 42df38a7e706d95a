package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.broker.transcript.Im.account;
import static org.chasqui.broker.transcript.Im.available;
import static org.chasqui.broker.transcript.Im.drain;
import static org.chasqui.broker.transcript.Im.expectInAnyOrder;
import static org.chasqui.broker.transcript.Im.rosterGet;
import static org.chasqui.broker.transcript.Im.settle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 6121 §4, presence, around romeo and his contacts, each test with its own accounts:
 * juliet (subscription "both"), benvolio ("from": he sees romeo's presence, romeo not his),
 * mercutio ("to", online from two resources), rosaline ("to", offline) and tybalt ("none").
 * Romeo's resource 'garden' is online before 'orchard' logs in. Then §8.5.2.1.1: which of romeo's
 * resources get a message to his bare JID, by presence priority.
 */
class PresenceTest {

    @TempDir
    static Path dataDir;
    static TestServer server;
    final List<RawXmppClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void closeClients() {
        Im.closeAll(clients.toArray(RawXmppClient[]::new));
    }

    private RawXmppClient online(String user, String resource) throws Exception {
        RawXmppClient c = Im.online(server, user, resource);
        clients.add(c);
        return c;
    }

    private RawXmppClient connect(String user, String resource) throws Exception {
        RawXmppClient c = Im.connect(server, user, resource);
        clients.add(c);
        return c;
    }

    /** {@code subscriber} asks for {@code contact}'s presence and gets it (RFC 6121 §3.1); all of it consumed. */
    private static void subscribe(RawXmppClient subscriber, RawXmppClient contact) {
        subscriber.send("<presence type='subscribe' to='" + Im.bare(contact.jid()) + "'/>");
        drain(subscriber, contact);
        contact.send("<presence type='subscribed' to='" + Im.bare(subscriber.jid()) + "'/>");
        drain(contact, subscriber, contact, subscriber);
    }

    /** Romeo's world, built while only 'garden' is online; see the class comment. */
    private final class World {
        final String romeo = account(server, "romeo");
        final String r = romeo + "@localhost";
        final RawXmppClient garden;
        final RawXmppClient juliet;
        final RawXmppClient benvolio;
        final RawXmppClient mercutioA;
        final RawXmppClient mercutioB;
        final RawXmppClient tybalt;
        final String rosaline;

        World() throws Exception {
            garden = online(romeo, "garden");
            juliet = online(account(server, "juliet"), "balcony");
            benvolio = online(account(server, "benvolio"), "street");
            mercutioA = online(account(server, "mercutio"), "a");
            mercutioB = online(Im.bare(mercutioA.jid()).split("@")[0], "b");
            tybalt = online(account(server, "tybalt"), "duel");
            String rosalineUser = account(server, "rosaline");
            RawXmppClient rosalineClient = online(rosalineUser, "away");
            rosaline = rosalineUser + "@localhost";
            mercutioB.send("<presence><show>away</show></presence>");
            drain(mercutioA, mercutioB);

            SubscriptionTest.mutual(garden, juliet);
            subscribe(benvolio, garden);
            subscribe(garden, mercutioA);
            drain(mercutioB);
            subscribe(garden, rosalineClient);
            Im.leave(rosalineClient);
            tybalt.send("<iq type='set' id='t1'><query xmlns='jabber:iq:roster'><item jid='" + r + "'/></query></iq>");
            garden.send("<iq type='set' id='t2'><query xmlns='jabber:iq:roster'><item jid='"
                    + Im.bare(tybalt.jid()) + "'/></query></iq>");
            drain(tybalt, garden, juliet, benvolio, mercutioA, mercutioB, garden);
        }

        List<RawXmppClient> others() {
            return List.of(juliet, benvolio, mercutioA, mercutioB, tybalt);
        }

        /** Proves that nobody got anything more. */
        void settleAll(RawXmppClient... romeos) {
            List<RawXmppClient> chain = new ArrayList<>(List.of(romeos));
            chain.add(garden);
            chain.addAll(others());
            chain.addAll(List.of(romeos));
            chain.add(garden);
            settle(chain.toArray(RawXmppClient[]::new));
        }
    }

    // ---- §4.2: initial presence ----

    @Test
    void initialPresenceGoesToSubscribersAndOwnResourcesAndProbesTheContacts() throws Exception {
        World w = new World();
        RawXmppClient orchard = connect(w.romeo, "orchard");
        rosterGet(orchard);

        // §4.2.1, Example 49
        orchard.send("<presence/>");
        // §4.2.2: back to the sender first, then to the user's other available resources ...
        orchard.expectExactly("<presence from='" + orchard.jid() + "'/>");
        w.garden.expectExactly("<presence from='" + orchard.jid() + "'/>");
        // ... and to every contact with a subscription 'from' or 'both' (Example 50), not to
        // mercutio ('to') or tybalt ('none')
        w.juliet.expectExactly("<presence from='" + orchard.jid() + "' to='" + Im.bare(w.juliet.jid()) + "'/>");
        w.benvolio.expectExactly("<presence from='" + orchard.jid() + "' to='" + Im.bare(w.benvolio.jid()) + "'/>");
        // §4.2.2 / §4.3.2: the probes to the contacts romeo is subscribed to are answered with the
        // presence of each of their available resources (Example 55), or unavailable presence when
        // none is (rosaline); garden's presence comes to the new resource as well
        expectInAnyOrder(orchard,
                "<presence from='" + w.garden.jid() + "' to='" + orchard.jid() + "'/>",
                "<presence from='" + w.juliet.jid() + "' to='" + orchard.jid() + "'/>",
                "<presence from='" + w.mercutioA.jid() + "' to='" + orchard.jid() + "'/>",
                "<presence from='" + w.mercutioB.jid() + "' to='" + orchard.jid() + "'><show>away</show></presence>",
                "<presence type='unavailable' from='" + w.rosaline + "' to='" + orchard.jid() + "'/>");
        w.settleAll(orchard);
    }

    // ---- §4.4: presence updates; §4.5: unavailable ----

    @Test
    void anUpdateAndTheEndOfTheSessionReachTheSameEntitiesAsInitialPresence() throws Exception {
        World w = new World();
        RawXmppClient orchard = online(w.romeo, "orchard");
        drain(orchard, w.garden, w.juliet, w.benvolio, orchard);

        // §4.4.1, Example 57
        orchard.send("<presence><show>away</show></presence>");
        // §4.4.2, Example 58
        orchard.expectExactly("<presence from='" + orchard.jid() + "'><show>away</show></presence>");
        w.garden.expectExactly("<presence from='" + orchard.jid() + "'><show>away</show></presence>");
        w.juliet.expectExactly("<presence from='" + orchard.jid() + "' to='" + Im.bare(w.juliet.jid()) + "'><show>away</show></presence>");
        w.benvolio.expectExactly("<presence from='" + orchard.jid() + "' to='" + Im.bare(w.benvolio.jid()) + "'><show>away</show></presence>");
        w.settleAll(orchard);

        // §4.5.1, Example 60: unavailable with a status, then the end of the stream
        orchard.send("<presence type='unavailable'><status>gone home</status></presence>");
        Im.leave(orchard);
        // §4.5.2, Example 61
        w.garden.expectExactly("<presence type='unavailable' from='" + orchard.jid() + "'><status>gone home</status></presence>");
        w.juliet.expectExactly("<presence type='unavailable' from='" + orchard.jid() + "' to='"
                + Im.bare(w.juliet.jid()) + "'><status>gone home</status></presence>");
        w.benvolio.expectExactly("<presence type='unavailable' from='" + orchard.jid() + "' to='"
                + Im.bare(w.benvolio.jid()) + "'><status>gone home</status></presence>");
        w.settleAll(); // once: the end of the stream after unavailable presence says nothing more
    }

    @Test
    void aLostConnectionIsUnavailablePresence() throws Exception {
        World w = new World();
        RawXmppClient orchard = online(w.romeo, "orchard");
        drain(orchard, w.garden, w.juliet, w.benvolio, orchard);

        Im.kill(orchard); // §4.5.2: the server finds the connection gone, without a closing stream
        w.garden.expectExactly("<presence type='unavailable' from='" + orchard.jid() + "'/>");
        w.juliet.expectExactly("<presence type='unavailable' from='" + orchard.jid() + "' to='" + Im.bare(w.juliet.jid()) + "'/>");
        w.benvolio.expectExactly("<presence type='unavailable' from='" + orchard.jid() + "' to='" + Im.bare(w.benvolio.jid()) + "'/>");
        w.settleAll();
    }

    @Test
    void aContactsPresenceGoesToEveryAvailableResourceButNotToOneThatIsOnlyConnected() throws Exception {
        World w = new World();
        RawXmppClient orchard = online(w.romeo, "orchard");
        RawXmppClient cave = connect(w.romeo, "cave"); // bound, asked for the roster, never available
        rosterGet(cave);
        drain(orchard, cave, w.garden, w.juliet, w.benvolio, orchard);

        // §4.4.2: juliet's update goes to romeo's bare JID, so to each available resource of his
        w.juliet.send("<presence><status>on the balcony</status></presence>");
        w.juliet.expectStanza("presence");
        String update = "<presence from='" + w.juliet.jid() + "' to='" + w.r + "'><status>on the balcony</status></presence>";
        orchard.expectExactly(update);
        w.garden.expectExactly(update);
        w.settleAll(orchard, cave);
    }

    // ---- §4.3: probes ----

    @Test
    void aProbeFromAClientIsAnsweredOnlyWhenSubscribed() throws Exception {
        World w = new World();
        // §4.3.1: a probe is normally the server's business, but one from a client is answered the
        // same way (§4.3.2): the contact's current presence, from each available resource
        w.garden.send("<presence type='probe' to='" + Im.bare(w.mercutioA.jid()) + "'/>");
        expectInAnyOrder(w.garden,
                "<presence from='" + w.mercutioA.jid() + "' to='" + w.garden.jid() + "'/>",
                "<presence from='" + w.mercutioB.jid() + "' to='" + w.garden.jid() + "'><show>away</show></presence>");
        // romeo is not subscribed to benvolio ('from') nor to tybalt ('none'): nothing is revealed
        w.garden.send("<presence type='probe' to='" + Im.bare(w.benvolio.jid()) + "'/>");
        w.garden.send("<presence type='probe' to='" + Im.bare(w.tybalt.jid()) + "'/>");
        w.garden.send("<presence type='probe' to='nobody@localhost'/>");
        w.settleAll();
    }

    // ---- §4.6: directed presence ----

    @Test
    void directedPresenceIsFollowedByUnavailableAtTheEnd() throws Exception {
        World w = new World();
        String nurseUser = account(server, "nurse");
        RawXmppClient nurse = online(nurseUser, "kitchen");
        RawXmppClient orchard = online(w.romeo, "orchard");
        drain(orchard, w.garden, w.juliet, w.benvolio, orchard);

        // §4.6.1, Example 64: directed presence to someone not in the roster, and to mercutio
        // (who does not get romeo's broadcasts, 'to' only)
        orchard.send("<presence to='" + nurse.jid() + "'><show>chat</show></presence>");
        orchard.send("<presence to='" + Im.bare(w.mercutioA.jid()) + "'/>");
        nurse.expectExactly("<presence from='" + orchard.jid() + "' to='" + nurse.jid() + "'><show>chat</show></presence>");
        w.mercutioA.expectExactly("<presence from='" + orchard.jid() + "' to='" + Im.bare(w.mercutioA.jid()) + "'/>");
        w.mercutioB.expectExactly("<presence from='" + orchard.jid() + "' to='" + Im.bare(w.mercutioA.jid()) + "'/>");
        // a presence update is a broadcast: it does not go to the directed-presence recipients
        orchard.send("<presence><show>dnd</show></presence>");
        orchard.expectStanza("presence");
        w.garden.expectStanza("presence");
        w.juliet.expectStanza("presence");
        w.benvolio.expectStanza("presence");
        w.settleAll(orchard, nurse);

        // §4.6.3: when the resource goes, those who got directed presence learn it too
        Im.kill(orchard);
        nurse.expectExactly("<presence type='unavailable' from='" + orchard.jid() + "' to='" + nurse.jid() + "'/>");
        w.mercutioA.expectExactly("<presence type='unavailable' from='" + orchard.jid() + "' to='" + Im.bare(w.mercutioA.jid()) + "'/>");
        w.mercutioB.expectExactly("<presence type='unavailable' from='" + orchard.jid() + "' to='" + Im.bare(w.mercutioA.jid()) + "'/>");
        w.garden.expectStanza("presence");
        w.juliet.expectStanza("presence");
        w.benvolio.expectStanza("presence");
        w.settleAll(nurse);
    }

    @Test
    void directedUnavailableEndsTheDirectedPresence() throws Exception {
        String romeo = account(server, "romeo");
        String nurseUser = account(server, "nurse");
        RawXmppClient nurse = online(nurseUser, "kitchen");
        RawXmppClient orchard = online(romeo, "orchard");
        orchard.send("<presence to='" + nurse.jid() + "'/>");
        nurse.expectExactly("<presence from='" + orchard.jid() + "' to='" + nurse.jid() + "'/>");
        orchard.send("<presence type='unavailable' to='" + nurse.jid() + "'/>");
        nurse.expectExactly("<presence type='unavailable' from='" + orchard.jid() + "' to='" + nurse.jid() + "'/>");
        Im.leave(orchard);
        settle(nurse); // §4.6.3: she already knows; no second unavailable
    }

    // ---- §4.7.2.3 priority and §8.5.2.1.1 ----

    @Test
    void aMessageToTheBareJidGoesToTheHighestPriorityAndNeverToANegativeOne() throws Exception {
        String romeo = account(server, "romeo");
        String r = romeo + "@localhost";
        RawXmppClient juliet = online(account(server, "juliet"), "balcony");
        RawXmppClient orchard = connect(romeo, "orchard");
        RawXmppClient garden = connect(romeo, "garden");
        RawXmppClient cave = connect(romeo, "cave");
        available(orchard, "<priority>1</priority>");
        available(garden, "<priority>5</priority>");
        available(cave, "<priority>-1</priority>");
        drain(orchard, garden, cave);

        // §8.5.2.1.1: normal and chat go to the highest-priority available resource
        juliet.send("<message to='" + r + "' type='chat' id='m1'><body>to the best of you</body></message>");
        juliet.send("<message to='" + r + "' id='m2'><body>normal</body></message>");
        garden.expectExactly("<message from='" + juliet.jid() + "' to='" + r + "' type='chat' id='m1'><body>to the best of you</body></message>");
        garden.expectExactly("<message from='" + juliet.jid() + "' to='" + r + "' id='m2'><body>normal</body></message>");
        // headline goes to every resource with a non-negative priority
        juliet.send("<message to='" + r + "' type='headline' id='m3'><body>news</body></message>");
        String headline = "<message from='" + juliet.jid() + "' to='" + r + "' type='headline' id='m3'><body>news</body></message>";
        orchard.expectExactly(headline);
        garden.expectExactly(headline);

        // equal highest priorities: each of them (the RFC lets the server pick one or all)
        available(orchard, "<priority>5</priority>");
        drain(orchard, garden, cave);
        juliet.send("<message to='" + r + "' type='chat' id='m4'><body>to both</body></message>");
        String both = "<message from='" + juliet.jid() + "' to='" + r + "' type='chat' id='m4'><body>to both</body></message>";
        orchard.expectExactly(both);
        garden.expectExactly(both);

        // a full JID reaches its resource whatever the priority (§8.5.3.1)
        juliet.send("<message to='" + cave.jid() + "' type='chat' id='m5'><body>only you</body></message>");
        cave.expectExactly("<message from='" + juliet.jid() + "' to='" + cave.jid() + "' type='chat' id='m5'><body>only you</body></message>");

        // only the negative one left: never delivered to it (§8.5.2.2.1: stored offline, XEP-0160)
        Im.leave(orchard);
        Im.leave(garden);
        drain(cave);
        juliet.send("<message to='" + r + "' type='chat' id='m6'><body>later</body></message>");
        settle(juliet, cave);
        available(cave, "<priority>0</priority>");
        Element stored = cave.expectStanza("message");
        assertThat(stored.attribute("id")).isEqualTo("m6");
        assertThat(stored.child("delay", "urn:xmpp:delay")).isNotNull();
        assertThat(stored.childText("body", Namespaces.CLIENT)).isEqualTo("later");
        settle(juliet, cave);
    }
}
