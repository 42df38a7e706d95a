package org.chasqui.broker.pep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.broker.pep.PepTranscriptTest.CLIENT_NODE;
import static org.chasqui.broker.pep.PepTranscriptTest.EVENT;
import static org.chasqui.broker.pep.PepTranscriptTest.PUBSUB;
import static org.chasqui.broker.pep.PepTranscriptTest.TUNE;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.Rosters;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The race of sinttest's PEP notification tests (UserTune, Geolocation, Mood testNotification), in
 * every order, made deterministic: the contact advertises a new "+notify" in a caps ver the server does
 * not know yet, and the owner publishes before, while or after the server learns what the ver means.
 * XEP-0163 §4.3: the contact gets the item exactly once — as the publish's notification or, when its
 * interest became known only after the publish, as the last item.
 */
class PepCapsRaceTest {

    static final Duration QUIET = Duration.ofMillis(500);
    static final AtomicInteger PAIRS = new AtomicInteger();
    /** Distinct per test so every ver is unknown to the server's shared cache at first. */
    static final AtomicInteger FEATURE = new AtomicInteger();

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Pair(RawXmppClient owner, RawXmppClient contact, String[] plain, String[] interested) { }

    /** A fresh owner (no PEP service yet) and contact, mutually subscribed, both online; caps without +notify known. */
    static Pair pair() throws Exception {
        int n = PAIRS.incrementAndGet();
        String owner = "owner" + n;
        String contact = "contact" + n;
        server.addUser(owner, "pw");
        server.addUser(contact, "pw");
        Rosters.mutual(server, owner, contact);
        String extra = "urn:test:feature:" + FEATURE.incrementAndGet();
        String[] plain = {Namespaces.DISCO_INFO, extra};
        String[] notify = {Namespaces.DISCO_INFO, extra, TUNE + "+notify"};
        RawXmppClient o = RawXmppClient.login(server, owner, "pw", "o");
        o.send("<presence/>");
        RawXmppClient c = RawXmppClient.login(server, contact, "pw", "c");
        String plainVer = PepTranscriptTest.ver(plain);
        c.send(PepTranscriptTest.presenceWithCaps(plainVer));
        PepTranscriptTest.answerCapsQuery(c, plainVer, plain);
        drain(o);
        drain(c);
        return new Pair(o, c, plain, notify);
    }

    static void sendPublish(RawXmppClient owner, String id, String artist) {
        owner.send("<iq type='set' id='" + id + "'><pubsub xmlns='" + PUBSUB + "'><publish node='" + TUNE + "'>"
                + "<item><tune xmlns='" + TUNE + "'><artist>" + artist + "</artist></tune></item>"
                + "</publish></pubsub></iq>");
    }

    static void expectPublishResult(RawXmppClient owner) {
        while (true) {
            Element e = owner.expect();
            if (e.name().equals("iq")) {
                assertThat(e.attribute("type")).as(e.toString()).isEqualTo("result");
                return;
            }
        }
    }

    /** The disco#info query the server sends for {@code ver}, skipping presence; not answered. */
    static Element expectCapsQuery(RawXmppClient c, String ver) {
        while (true) {
            Element e = c.expect();
            if (e.name().equals("iq")) {
                assertThat(e.attribute("type")).isEqualTo("get");
                assertThat(e.child("query", Namespaces.DISCO_INFO).attribute("node")).isEqualTo(CLIENT_NODE + "#" + ver);
                return e;
            }
            assertThat(e.name()).as(e.toString()).isEqualTo("presence");
        }
    }

    static void answer(RawXmppClient c, Element query, String ver, String... features) {
        StringBuilder reply = new StringBuilder("<iq type='result' to='localhost' id='" + query.attribute("id") + "'>"
                + "<query xmlns='" + Namespaces.DISCO_INFO + "' node='" + CLIENT_NODE + "#" + ver + "'>"
                + "<identity category='client' type='pc' name='Chasqui test'/>");
        for (String f : features) {
            reply.append("<feature var='").append(f).append("'/>");
        }
        c.send(reply.append("</query></iq>").toString());
    }

    /** Every tune notification the contact gets until it is quiet, as artists. */
    static List<String> notifications(RawXmppClient c) {
        List<String> out = new ArrayList<>();
        Element e;
        while ((e = c.poll(QUIET)) != null) {
            if (e.name().equals("message") && e.child("event", EVENT) != null) {
                Element item = e.child("event", EVENT).child("items", EVENT).child("item", EVENT);
                out.add(item.firstElement().childText("artist", TUNE));
            }
        }
        return out;
    }

    static void drain(RawXmppClient c) {
        while (c.poll(QUIET) != null) {
            // set-up presence
        }
    }

    static void close(Pair p) {
        for (RawXmppClient c : new RawXmppClient[] {p.owner(), p.contact()}) {
            c.closeStream();
            c.close();
        }
    }

    @Test
    void publishAutoCreatingTheServiceWhileTheCapsQueryIsUnanswered() throws Exception {
        Pair p = pair();
        String ver = PepTranscriptTest.ver(p.interested());
        p.contact().send(PepTranscriptTest.presenceWithCaps(ver));
        Element query = expectCapsQuery(p.contact(), ver); // held
        sendPublish(p.owner(), "pub", "Tallis");
        expectPublishResult(p.owner());
        answer(p.contact(), query, ver, p.interested());
        assertThat(notifications(p.contact())).containsExactly("Tallis");
        close(p);
    }

