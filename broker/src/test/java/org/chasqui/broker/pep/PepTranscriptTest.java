package org.chasqui.broker.pep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
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
 * XEP-0163 with XEP-0115 on real sockets: juliet publishes her tune; romeo, subscribed to her presence
 * and advertising "tune+notify" in his capabilities, gets exactly one notification per publish and the
 * last item when another resource of his comes online; the nurse, not subscribed, gets nothing.
 */
class PepTranscriptTest {

    static final Duration QUIET = Duration.ofMillis(400);
    static final String TUNE = "http://jabber.org/protocol/tune";
    static final String EVENT = "http://jabber.org/protocol/pubsub#event";
    static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String CLIENT_NODE = "https://chasqui.example/test-client";
    static final String[] FEATURES = {"http://jabber.org/protocol/disco#info", TUNE + "+notify"};

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
        server.addUser("juliet", "wherefore");
        server.addUser("romeo", "montague");
        server.addUser("nurse", "anon");
        Rosters.mutual(server, "juliet", "romeo");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** XEP-0115 §5.1 computed here by hand: identity client/pc, then the sorted features. */
    static String ver(String... features) throws Exception {
        StringBuilder s = new StringBuilder("client/pc//Chasqui test<");
        String[] sorted = features.clone();
        java.util.Arrays.sort(sorted);
        for (String f : sorted) {
            s.append(f).append('<');
        }
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(s.toString().getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(sha1);
    }

    static String presenceWithCaps(String ver) {
        return "<presence><c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='" + CLIENT_NODE
                + "' ver='" + ver + "'/></presence>";
    }

    /** Answers the server's disco#info query for our capabilities (XEP-0115 §6.2). */
    static void answerCapsQuery(RawXmppClient c, String ver, String... features) {
        Element q = c.expectStanza("iq");
        assertThat(q.attribute("type")).isEqualTo("get");
        assertThat(q.attribute("from")).isEqualTo("localhost");
        Element query = q.child("query", Namespaces.DISCO_INFO);
        assertThat(query.attribute("node")).isEqualTo(CLIENT_NODE + "#" + ver);
        StringBuilder reply = new StringBuilder("<iq type='result' to='localhost' id='" + q.attribute("id") + "'>"
                + "<query xmlns='" + Namespaces.DISCO_INFO + "' node='" + CLIENT_NODE + "#" + ver + "'>"
                + "<identity category='client' type='pc' name='Chasqui test'/>");
        for (String f : features) {
            reply.append("<feature var='").append(f).append("'/>");
        }
        c.send(reply.append("</query></iq>").toString());
    }

    static Element publishTune(RawXmppClient juliet, String id, String artist) {
        juliet.send("<iq type='set' id='" + id + "'><pubsub xmlns='" + PUBSUB + "'><publish node='" + TUNE + "'>"
                + "<item id='current'><tune xmlns='" + TUNE + "'><artist>" + artist + "</artist></tune></item>"
                + "</publish></pubsub></iq>");
        Element result = juliet.expectStanza("iq");
        assertThat(result.attribute("type")).as(result.toString()).isEqualTo("result");
        return result;
    }

    static String artist(Element message) {
        assertThat(message.attribute("from")).isEqualTo("juliet@localhost"); // XEP-0163 §4.3.1
        Element item = message.child("event", EVENT).child("items", EVENT).child("item", EVENT);
        return item.firstElement().childText("artist", TUNE);
    }

    @Test
    void interestedContactsGetOneNotificationAndTheLastItemOnComingOnline() throws Exception {
        String ver = ver(FEATURES);
        RawXmppClient juliet = RawXmppClient.login(server, "juliet", "wherefore", "balcony");
        juliet.send("<presence/>"); // no caps: her own client gets no tune notifications (filtered)
        juliet.expectStanza("presence");
        RawXmppClient romeo = RawXmppClient.login(server, "romeo", "montague", "orchard");
        romeo.send(presenceWithCaps(ver));
        answerCapsQuery(romeo, ver, FEATURES);
        RawXmppClient nurse = RawXmppClient.login(server, "nurse", "anon", "chamber");
        nurse.send(presenceWithCaps(ver)); // the same ver: known from romeo's answer (or in flight), never asked again
        nurse.expectStanza("presence");
        drain(juliet);
        drain(romeo);

        publishTune(juliet, "pub1", "Gerald Finzi");
        Element m = expectMessage(romeo);
        assertThat(artist(m)).isEqualTo("Gerald Finzi");
        assertThat(m.attribute("to")).isEqualTo("romeo@localhost/orchard");
        romeo.expectNothing(QUIET); // exactly one
        juliet.expectNothing(Duration.ZERO);
        nurse.expectNothing(Duration.ZERO); // no presence subscription

        // a second resource of romeo with the same (now cached) capabilities: no query, the last item once
        RawXmppClient home = RawXmppClient.login(server, "romeo", "montague", "home");
        home.send(presenceWithCaps(ver));
        Element last = expectMessage(home);
        assertThat(artist(last)).isEqualTo("Gerald Finzi");
        drain(romeo); // the presence of 'home'
        drain(home); // its own presence and that of 'orchard' (RFC 6121 §4.2.2)
        home.send(presenceWithCaps(ver)); // a presence update: no notification again (XEP-0163 §4.3.4)
        home.expectStanza("presence");
        home.expectNothing(QUIET);

        // the nurse may not read juliet's presence-access node
        nurse.send("<iq type='get' to='juliet@localhost' id='items1'><pubsub xmlns='" + PUBSUB + "'><items node='"
                + TUNE + "'/></pubsub></iq>");
        Element error = nurse.expectStanza("iq");
        assertThat(error.attribute("type")).isEqualTo("error");
        assertThat(error.child("error", Namespaces.CLIENT).child("presence-subscription-required", PUBSUB + "#errors")).isNotNull();

        for (RawXmppClient c : new RawXmppClient[] {juliet, romeo, home, nurse}) {
            c.closeStream();
            c.close();
        }
    }

    @Test
    void aResourceThatStartsToWantANodeGetsItsLastItem() throws Exception {
        String[] without = {"http://jabber.org/protocol/disco#info"};
        String plainVer = ver(without);
        String notifyVer = ver(FEATURES);
        RawXmppClient juliet = RawXmppClient.login(server, "juliet", "wherefore", "filter");
        juliet.send("<presence/>");
        RawXmppClient romeo = RawXmppClient.login(server, "romeo", "montague", "filter");
        romeo.send(presenceWithCaps(plainVer));
        answerCapsQuery(romeo, plainVer, without);
        drain(juliet);
        drain(romeo);
        publishTune(juliet, "pub2", "Henry Purcell");
        romeo.expectNothing(QUIET); // not interested yet
        romeo.send(presenceWithCaps(notifyVer)); // the filter changes (XEP-0163 §4.3.4)
        Element last = expectMessage(romeo);
        assertThat(artist(last)).isEqualTo("Henry Purcell");
        for (RawXmppClient c : new RawXmppClient[] {juliet, romeo}) {
            c.closeStream();
            c.close();
        }
    }

    @Test
    void theAccountIsAPepServiceInDisco() throws Exception {
        RawXmppClient juliet = RawXmppClient.login(server, "juliet", "wherefore", "disco");
        juliet.send("<iq type='get' id='d1' to='juliet@localhost'><query xmlns='" + Namespaces.DISCO_INFO + "'/></iq>");
        Element info = juliet.expectStanza("iq").child("query", Namespaces.DISCO_INFO);
        assertThat(info.elements()).anySatisfy(e -> {
            assertThat(e.attribute("category")).isEqualTo("pubsub");
            assertThat(e.attribute("type")).isEqualTo("pep");
        });
        assertThat(info.elements()).extracting(e -> e.attribute("var"))
                .contains(PUBSUB + "#auto-create", PUBSUB + "#filtered-notifications", PUBSUB + "#publish-options");
        juliet.closeStream();
        juliet.close();
    }

    /** The next notification, skipping presence (the resource's own echo, contacts' presence). */
    private static Element expectMessage(RawXmppClient c) {
        while (true) {
            Element e = c.expect();
            if (e.name().equals("message") && e.child("event", EVENT) != null) {
                return e;
            }
            assertThat(e.name()).as(e.toString()).isEqualTo("presence");
        }
    }

    private static void drain(RawXmppClient c) {
        while (c.poll(QUIET) != null) {
            // presence of the set-up
        }
    }
}
