package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.broker.transcript.Im.account;
import static org.chasqui.broker.transcript.Im.available;
import static org.chasqui.broker.transcript.Im.connect;
import static org.chasqui.broker.transcript.Im.expectError;
import static org.chasqui.broker.transcript.Im.expectPush;
import static org.chasqui.broker.transcript.Im.online;
import static org.chasqui.broker.transcript.Im.rosterGet;
import static org.chasqui.broker.transcript.Im.settle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.broker.testing.Xml;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 6121 §2, roster management, from the RFC's examples with example.com replaced by our domain:
 * juliet manages her roster from the resources 'balcony' and 'chamber' (both asked for the roster)
 * and 'garden' (which did not); every test has its own accounts (juliet7@localhost, ...).
 */
class RosterTest {

    @TempDir
    static Path dataDir;
    static TestServer server;
    final List<RawXmppClient> clients = new ArrayList<>();
    String juliet;
    String nurse;
    String romeo;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void accounts() {
        juliet = account(server, "juliet");
        romeo = account(server, "romeo");
        nurse = "nurse@localhost"; // an item needs no account behind it
    }

    @AfterEach
    void closeClients() {
        Im.closeAll(clients.toArray(RawXmppClient[]::new));
    }

    private RawXmppClient connected(String user, String resource) throws Exception {
        RawXmppClient c = connect(server, user, resource);
        clients.add(c);
        return c;
    }

    private RawXmppClient withRoster(String user, String resource) throws Exception {
        RawXmppClient c = connected(user, resource);
        rosterGet(c);
        return c;
    }

    private static String set(String id, String item) {
        return "<iq type='set' id='" + id + "'><query xmlns='jabber:iq:roster'>" + item + "</query></iq>";
    }

    private static void expectResult(RawXmppClient c, String id) {
        Element result = c.expectStanza("iq");
        assertThat(result.attribute("type")).as(result + "\n" + c.transcript()).isEqualTo("result");
        assertThat(result.attribute("id")).isEqualTo(id);
        assertThat(result.elements()).as("§2.3.2: an empty result").isEmpty();
    }

    private static List<Element> items(Element query) {
        return query.elements().stream().map(Xml::withoutIndentation).toList();
    }

    private static Element item(String xml) {
        return Xml.stanza("<query xmlns='jabber:iq:roster'>" + xml + "</query>").firstElement();
    }

    // ---- §2.6.1, §3.4.1: stream features ----

    @Test
    void theServerAdvertisesRosterVersioningAndPreApproval() throws Exception {
        RawXmppClient c = RawXmppClient.connectWithTls(juliet, server);
        clients.add(c);
        Element features = c.authenticateScram(juliet, Im.password(juliet), "SCRAM-SHA-256");
        assertThat(features.child("ver", "urn:xmpp:features:rosterver")).as("§2.6.1: " + features).isNotNull();
        assertThat(features.child("sub", "urn:xmpp:features:pre-approval")).as("§3.4.1: " + features).isNotNull();
    }

    // ---- §2.1.3, §2.1.4, §2.2: roster get ----

    @Test
    void theRosterOfANewAccountIsEmptyAndVersioned() throws Exception {
        RawXmppClient balcony = connected(juliet, "balcony");
        // §2.1.3, Example 1 (with §2.6.2: a client without a cached roster sends an empty 'ver')
        balcony.send("<iq id='bv1h2c5a' type='get'><query xmlns='jabber:iq:roster' ver=''/></iq>");
        Element result = balcony.expectStanza("iq");
        assertThat(result.attributes()).containsEntry("type", "result").containsEntry("id", "bv1h2c5a")
                .containsEntry("to", juliet + "@localhost/balcony");
        Element query = result.child("query", Im.ROSTER);
        assertThat(query.attribute("ver")).as("§2.6.3: the result carries the version").isNotEmpty();
        assertThat(query.elements()).isEmpty();
    }