    @Test
    void publishToAnExistingNodeWhileTheCapsQueryIsUnanswered() throws Exception {
        Pair p = pair();
        sendPublish(p.owner(), "pub0", "Byrd");
        expectPublishResult(p.owner());
        assertThat(notifications(p.contact())).isEmpty(); // not interested yet
        String ver = PepTranscriptTest.ver(p.interested());
        p.contact().send(PepTranscriptTest.presenceWithCaps(ver));
        Element query = expectCapsQuery(p.contact(), ver);
        sendPublish(p.owner(), "pub1", "Tallis");
        expectPublishResult(p.owner());
        answer(p.contact(), query, ver, p.interested());
        assertThat(notifications(p.contact())).containsExactly("Tallis");
        close(p);
    }

    @Test
    void publishArrivingBeforeTheNewCaps() throws Exception {
        Pair p = pair();
        String ver = PepTranscriptTest.ver(p.interested());
        sendPublish(p.owner(), "pub", "Tallis");
        expectPublishResult(p.owner());
        p.contact().send(PepTranscriptTest.presenceWithCaps(ver));
        answer(p.contact(), expectCapsQuery(p.contact(), ver), ver, p.interested());
        assertThat(notifications(p.contact())).containsExactly("Tallis");
        close(p);
    }

    @Test
    void publishAfterTheCapsQueryIsAnswered() throws Exception {
        Pair p = pair();
        String ver = PepTranscriptTest.ver(p.interested());
        p.contact().send(PepTranscriptTest.presenceWithCaps(ver));
        answer(p.contact(), expectCapsQuery(p.contact(), ver), ver, p.interested());
        assertThat(notifications(p.contact())).isEmpty();
        sendPublish(p.owner(), "pub", "Tallis");
        expectPublishResult(p.owner());
        assertThat(notifications(p.contact())).containsExactly("Tallis");
        close(p);
    }

    @Test
    void publishAndCapsAnswerRacingNeverDuplicate() throws Exception {
        for (int i = 0; i < 20; i++) {
            Pair p = pair();
            String ver = PepTranscriptTest.ver(p.interested());
            p.contact().send(PepTranscriptTest.presenceWithCaps(ver));
            Element query = expectCapsQuery(p.contact(), ver);
            sendPublish(p.owner(), "pub", "Tallis");
            answer(p.contact(), query, ver, p.interested());
            expectPublishResult(p.owner());
            assertThat(notifications(p.contact())).as("round " + i).containsExactly("Tallis");
            close(p);
        }
    }
    /** A user whose client has the same features (and so the same caps ver) as {@code p}'s contact. */
    static RawXmppClient sameCapsContact(Pair p, String user) throws Exception {
        server.addUser(user, "pw");
        Rosters.mutual(server, p.owner().jid().split("@")[0], user);
        RawXmppClient c = RawXmppClient.login(server, user, "pw", "c");
        return c;
    }

    @Test
    void aCapsQueryLostWithItsResourceIsAskedOfTheNextOneWithThatVer() throws Exception {
        Pair p = pair();
        String ver = PepTranscriptTest.ver(p.interested());
        RawXmppClient other = sameCapsContact(p, "other" + PAIRS.get());
        drain(p.owner());
        p.contact().send(PepTranscriptTest.presenceWithCaps(ver));
        expectCapsQuery(p.contact(), ver); // never answered: the client goes away
        other.send(PepTranscriptTest.presenceWithCaps(ver)); // waits for that answer
        p.contact().closeStream();
        p.contact().close();
        Element query = expectCapsQuery(other, ver); // XEP-0115 §6.2: asked instead
        answer(other, query, ver, p.interested());
        drain(other);
        sendPublish(p.owner(), "pub", "Tallis");
        expectPublishResult(p.owner());
        assertThat(notifications(other)).containsExactly("Tallis");
        other.closeStream();
        other.close();
        p.owner().closeStream();
        p.owner().close();
    }

    @Test
    void aVerWhoseQueryWentUnansweredIsAskedAgainLater() throws Exception {
        Pair p = pair();
        String ver = PepTranscriptTest.ver(p.interested());
        p.contact().send(PepTranscriptTest.presenceWithCaps(ver));
        expectCapsQuery(p.contact(), ver);
        p.contact().closeStream(); // gone without answering, alone with that ver
        p.contact().close();
        RawXmppClient again = RawXmppClient.login(server, "contact" + PAIRS.get(), "pw", "again");
        again.send(PepTranscriptTest.presenceWithCaps(ver));
        answer(again, expectCapsQuery(again, ver), ver, p.interested()); // not stuck behind the lost query
        drain(again);
        sendPublish(p.owner(), "pub", "Tallis");
        expectPublishResult(p.owner());
        assertThat(notifications(again)).containsExactly("Tallis");
        again.closeStream();
        again.close();
        p.owner().closeStream();
        p.owner().close();
    }

    @Test
    void anErrorAnswerLetsTheNextResourceWithThatVerBeAsked() throws Exception {
        Pair p = pair();
        String ver = PepTranscriptTest.ver(p.interested());
        RawXmppClient other = sameCapsContact(p, "other" + PAIRS.get());
        drain(p.owner());
        p.contact().send(PepTranscriptTest.presenceWithCaps(ver));
        Element first = expectCapsQuery(p.contact(), ver);
        other.send(PepTranscriptTest.presenceWithCaps(ver));
        drain(other);
        p.contact().send("<iq type='error' to='localhost' id='" + first.attribute("id") + "'><error type='cancel'>"
                + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
        answer(other, expectCapsQuery(other, ver), ver, p.interested());
        drain(other);
        drain(p.contact());
        sendPublish(p.owner(), "pub", "Tallis");
        expectPublishResult(p.owner());
        assertThat(notifications(other)).containsExactly("Tallis");
        other.closeStream();
        other.close();
        close(p);
    }
}
