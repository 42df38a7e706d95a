package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.Rosters;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.broker.testing.TranscriptClients;
import org.chasqui.broker.testing.Xml;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XEP-0191 Blocking Command, from the spec's examples with capulet.com and montague.net replaced by
 * our one domain: juliet@localhost (resources chamber and balcony) blocks romeo@localhost. Each test
 * has a server of its own, so block lists and rosters start empty.
 */
class BlockingTest {

    static final Duration QUIET = Duration.ofMillis(300);
    static final String BLOCKING = "urn:xmpp:blocking";

    @TempDir
    Path dataDir;
    TestServer server;
    final TranscriptClients clients = new TranscriptClients();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dataDir);
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

    /** Sends initial presence and takes the stanzas it brings: the own presence back, then {@code more}. */
    private static void available(RawXmppClient c, int more) {
        c.send("<presence/>");
        for (int i = 0; i <= more; i++) {
            c.expectStanza("presence");
        }
    }

    private static void requestBlocklist(RawXmppClient c) {
        c.send("<iq type='get' id='bl-" + c.jid() + "'><blocklist xmlns='urn:xmpp:blocking'/></iq>");
        Element result = c.expectStanza("iq");
        assertThat(result.attribute("type")).as(result.toString()).isEqualTo("result");
    }

    private static void command(RawXmppClient c, String id, String payload) {
        c.send("<iq type='set' id='" + id + "'>" + payload + "</iq>");
        c.expectExactly("<iq type='result' id='" + id + "' from='" + bare(c) + "' to='" + c.jid() + "'/>");
    }

    private static void block(RawXmppClient c, String jid) {
        command(c, "block-" + jid, "<block xmlns='urn:xmpp:blocking'><item jid='" + jid + "'/></block>");
    }

    private static void unblock(RawXmppClient c, String jid) {
        command(c, "unblock-" + jid, "<unblock xmlns='urn:xmpp:blocking'><item jid='" + jid + "'/></unblock>");
    }

    /** A push (§3.3, §3.4, §3.5): exactly {@code xml} apart from the server's id, which must be there. */
    private static void expectPush(RawXmppClient c, String xml) {
        Element push = c.expectStanza("iq");
        assertThat(push.attribute("id")).as(push.toString()).isNotBlank();
        assertThat(Xml.withoutIndentation(push.withoutAttribute("id"))).as(c.transcript()).isEqualTo(Xml.stanza(xml));
    }

    private static String bare(RawXmppClient c) {
        return c.jid().substring(0, c.jid().indexOf('/'));
    }

    // ---- §3.1, §3.2 ----

    @Test
    void theServerAdvertisesBlocking() throws Exception {
        RawXmppClient chamber = login("juliet", "chamber");
        // Examples 1 and 2
        chamber.send("""
                <iq from='juliet@localhost/chamber' to='localhost' type='get' id='disco1'>
                  <query xmlns='http://jabber.org/protocol/disco#info'/>
                </iq>""");
        Element result = chamber.expectStanza("iq");
        assertThat(result.attribute("type")).isEqualTo("result");
        assertThat(result.child("query", Namespaces.DISCO_INFO).elements())
                .anyMatch(f -> f.is("feature", Namespaces.DISCO_INFO) && BLOCKING.equals(f.attribute("var")));
    }

    @Test
    void anEmptyBlockListIsAnEmptyElement() throws Exception {
        RawXmppClient chamber = login("juliet", "chamber");
        // Examples 3 and 5
        chamber.send("""
                <iq type='get' id='blocklist1'>
                  <blocklist xmlns='urn:xmpp:blocking'/>
                </iq>""");
        chamber.expectExactly("""
                <iq type='result' id='blocklist1' from='juliet@localhost' to='juliet@localhost/chamber'>
                  <blocklist xmlns='urn:xmpp:blocking'/>
                </iq>""");
    }

    // ---- §3.3 ----

    @Test
    void blockingIsAcknowledgedAndPushedToTheResourcesThatAskedForTheList() throws Exception {
        RawXmppClient chamber = login("juliet", "chamber");
        RawXmppClient balcony = login("juliet", "balcony");
        RawXmppClient hall = login("juliet", "hall"); // never asks for the list: no pushes
        requestBlocklist(chamber);
        requestBlocklist(balcony);
        // Examples 6, 7 and 8, with two items at once ("The <block/> element MAY contain more than one")
        chamber.send("""
                <iq from='juliet@localhost/chamber' type='set' id='block1'>
                  <block xmlns='urn:xmpp:blocking'>
                    <item jid='romeo@localhost'/>
                    <item jid='iago@shakespeare.lit'/>
                  </block>
                </iq>""");
        for (RawXmppClient c : List.of(chamber, balcony)) {
            expectPush(c, """
                    <iq to='%s' type='set'>
                      <block xmlns='urn:xmpp:blocking'>
                        <item jid='romeo@localhost'/>
                        <item jid='iago@shakespeare.lit'/>
                      </block>
                    </iq>""".formatted(c.jid()));
        }
        // the pushes go out first, so that a client keeping its list from them is current
        chamber.expectExactly("<iq type='result' id='block1' from='juliet@localhost' to='juliet@localhost/chamber'/>");
        hall.expectNothing(QUIET);
        // Examples 3 and 4
        chamber.send("<iq type='get' id='blocklist1'><blocklist xmlns='urn:xmpp:blocking'/></iq>");
        chamber.expectExactly("""
                <iq type='result' id='blocklist1' from='juliet@localhost' to='juliet@localhost/chamber'>
                  <blocklist xmlns='urn:xmpp:blocking'>
                    <item jid='romeo@localhost'/>
                    <item jid='iago@shakespeare.lit'/>
                  </blocklist>
                </iq>""");
    }

    @Test
    void blockingWithoutItemsIsABadRequest() throws Exception {
        RawXmppClient chamber = login("juliet", "chamber");
        requestBlocklist(chamber);
        // §3.3: "If the <block/> element does not contain at least one <item/> child element, the server
        // MUST return a bad-request error."
        chamber.send("<iq type='set' id='block2'><block xmlns='urn:xmpp:blocking'/></iq>");
        Element error = chamber.expectStanza("iq");
        assertThat(error.attribute("type")).isEqualTo("error");
        assertThat(error.child("error", Namespaces.CLIENT).child("bad-request", Namespaces.STANZAS)).isNotNull();
        // nothing was pushed: checked when the test ends
    }

    @Test
    void anItemThatIsNotAJidIsJidMalformed() throws Exception {
        RawXmppClient chamber = login("juliet", "chamber");
        chamber.send("""
                <iq type='set' id='block3'>
                  <block xmlns='urn:xmpp:blocking'><item jid='romeo@localhost'/><item jid='@montague.net'/></block>
                </iq>""");
        Element error = chamber.expectStanza("iq");
        assertThat(error.attribute("type")).isEqualTo("error");
        assertThat(error.child("error", Namespaces.CLIENT).child("jid-malformed", Namespaces.STANZAS)).isNotNull();
        // and nothing of the command took effect
        chamber.send("<iq type='get' id='bl'><blocklist xmlns='urn:xmpp:blocking'/></iq>");
        chamber.expectExactly("""
                <iq type='result' id='bl' from='juliet@localhost' to='juliet@localhost/chamber'>
                  <blocklist xmlns='urn:xmpp:blocking'/>
                </iq>""");
    }

    @Test
    void nobodyManagesAnotherUsersList() throws Exception {
        RawXmppClient orchard = login("romeo", "orchard");
        orchard.send("<iq type='get' id='peek' to='juliet@localhost'><blocklist xmlns='urn:xmpp:blocking'/></iq>");
        Element error = orchard.expectStanza("iq");
        assertThat(error.attribute("type")).isEqualTo("error");
        assertThat(error.child("error", Namespaces.CLIENT).child("forbidden", Namespaces.STANZAS)).isNotNull();
    }

    @Test
    void aBlockedJidsMessagesAreNotDeliveredButBouncedAsIfTheUserWereOffline() throws Exception {
        RawXmppClient chamber = login("juliet", "chamber");
        RawXmppClient orchard = login("romeo", "orchard");
        available(chamber, 0);
        block(chamber, "romeo@localhost");
        // §3.3: "For message stanzas, the server SHOULD return an error, which SHOULD be service-unavailable."
        orchard.send("<message to='juliet@localhost' type='chat' id='m1'><body>Juliet?</body></message>");
        orchard.expectExactly("""
                <message from='juliet@localhost' to='romeo@localhost/orchard' type='error' id='m1'>
                  <body>Juliet?</body>
                  <error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>
                </message>""");
        orchard.send("<message to='juliet@localhost/chamber' id='m2'><body>Juliet!</body></message>");
        Element error = orchard.expectStanza("message");
        assertThat(error.attribute("type")).isEqualTo("error");
        assertThat(error.attribute("id")).isEqualTo("m2");
        chamber.expectNothing(QUIET);
        // §3.4: once unblocked, what Romeo sends is delivered again
        unblock(chamber, "romeo@localhost");
        orchard.send("<message to='juliet@localhost' type='chat' id='m3'><body>Juliet!!</body></message>");
        assertThat(chamber.expectStanza("message").attribute("id")).isEqualTo("m3");
    }

    @Test
    void aBlockedJidsMessagesAreNotStoredForAnOfflineUser() throws Exception {
        RawXmppClient chamber = login("juliet", "chamber");
        RawXmppClient orchard = login("romeo", "orchard");
        block(chamber, "romeo@localhost");
        // Juliet is not available: without the block this message would go to offline storage
        orchard.send("<message to='juliet@localhost' type='chat' id='m1'><body>later?</body></message>");
        Element error = orchard.expectStanza("message");
        assertThat(error.attribute("type")).isEqualTo("error");
        assertThat(error.child("error", Namespaces.CLIENT).child("service-unavailable", Namespaces.STANZAS)).isNotNull();
        available(chamber, 0); // no stored message follows: checked when the test ends
    }

    @Test
    void aBlockedJidsIqRequestsGetServiceUnavailableAndItsResponsesAreDropped() throws Exception {
        RawXmppClient chamber = login("juliet", "chamber");
        RawXmppClient orchard = login("romeo", "orchard");
        block(chamber, "romeo@localhost");
        // §3.3: "For IQ stanzas of type "get" or "set", the server MUST return an error, which SHOULD be
        // service-unavailable. IQ stanzas of other types MUST be silently dropped by the server."
        orchard.send("<iq type='get' id='ping1' to='juliet@localhost/chamber'><ping xmlns='urn:xmpp:ping'/></iq>");
        orchard.expectExactly("""
                <iq type='error' id='ping1' from='juliet@localhost/chamber' to='romeo@localhost/orchard'>
                  <ping xmlns='urn:xmpp:ping'/>
                  <error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>
                </iq>""");
        // the server's answers for Juliet's account (here her vCard) are refused the same way
        orchard.send("<iq type='get' id='v1' to='juliet@localhost'><vCard xmlns='vcard-temp'/></iq>");
        Element vcard = orchard.expectStanza("iq");
        assertThat(vcard.attribute("type")).isEqualTo("error");
        assertThat(vcard.child("error", Namespaces.CLIENT).child("service-unavailable", Namespaces.STANZAS)).isNotNull();
        orchard.send("<iq type='result' id='whatever' to='juliet@localhost/chamber'/>");
        orchard.send("<iq type='error' id='whatever2' to='juliet@localhost/chamber'>"
                + "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
        // nothing for Juliet, nothing back to Romeo: checked when the test ends
    }

    @Test
    void whatTheUserSendsToABlockedJidComesBackNotAcceptable() throws Exception {
        RawXmppClient chamber = login("juliet", "chamber");
        RawXmppClient orchard = login("romeo", "orchard");
        available(orchard, 0);
        block(chamber, "romeo@localhost");
        // §3.3, Example "Error: JID is blocked"
        chamber.send("<message to='romeo@localhost'><body>Can you hear me now?</body></message>");
        chamber.expectExactly("""
                <message type='error' from='romeo@localhost' to='juliet@localhost/chamber'>
                  <body>Can you hear me now?</body>
                  <error type='cancel'>
                    <not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                    <blocked xmlns='urn:xmpp:blocking:errors'/>
                  </error>
                </message>""");
        chamber.send("<iq type='get' id='ping2' to='romeo@localhost/orchard'><ping xmlns='urn:xmpp:ping'/></iq>");
        chamber.expectExactly("""
                <iq type='error' id='ping2' from='romeo@localhost/orchard' to='juliet@localhost/chamber'>
                  <ping xmlns='urn:xmpp:ping'/>
                  <error type='cancel'>
                    <not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                    <blocked xmlns='urn:xmpp:blocking:errors'/>
                  </error>
                </iq>""");
        chamber.send("<presence to='romeo@localhost/orchard'/>");
        Element presence = chamber.expectStanza("presence");
        assertThat(presence.attribute("type")).isEqualTo("error");
        assertThat(presence.child("error", Namespaces.CLIENT).child("blocked", "urn:xmpp:blocking:errors")).isNotNull();
        chamber.send("<presence to='romeo@localhost' type='subscribe'/>");
        Element subscribe = chamber.expectStanza("presence");
        assertThat(subscribe.attribute("type")).isEqualTo("error");
        assertThat(subscribe.child("error", Namespaces.CLIENT).child("not-acceptable", Namespaces.STANZAS)).isNotNull();
        // Romeo receives none of it: checked when the test ends
    }

    @Test
    void aBlockedJidsPresenceAndSubscriptionRequestsAreDroppedSilently() throws Exception {
        RawXmppClient chamber = login("juliet", "chamber");
        RawXmppClient orchard = login("romeo", "orchard");
        available(chamber, 0);
        block(chamber, "romeo@localhost");
        // §3.3: "For presence stanzas (including notifications, subscriptions, and probes), the server
        // MUST NOT respond and MUST NOT return an error."
        orchard.send("<presence to='juliet@localhost/chamber'/>");
        orchard.send("<presence to='juliet@localhost' type='subscribe'/>");
        orchard.send("<presence to='juliet@localhost' type='probe'/>");
        chamber.expectNothing(QUIET);
        orchard.expectNothing(Duration.ZERO);
        // the request was not kept either: Juliet's next session is not shown it
        RawXmppClient balcony = login("juliet", "balcony");
        available(balcony, 1); // her own presence and chamber's, nothing else
        chamber.expectStanza("presence"); // balcony's
    }

    @Test
    void blockingAndUnblockingAContactChangesWhatItSeesOfTheUsersPresence() throws Exception {
        Rosters.mutual(server, "juliet", "romeo");
        RawXmppClient orchard = login("romeo", "orchard");
        available(orchard, 1); // own presence, then Juliet's unavailable (the probe's answer)
        RawXmppClient balcony = login("juliet", "balcony");
        available(balcony, 1); // own presence, then Romeo's (the probe's answer)
        orchard.expectExactly("<presence from='juliet@localhost/balcony' to='romeo@localhost'/>");

        block(balcony, "romeo@localhost");
        // §3.3: "the user's server MUST send unavailable presence information to the JID"
        orchard.expectExactly("<presence from='juliet@localhost/balcony' to='romeo@localhost' type='unavailable'/>");
        // from now on neither sees the other's presence
        balcony.send("<presence><status>Wherefore?</status></presence>");
        balcony.expectStanza("presence");
        orchard.send("<presence><show>away</show></presence>");
        orchard.expectStanza("presence");
        orchard.expectNothing(QUIET);
        balcony.expectNothing(Duration.ZERO);

        unblock(balcony, "romeo@localhost");
        // §3.4: "the user's server MUST send the user's current presence information to the JID"
        Element current = orchard.expectStanza("presence");
        assertThat(current.attribute("from")).isEqualTo("juliet@localhost/balcony");
        assertThat(current.attribute("type")).isNull();
        assertThat(current.childText("status", Namespaces.CLIENT)).isEqualTo("Wherefore?");
        // and broadcasts flow again both ways
        orchard.send("<presence/>");
        orchard.expectStanza("presence");
        assertThat(balcony.expectStanza("presence").attribute("from")).isEqualTo("romeo@localhost/orchard");
    }

    @Test
    void aBlockedContactsProbeIsNotAnswered() throws Exception {
        Rosters.mutual(server, "juliet", "romeo");
        RawXmppClient balcony = login("juliet", "balcony");
        available(balcony, 1); // own presence, then Romeo's unavailable (the probe's answer)
        block(balcony, "romeo@localhost");
        RawXmppClient orchard = login("romeo", "orchard");
        // Romeo's initial presence probes Juliet; without the block he would get her presence
        available(orchard, 0);
        orchard.expectNothing(QUIET);
    }

    @Test
    void aFullJidItemBlocksThatResourceOnly() throws Exception {
        RawXmppClient chamber = login("juliet", "chamber");
        RawXmppClient orchard = login("romeo", "orchard");
        RawXmppClient garden = login("romeo", "garden");
        // §6: <user@domain/resource> (only that resource matches)
        block(chamber, "romeo@localhost/orchard");
        orchard.send("<message to='juliet@localhost/chamber' id='o1'><body>from the orchard</body></message>");
        assertThat(orchard.expectStanza("message").attribute("type")).isEqualTo("error");
        garden.send("<message to='juliet@localhost/chamber' id='g1'><body>from the garden</body></message>");
        assertThat(chamber.expectStanza("message").attribute("id")).isEqualTo("g1");
        garden.send("<presence to='juliet@localhost/chamber'/>");
        assertThat(chamber.expectStanza("presence").attribute("from")).isEqualTo("romeo@localhost/garden");
        orchard.send("<presence to='juliet@localhost/chamber'/>");
        chamber.expectNothing(QUIET);
    }

    @Test
    void aDomainItemBlocksEveryoneAtItButNotTheUsersOwnServer() throws Exception {
        RawXmppClient chamber = login("juliet", "chamber");
        RawXmppClient balcony = login("juliet", "balcony");
        RawXmppClient nursery = login("nurse", "nursery");
        // §6: <domain> (the domain itself matches, as does any user@domain or domain/resource)
        block(chamber, "localhost");
        nursery.send("<message to='juliet@localhost/chamber' id='n1'><body>Madam!</body></message>");
        assertThat(nursery.expectStanza("message").attribute("type")).isEqualTo("error");
        // the server itself still answers her
        chamber.send("<iq type='get' id='ping3' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
        chamber.expectExactly("<iq type='result' id='ping3' from='localhost' to='juliet@localhost/chamber'/>");
        // §5: "An implementation MUST NOT block communications from one of a user's resources to another"
        balcony.send("<message to='juliet@localhost/chamber' id='b1'><body>note to self</body></message>");
        assertThat(chamber.expectStanza("message").attribute("id")).isEqualTo("b1");
    }

    // ---- §3.4, §3.5 ----

    @Test
    void unblockingIsAcknowledgedAndPushed() throws Exception {
        RawXmppClient chamber = login("juliet", "chamber");
        RawXmppClient balcony = login("juliet", "balcony");
        block(chamber, "romeo@localhost");
        block(chamber, "iago@shakespeare.lit");
        requestBlocklist(chamber);
        requestBlocklist(balcony);
        // Examples 9, 10 and 11
        chamber.send("""
                <iq type='set' id='unblock1'>
                  <unblock xmlns='urn:xmpp:blocking'>
                    <item jid='romeo@localhost'/>
                  </unblock>
                </iq>""");
        for (RawXmppClient c : List.of(chamber, balcony)) {
            expectPush(c, """
                    <iq to='%s' type='set'>
                      <unblock xmlns='urn:xmpp:blocking'>
                        <item jid='romeo@localhost'/>
                      </unblock>
                    </iq>""".formatted(c.jid()));
        }
        chamber.expectExactly("<iq type='result' id='unblock1' from='juliet@localhost' to='juliet@localhost/chamber'/>");
        chamber.send("<iq type='get' id='bl'><blocklist xmlns='urn:xmpp:blocking'/></iq>");
        chamber.expectExactly("""
                <iq type='result' id='bl' from='juliet@localhost' to='juliet@localhost/chamber'>
                  <blocklist xmlns='urn:xmpp:blocking'><item jid='iago@shakespeare.lit'/></blocklist>
                </iq>""");
    }

    @Test
    void unblockingAllEmptiesTheList() throws Exception {
        RawXmppClient chamber = login("juliet", "chamber");
        RawXmppClient balcony = login("juliet", "balcony");
        RawXmppClient orchard = login("romeo", "orchard");
        block(chamber, "romeo@localhost");
        block(chamber, "iago@shakespeare.lit");
        requestBlocklist(chamber);
        requestBlocklist(balcony);
        // Examples 12, 13 and 14
        chamber.send("""
                <iq type='set' id='unblock2'>
                  <unblock xmlns='urn:xmpp:blocking'/>
                </iq>""");
        for (RawXmppClient c : List.of(chamber, balcony)) {
            expectPush(c, "<iq to='" + c.jid() + "' type='set'><unblock xmlns='urn:xmpp:blocking'/></iq>");
        }
        chamber.expectExactly("<iq type='result' id='unblock2' from='juliet@localhost' to='juliet@localhost/chamber'/>");
        chamber.send("<iq type='get' id='bl'><blocklist xmlns='urn:xmpp:blocking'/></iq>");
        chamber.expectExactly("""
                <iq type='result' id='bl' from='juliet@localhost' to='juliet@localhost/chamber'>
                  <blocklist xmlns='urn:xmpp:blocking'/>
                </iq>""");
        // §3.5: "the user's server MUST deliver any XML stanzas from those JIDs to the user"
        orchard.send("<message to='juliet@localhost/chamber' id='m1'><body>again</body></message>");
        assertThat(chamber.expectStanza("message").attribute("id")).isEqualTo("m1");
    }

    @Test
    void aResourceThatLeftGetsNoMorePushes() throws Exception {
        RawXmppClient chamber = login("juliet", "chamber");
        RawXmppClient balcony = RawXmppClient.login(server, "juliet", "juliet-pw", "balcony");
        requestBlocklist(balcony);
        balcony.closeStream();
        balcony.close();
        // a new session on the same resource has not asked for the list
        RawXmppClient again = login("juliet", "balcony");
        block(chamber, "romeo@localhost");
        again.expectNothing(QUIET);
    }
}