    @Test
    void theRosterHoldsWhatWasAddedWithNamesGroupsAndState() throws Exception {
        RawXmppClient balcony = withRoster(juliet, "balcony");
        // §2.3.1, Example 6 with a name and groups (§2.1.2.4, §2.1.2.6)
        balcony.send(set("a1", "<item jid='" + nurse + "' name='Nurse'><group>Servants</group><group>House</group></item>"));
        expectPush(balcony, "<item jid='" + nurse + "' name='Nurse' subscription='none'><group>Servants</group><group>House</group></item>");
        expectResult(balcony, "a1");
        balcony.send(set("a2", "<item jid='" + romeo + "@localhost'/>"));
        expectPush(balcony, "<item jid='" + romeo + "@localhost' subscription='none'/>");
        expectResult(balcony, "a2");

        // §2.1.4, Example 2: a later get has both, in the order they were added (§2.1.1 leaves it open)
        RawXmppClient chamber = connected(juliet, "chamber");
        Element query = rosterGet(chamber);
        assertThat(items(query)).containsExactly(
                item("<item jid='" + nurse + "' name='Nurse' subscription='none'><group>Servants</group><group>House</group></item>"),
                item("<item jid='" + romeo + "@localhost' subscription='none'/>"));
        settle(balcony, chamber);
    }

    // ---- §2.3, §2.4: add and update, pushed to every interested resource ----

    @Test
    void anAddIsPushedToEveryInterestedResourceAndOnlyThem() throws Exception {
        RawXmppClient balcony = withRoster(juliet, "balcony");
        RawXmppClient chamber = withRoster(juliet, "chamber");
        RawXmppClient garden = connected(juliet, "garden"); // never asked for the roster
        available(garden, "");

        // §2.3.1, Example 6
        balcony.send("""
                <iq from='%s@localhost/balcony' id='ph1xaz53' type='set'>
                  <query xmlns='jabber:iq:roster'>
                    <item jid='%s'/>
                  </query>
                </iq>""".formatted(juliet, nurse));
        // §2.3.2, Examples 7 and 8: the push to each interested resource, and the result
        expectPush(balcony, "<item jid='" + nurse + "' subscription='none'/>");
        expectResult(balcony, "ph1xaz53");
        expectPush(chamber, "<item jid='" + nurse + "' subscription='none'/>");
        settle(balcony, chamber, garden);
    }

    @Test
    void anUpdateReplacesNameAndGroupsAndKeepsTheSubscription() throws Exception {
        RawXmppClient balcony = withRoster(juliet, "balcony");
        RawXmppClient chamber = withRoster(juliet, "chamber");
        balcony.send(set("u1", "<item jid='" + nurse + "' name='Nurse'><group>Servants</group></item>"));
        expectPush(balcony, "<item jid='" + nurse + "' name='Nurse' subscription='none'><group>Servants</group></item>");
        expectResult(balcony, "u1");
        expectPush(chamber, "<item jid='" + nurse + "' name='Nurse' subscription='none'><group>Servants</group></item>");

        // §2.4.1, Example 10: a new name and a new set of groups replace the old ones entirely;
        // §2.1.2.5: the 'subscription' a client puts in a set is not the client's to decide
        chamber.send("""
                <iq id='di43b2x9' type='set'>
                  <query xmlns='jabber:iq:roster'>
                    <item jid='%s' name='Angelica' subscription='both' ask='subscribe'>
                      <group>Friends</group>
                      <group>Kinsfolk</group>
                    </item>
                  </query>
                </iq>""".formatted(nurse));
        String item = "<item jid='" + nurse + "' name='Angelica' subscription='none'><group>Friends</group><group>Kinsfolk</group></item>";
        expectPush(chamber, item);
        expectResult(chamber, "di43b2x9");
        expectPush(balcony, item);

        // without a name and groups, the item keeps neither (§2.4.1: the set is the whole item)
        chamber.send(set("u3", "<item jid='" + nurse + "'/>"));
        expectPush(chamber, "<item jid='" + nurse + "' subscription='none'/>");
        expectResult(chamber, "u3");
        expectPush(balcony, "<item jid='" + nurse + "' subscription='none'/>");
        settle(balcony, chamber);
    }

    @Test
    void aFullJidInTheItemIsStoredAsTheBareJid() throws Exception {
        RawXmppClient balcony = withRoster(juliet, "balcony");
        balcony.send(set("f1", "<item jid='" + romeo + "@localhost/orchard'/>"));
        expectPush(balcony, "<item jid='" + romeo + "@localhost' subscription='none'/>");
        expectResult(balcony, "f1");
    }

