package org.chasqui.broker.pep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.chasqui.broker.pep.PepTranscriptTest.EVENT;
import static org.chasqui.broker.pep.PepTranscriptTest.FEATURES;
import static org.chasqui.broker.pep.PepTranscriptTest.PUBSUB;
import static org.chasqui.broker.pep.PepTranscriptTest.TUNE;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.testing.HeldJournal;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.Rosters;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.persistence.log.JournalReport;
import org.chasqui.persistence.pubsub.PubSubJournal;
import org.chasqui.pubsub.Node;
import org.chasqui.pubsub.NodeDefaults;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last item a contact's newly available resource gets (XEP-0163 §4.3.3, item 2; §4.3.4) waits for
 * the journal like every notification: it is never sent before its record is appended, else a crash
 * right after could leave the contact holding an item the restarted server does not have
 * ({@code PubSubServices.afterJournaled}, used by {@link PepPresence}; README, "Notifications after a
 * crash").
 *
 * <p>With the journal at memory speed that window is microseconds, so the test holds the journal still:
 * {@link HeldJournal} takes the Chronicle Queue write lock of the server's pubsub journal from a second
 * queue on the same directory, so the server's writer waits in its append, and rolls its own document
 * back on release. No hook in the server. Juliet publishes while it is held; the item is in her PEP
 * engine (what a last-item look-up reads) but not in the journal; then romeo's resource comes online
 * with "tune+notify" in its caps (XEP-0115) and must get nothing until the journal is released, then the
 * item exactly once. Removing the {@code afterJournaled} wrapping in {@link PepPresence} makes the item
 * arrive while the journal is held and this test fail.
 */
class PepLastItemBarrierTest {

    /** How long romeo's new resource must get no item while the journal is held; a real race, so generous. */
    static final Duration HELD_QUIET = Duration.ofSeconds(1);
    static final Duration QUIET = Duration.ofMillis(500);
    static final Jid JULIET = Jid.parse("juliet@localhost");

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
        server.addUser("juliet", "wherefore");
        server.addUser("romeo", "montague");
        Rosters.mutual(server, "juliet", "romeo");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @SuppressWarnings("try") // the journal is held during the block, not used in it
    void aLastItemPublishedWhileTheJournalIsHeldWaitsForIt() throws Exception {
        String ver = PepTranscriptTest.ver(FEATURES);
        RawXmppClient juliet = RawXmppClient.login(server, "juliet", "wherefore", "balcony");
        juliet.send("<presence/>"); // no caps: her own client wants no tune notifications
        juliet.expectStanza("presence");
        // romeo's phone makes his caps ver known to the server, gets a first item as its notification, goes away
        RawXmppClient phone = RawXmppClient.login(server, "romeo", "montague", "phone");
        phone.send(PepTranscriptTest.presenceWithCaps(ver));
        PepTranscriptTest.answerCapsQuery(phone, ver, FEATURES);
        drain(juliet);
        drain(phone);
        sendPublish(juliet, "pub1", "first", "William Byrd");
        expectPublishResult(juliet, "pub1");
        assertThat(artist(expectEvent(phone))).isEqualTo("William Byrd");
        phone.closeStream();
        phone.close();
        expectPresence(juliet, "romeo@localhost/phone", "unavailable");
        // his laptop is bound but not yet available (RFC 6121 §4.2: no initial presence)
        RawXmppClient laptop = RawXmppClient.login(server, "romeo", "montague", "laptop");
        long recordsBefore = pubsubJournal().records();

        try (HeldJournal held = HeldJournal.hold(ChasquiServer.pubsubDir(dataDir))) { // released even on failure
            sendPublish(juliet, "pub2", "second", "Thomas Tallis");
            awaitLastItemInEngine("second"); // what a last-item look-up finds...
            assertThat(pubsubJournal().records()).as("...is not in the journal").isEqualTo(recordsBefore);

            laptop.send(PepTranscriptTest.presenceWithCaps(ver)); // initial presence, caps ver known: wants tunes
            expectPresence(juliet, "romeo@localhost/laptop", null); // presence is not journaled: it goes through
            assertThat(laptop.receivedWithin(HELD_QUIET)).as("romeo's laptop while the journal is held")
                    .noneMatch(PepLastItemBarrierTest::isEvent);
            assertThat(juliet.receivedWithin(Duration.ZERO)).as("juliet while the journal is held: no publish result")
                    .noneMatch(e -> e.name().equals("iq"));
        }

        expectPublishResult(juliet, "pub2");
        Element last = expectEvent(laptop);
        assertThat(last.attribute("from")).isEqualTo("juliet@localhost"); // XEP-0163 §4.3.1
        assertThat(last.attribute("to")).isEqualTo("romeo@localhost/laptop");
        assertThat(item(last).attribute("id")).isEqualTo("second");
        assertThat(artist(last)).isEqualTo("Thomas Tallis");
        assertThat(laptop.receivedWithin(QUIET)).as("exactly once").noneMatch(PepLastItemBarrierTest::isEvent);

        // the rolled-back document left nothing: only the publish's records, no torn tail
        JournalReport after = pubsubJournal();
        assertThat(after.problems()).isEmpty();
        assertThat(after.warnings()).isEmpty();
        // ItemPublished of "second" and ItemsRemoved of "first" (a PEP node keeps one item, max_items 1)
        assertThat(after.records()).isEqualTo(recordsBefore + 2);
        for (RawXmppClient c : new RawXmppClient[] {juliet, laptop}) {
            c.closeStream();
            c.close();
        }
    }

    /**
     * Service discovery of a node's items (XEP-0060 §5.5, XEP-0163 §6.2) is an answer about the service
     * too: it names the new item only once the item is journaled.
     */
    @Test
    @SuppressWarnings("try")
    void aDiscoItemsAnswerWaitsForTheJournalToo() throws Exception {
        RawXmppClient juliet = RawXmppClient.login(server, "juliet", "wherefore", "garden");
        RawXmppClient desk = RawXmppClient.login(server, "romeo", "montague", "desk");
        String node = "urn:chasqui:test:disco"; // not the tune node, which the other test's clients want
        try (HeldJournal held = HeldJournal.hold(ChasquiServer.pubsubDir(dataDir))) {
            juliet.send("<iq type='set' id='pub3'><pubsub xmlns='" + PUBSUB + "'><publish node='" + node + "'>"
                    + "<item id='third'><x xmlns='" + node + "'/></item></publish></pubsub></iq>");
            awaitLastItemInEngine(node, "third");
            desk.send("<iq type='get' id='disco1' to='juliet@localhost'><query xmlns='"
                    + "http://jabber.org/protocol/disco#items' node='" + node + "'/></iq>");
            assertThat(desk.receivedWithin(HELD_QUIET)).as("romeo's disco#items while the journal is held")
                    .noneMatch(e -> e.name().equals("iq"));
        }
        expectPublishResult(juliet, "pub3");
        Element answer = expectNonPresence(desk);
        assertThat(answer.attribute("id")).isEqualTo("disco1");
        assertThat(answer.attribute("type")).as(answer.toString()).isEqualTo("result");
        assertThat(answer.firstElement().elements()).extracting(e -> e.attribute("name")).containsExactly("third");
        for (RawXmppClient c : new RawXmppClient[] {juliet, desk}) {
            c.closeStream();
            c.close();
        }
    }

    static void sendPublish(RawXmppClient c, String iqId, String itemId, String artist) {
        c.send("<iq type='set' id='" + iqId + "'><pubsub xmlns='" + PUBSUB + "'><publish node='" + TUNE + "'>"
                + "<item id='" + itemId + "'><tune xmlns='" + TUNE + "'><artist>" + artist + "</artist></tune></item>"
                + "</publish></pubsub></iq>");
    }

    /** The publish's IQ result (XEP-0060 §7.1.2), skipping presence. */
    static void expectPublishResult(RawXmppClient c, String iqId) {
        Element iq = expectNonPresence(c);
        assertThat(iq.name()).as(iq.toString()).isEqualTo("iq");
        assertThat(iq.attribute("id")).isEqualTo(iqId);
        assertThat(iq.attribute("type")).as(iq.toString()).isEqualTo("result");
    }

    /** The next event notification, skipping presence. */
    static Element expectEvent(RawXmppClient c) {
        Element e = expectNonPresence(c);
        assertThat(isEvent(e)).as(e.toString()).isTrue();
        return e;
    }

    static Element expectNonPresence(RawXmppClient c) {
        Element e;
        do {
            e = c.expect();
        } while (e.name().equals("presence"));
        return e;
    }

    /** The next presence, which must be from {@code from} with this type (null: available). */
    static void expectPresence(RawXmppClient c, String from, String type) {
        Element p = c.expectStanza("presence");
        assertThat(p.attribute("from")).as(p.toString()).isEqualTo(from);
        assertThat(p.attribute("type")).as(p.toString()).isEqualTo(type);
    }

    static boolean isEvent(Element e) {
        return e.name().equals("message") && e.child("event", EVENT) != null;
    }

    static Element item(Element message) {
        return message.child("event", EVENT).child("items", EVENT).child("item", EVENT);
    }

    static String artist(Element message) {
        return item(message).firstElement().childText("artist", TUNE);
    }


    static void drain(RawXmppClient c) {
        while (c.poll(QUIET) != null) {
            // presence of the set-up
        }
    }

    /**
     * Waits until juliet's PEP engine has {@code itemId} as the tune node's last item: her publish ran on
     * her shard, so a look-up queued there from now on finds it. Asked on that shard, like the look-up.
     */
    static void awaitLastItemInEngine(String itemId) throws Exception {
        awaitLastItemInEngine(TUNE, itemId);
    }

    static void awaitLastItemInEngine(String nodeId, String itemId) throws Exception {
        long deadline = System.nanoTime() + RawXmppClient.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            CompletableFuture<Boolean> there = new CompletableFuture<>();
            server.server().pubsub().read(JULIET, service -> {
                Node node = service.node(nodeId);
                there.complete(node != null && node.lastItem() != null && node.lastItem().id().equals(itemId));
            });
            if (there.get(RawXmppClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            Thread.sleep(5);
        }
        fail("juliet's publish of " + itemId + " never ran on her shard");
    }

    /** An offline check of the pubsub journal (safe while the server runs; changes nothing). */
    static JournalReport pubsubJournal() {
        return PubSubJournal.verify(ChasquiServer.pubsubDir(dataDir),
                NodeDefaults.leaf(server.server().config().pubsub().limits()));
    }
}
