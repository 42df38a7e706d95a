package org.chasqui.broker.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.testing.HeldJournal;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers about user state wait for the journal like acknowledgements do: while the user journal's
 * writer is held ({@link HeldJournal}), a roster item and a vCard one resource just set are in the
 * account's state but not journaled, and another resource asking for the roster (RFC 6121 §2.1.3) or
 * the vCard (XEP-0054 §3.1) gets no answer until they are; then it gets them.
 */
class UserReadBarrierTest {

    private static final Duration HELD_QUIET = Duration.ofSeconds(1);

    @TempDir
    Path dataDir;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dataDir);
        server.addUser("alice", "secret");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @SuppressWarnings("try") // the journal is held during the block, not used in it
    void aRosterGetAndAVCardGetWaitForWhatTheyShowToBeJournaled() throws Exception {
        RawXmppClient desk = RawXmppClient.login(server, "alice", "secret", "desk");
        RawXmppClient phone = RawXmppClient.login(server, "alice", "secret", "phone");
        try (HeldJournal held = HeldJournal.hold(ChasquiServer.usersDir(dataDir))) {
            desk.send("<iq type='set' id='set1'><query xmlns='jabber:iq:roster'>"
                    + "<item jid='bob@localhost' name='Bob'/></query></iq>");
            desk.send("<iq type='set' id='vc1'><vCard xmlns='vcard-temp'><FN>Alice</FN></vCard></iq>");
            awaitInState();
            phone.send("<iq type='get' id='get1'><query xmlns='jabber:iq:roster'/></iq>");
            phone.send("<iq type='get' id='vc2'><vCard xmlns='vcard-temp'/></iq>");
            assertThat(phone.receivedWithin(HELD_QUIET)).as("the phone while the user journal is held")
                    .noneMatch(e -> e.name().equals("iq"));
        }
        Element roster = expectIq(phone, "get1");
        assertThat(roster.attribute("type")).isEqualTo("result");
        assertThat(roster.firstElement().elements()).extracting(e -> e.attribute("jid")).containsExactly("bob@localhost");
        Element vcard = expectIq(phone, "vc2");
        assertThat(vcard.toString()).contains("Alice");
        for (RawXmppClient c : new RawXmppClient[] {desk, phone}) {
            c.closeStream();
            c.close();
        }
    }

    /** Waits until alice's state (on her shard) has bob on the roster and a vCard. */
    private void awaitInState() throws Exception {
        long deadline = System.nanoTime() + RawXmppClient.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            CompletableFuture<Boolean> there = new CompletableFuture<>();
            server.server().users().withUser("alice",
                    s -> there.complete(s.rosterItem(Jid.parse("bob@localhost")) != null && s.vcard() != null));
            if (there.get(RawXmppClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            Thread.sleep(5);
        }
        fail("the roster set and vCard set never ran on alice's shard");
    }

    private static Element expectIq(RawXmppClient c, String id) {
        while (true) {
            Element e = c.expect();
            if (e.name().equals("iq") && id.equals(e.attribute("id"))) {
                return e;
            }
        }
    }

}