    // ---- §2.3.3: error cases ----

    static Stream<Arguments> invalidSets() {
        String tooLong = "x".repeat(1025);
        return Stream.of(
                Arguments.of("more than one item", "<item jid='a@localhost'/><item jid='b@localhost'/>", "modify", "bad-request"),
                Arguments.of("no item", "", "modify", "bad-request"),
                Arguments.of("a duplicate group", "<item jid='a@localhost'><group>Friends</group><group>Friends</group></item>",
                        "modify", "bad-request"),
                Arguments.of("an empty group", "<item jid='a@localhost'><group/></item>", "modify", "not-acceptable"),
                Arguments.of("a name too long", "<item jid='a@localhost' name='" + tooLong + "'/>", "modify", "not-acceptable"),
                Arguments.of("a group too long", "<item jid='a@localhost'><group>" + tooLong + "</group></item>",
                        "modify", "not-acceptable"),
                Arguments.of("no jid", "<item name='Nobody'/>", "modify", "bad-request"),
                Arguments.of("a jid that is not a JID", "<item jid='a@@localhost'/>", "modify", "jid-malformed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSets")
    void anInvalidSetIsRefusedAndChangesNothing(String what, String items, String type, String condition) throws Exception {
        RawXmppClient balcony = withRoster(juliet, "balcony");
        RawXmppClient chamber = withRoster(juliet, "chamber");
        balcony.send(set("bad1", items));
        Element error = expectError(balcony, type, condition);
        assertThat(error.attribute("id")).isEqualTo("bad1");
        Element query = rosterGet(balcony);
        assertThat(query.elements()).as("nothing was added").isEmpty();
        settle(balcony, chamber); // and nothing was pushed
    }

    @Test
    void theRosterOfAnotherAccountIsForbidden() throws Exception {
        RawXmppClient balcony = withRoster(juliet, "balcony");
        RawXmppClient orchard = withRoster(romeo, "orchard");
        // §2.1.3 / §2.3.3: only the account itself reads or changes its roster
        orchard.send("<iq type='get' id='peek' to='" + juliet + "@localhost'><query xmlns='jabber:iq:roster'/></iq>");
        Element error = expectError(orchard, "auth", "forbidden");
        assertThat(error.attribute("from")).isEqualTo(juliet + "@localhost");
        orchard.send("<iq type='set' id='meddle' to='" + juliet + "@localhost'><query xmlns='jabber:iq:roster'>"
                + "<item jid='" + romeo + "@localhost' name='Husband'/></query></iq>");
        expectError(orchard, "auth", "forbidden");
        assertThat(rosterGet(balcony).elements()).isEmpty();
        settle(balcony, orchard);
    }

    @Test
    void theOwnBareJidMayBeAddressed() throws Exception {
        RawXmppClient balcony = withRoster(juliet, "balcony");
        balcony.send("<iq type='set' id='own' to='" + juliet + "@localhost'>"
                + "<query xmlns='jabber:iq:roster'><item jid='" + nurse + "'/></query></iq>");
        expectPush(balcony, "<item jid='" + nurse + "' subscription='none'/>");
        expectResult(balcony, "own");
    }

    // ---- §2.5: delete ----

    @Test
    void aRemovalIsPushedAndAnswered() throws Exception {
        RawXmppClient balcony = withRoster(juliet, "balcony");
        RawXmppClient chamber = withRoster(juliet, "chamber");
        balcony.send(set("r0", "<item jid='" + nurse + "' name='Nurse'/>"));
        expectPush(balcony, "<item jid='" + nurse + "' name='Nurse' subscription='none'/>");
        expectResult(balcony, "r0");
        expectPush(chamber, "<item jid='" + nurse + "' name='Nurse' subscription='none'/>");

        // §2.5.1, Example 13; §2.5.2, Examples 14 and 15
        balcony.send("""
                <iq from='%s@localhost/balcony' id='hm4hs97y' type='set'>
                  <query xmlns='jabber:iq:roster'>
                    <item jid='%s' subscription='remove'/>
                  </query>
                </iq>""".formatted(juliet, nurse));
        expectPush(balcony, "<item jid='" + nurse + "' subscription='remove'/>");
        expectResult(balcony, "hm4hs97y");
        expectPush(chamber, "<item jid='" + nurse + "' subscription='remove'/>");
        assertThat(rosterGet(chamber).elements()).isEmpty();
        settle(balcony, chamber);
    }

    @Test
    void removingAnItemThatIsNotThereIsItemNotFound() throws Exception {
        RawXmppClient balcony = withRoster(juliet, "balcony");
        // §2.5.3, Example 16
        balcony.send(set("uj4b1ca8", "<item jid='" + nurse + "' subscription='remove'/>"));
        Element error = expectError(balcony, "cancel", "item-not-found");
        assertThat(error.attribute("id")).isEqualTo("uj4b1ca8");
        settle(balcony);
    }

    @Test
    void removingAContactCancelsBothSubscriptions() throws Exception {
        RawXmppClient balcony = online(server, juliet, "balcony");
        RawXmppClient orchard = online(server, romeo, "orchard");
        clients.add(balcony);
        clients.add(orchard);
        String j = juliet + "@localhost";
        String r = romeo + "@localhost";
        SubscriptionTest.mutual(balcony, orchard);

        // §2.5.2: juliet removes romeo; her server cancels both subscriptions as if she had sent
        // 'unsubscribe' and 'unsubscribed' (§3.3.2, §3.2.2) and romeo's server processes them
        balcony.send(set("rm1", "<item jid='" + r + "' subscription='remove'/>"));
        expectPush(balcony, "<item jid='" + r + "' subscription='remove'/>");
        // §3.3.3: romeo's server tells juliet that romeo is no longer available to her
        balcony.expectExactly("<presence type='unavailable' from='" + orchard.jid() + "' to='" + j + "'/>");
        // the result comes once the cancellations have been processed on romeo's side
        balcony.expectExactly("<iq type='result' id='rm1' from='" + j + "' to='" + balcony.jid() + "'/>");
        expectPush(orchard, "<item jid='" + j + "' subscription='to'/>");
        orchard.expectExactly("<presence type='unsubscribe' from='" + j + "' to='" + r + "'/>");
        expectPush(orchard, "<item jid='" + j + "' subscription='none'/>");
        orchard.expectExactly("<presence type='unsubscribed' from='" + j + "' to='" + r + "'/>");
        // §3.2.2: and juliet's server tells romeo that juliet is no longer available to him
        orchard.expectExactly("<presence type='unavailable' from='" + balcony.jid() + "' to='" + r + "'/>");
        settle(balcony, orchard, balcony);
        assertThat(contacts(rosterGet(orchard))).containsExactly(item("<item jid='" + j + "' subscription='none'/>"));
        assertThat(contacts(rosterGet(balcony))).isEmpty();
    }

    /** The items of a roster result, without the one {@link Im#settle} uses. */
    private static List<Element> contacts(Element query) {
        return items(query).stream().filter(i -> !Im.MARKER.equals(i.attribute("jid"))).toList();
    }

    // ---- §2.2: interested resources ----

    @Test
    void aResourceThatWentUnavailableIsStillInterested() throws Exception {
        RawXmppClient balcony = withRoster(juliet, "balcony");
        RawXmppClient chamber = withRoster(juliet, "chamber");
        available(balcony, "");
        // §4.5: unavailable, but still connected; an interested resource is a connected resource
        // that requested the roster (§2.2), so the pushes keep coming
        balcony.send("<presence type='unavailable'/>");
        balcony.expectExactly("<presence type='unavailable' from='" + balcony.jid() + "'/>");
        chamber.send(set("i1", "<item jid='" + nurse + "'/>"));
        expectPush(chamber, "<item jid='" + nurse + "' subscription='none'/>");
        expectResult(chamber, "i1");
        expectPush(balcony, "<item jid='" + nurse + "' subscription='none'/>");
        settle(balcony, chamber);
    }

    // ---- §2.6: versioning ----

    @Test
    void theSameVersionGetsAnEmptyResultAndNoPushes() throws Exception {
        RawXmppClient balcony = withRoster(juliet, "balcony");
        balcony.send(set("v1", "<item jid='" + nurse + "'/>"));
        String ver = expectPush(balcony, "<item jid='" + nurse + "' subscription='none'/>");
        expectResult(balcony, "v1");
        Im.leave(balcony);

        // §2.6.3, Example 20: the roster did not change since the client's version
        RawXmppClient chamber = connected(juliet, "chamber");
        chamber.send("<iq id='r1h3vzp7' type='get'><query xmlns='jabber:iq:roster' ver='" + ver + "'/></iq>");
        Im.askedForRoster(chamber);
        chamber.expectExactly("<iq id='r1h3vzp7' type='result' from='" + juliet + "@localhost' to='" + chamber.jid() + "'/>");
        Im.settle(chamber); // no pushes came before the marker's
    }

    @Test
    void anOlderVersionGetsAnEmptyResultThenThePushesOfWhatChangedInOrder() throws Exception {
        RawXmppClient balcony = withRoster(juliet, "balcony");
        String ver = null;
        for (int i = 1; i <= 5; i++) {
            balcony.send(set("n" + i, "<item jid='n" + i + "@localhost'/>"));
            ver = expectPush(balcony, "<item jid='n" + i + "@localhost' subscription='none'/>");
            expectResult(balcony, "n" + i);
        }
        Im.leave(balcony); // the client keeps the roster and 'ver'

        // meanwhile, from another resource: an update, a removal, an addition, another update
        RawXmppClient chamber = withRoster(juliet, "chamber");
        chamber.send(set("c1", "<item jid='n1@localhost' name='First'/>"));
        expectPush(chamber, "<item jid='n1@localhost' name='First' subscription='none'/>");
        expectResult(chamber, "c1");
        chamber.send(set("c2", "<item jid='n2@localhost' subscription='remove'/>"));
        expectPush(chamber, "<item jid='n2@localhost' subscription='remove'/>");
        expectResult(chamber, "c2");
        chamber.send(set("c3", "<item jid='n6@localhost'/>"));
        expectPush(chamber, "<item jid='n6@localhost' subscription='none'/>");
        expectResult(chamber, "c3");
        chamber.send(set("c4", "<item jid='n3@localhost' name='Third'/>"));
        String latest = expectPush(chamber, "<item jid='n3@localhost' name='Third' subscription='none'/>");
        expectResult(chamber, "c4");

        // §2.6.3, Examples 21-23: an empty result, then one push per change since the client's
        // version, in the order of the changes (so a client that stops half-way and keeps the last
        // 'ver' it saw has missed nothing older)
        RawXmppClient attic = connected(juliet, "attic");
        attic.send("<iq id='r1h3vzp7' type='get'><query xmlns='jabber:iq:roster' ver='" + ver + "'/></iq>");
        Im.askedForRoster(attic);
        attic.expectExactly("<iq id='r1h3vzp7' type='result' from='" + juliet + "@localhost' to='" + attic.jid() + "'/>");
        expectPush(attic, "<item jid='n1@localhost' name='First' subscription='none'/>");
        expectPush(attic, "<item jid='n2@localhost' subscription='remove'/>");
        expectPush(attic, "<item jid='n6@localhost' subscription='none'/>");
        String last = expectPush(attic, "<item jid='n3@localhost' name='Third' subscription='none'/>");
        assertThat(last).as("the last push brings the client to the current version").isEqualTo(latest);
        settle(attic, chamber);
    }

    @Test
    void anUnknownVersionGetsTheWholeRoster() throws Exception {
        RawXmppClient balcony = withRoster(juliet, "balcony");
        balcony.send(set("w1", "<item jid='" + nurse + "'/>"));
        String ver = expectPush(balcony, "<item jid='" + nurse + "' subscription='none'/>");
        expectResult(balcony, "w1");
        for (String unknown : List.of("not-one-of-ours", "999999")) {
            // §2.6.3: a version the server cannot use gets the complete roster (§2.1.4) and its version
            balcony.send("<iq id='w2' type='get'><query xmlns='jabber:iq:roster' ver='" + unknown + "'/></iq>");
            Element result = balcony.expectStanza("iq");
            Element query = result.child("query", Im.ROSTER);
            assertThat(query.attribute("ver")).isEqualTo(ver);
            assertThat(items(query)).containsExactly(item("<item jid='" + nurse + "' subscription='none'/>"));
        }
        settle(balcony);
    }
}
