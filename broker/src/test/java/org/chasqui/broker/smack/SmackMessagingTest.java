package org.chasqui.broker.smack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.broker.smack.SmackClients.bare;
import static org.chasqui.broker.smack.SmackClients.inbox;
import static org.chasqui.broker.smack.SmackClients.login;
import static org.chasqui.broker.smack.SmackClients.next;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.chasqui.broker.testing.TestServer;
import org.jivesoftware.smack.chat2.Chat;
import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Smack clients exchanging messages and presence through the server: 'from' stamping (RFC 6120
 * §8.1.2.1), delivery to full and bare JIDs (RFC 6121 §8.5), presence broadcast to the user's own
 * resources (RFC 6121 §4.2.2, §4.4.2).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmackMessagingTest {

    /**
     * Non-ASCII from three planes (Latin-1, CJK, an emoji outside the BMP), every XML special
     * character, and text that looks like an entity. Not "]]>": Smack 4.4.8 writes it unescaped in
     * text, which XML 1.0 §2.4 forbids, and the server rightly ends such a stream with not-well-formed.
     */
    private static final String TRICKY = "Grüße 你好 🎉 <&>'\" &amp;";

    @TempDir
    Path dataDir;

    private SmackSessions sessions;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        sessions = SmackSessions.start(dataDir, "alice", "bob");
        server = sessions.server;
    }

    @AfterEach
    void stop() {
        sessions.close();
    }

    private XMPPTCPConnection user(String name, String resource) throws Exception {
        return sessions.user(name, resource);
    }

    private record Incoming(Message message, Chat chat) {
    }

    private static BlockingQueue<Incoming> chats(XMPPTCPConnection connection) {
        BlockingQueue<Incoming> queue = new LinkedBlockingQueue<>();
        ChatManager.getInstanceFor(connection).addIncomingListener((from, message, chat) ->
                queue.add(new Incoming(message, chat)));
        return queue;
    }

    @Test
    void aliceAndBobChatBothWaysWithExactBodiesAndStampedSenders() throws Exception {
        XMPPTCPConnection alice = user("alice", "laptop");
        XMPPTCPConnection bob = user("bob", "phone");
        BlockingQueue<Incoming> toAlice = chats(alice);
        BlockingQueue<Incoming> toBob = chats(bob);

        // alice -> bob's bare JID (his only, available resource)
        ChatManager.getInstanceFor(alice).chatWith(bare("bob", server)).send("1 " + TRICKY);
        Incoming atBob = next(toBob);
        assertThat(atBob.message().getBody()).isEqualTo("1 " + TRICKY);
        assertThat(atBob.message().getFrom().toString()).isEqualTo("alice@localhost/laptop");
        assertThat(atBob.message().getTo().toString()).isEqualTo("bob@localhost");
        assertThat(atBob.message().getType()).isEqualTo(Message.Type.chat);

        // bob answers in the same chat: Smack has locked it to alice's full JID (XEP-0296)
        atBob.chat().send("2 " + TRICKY);
        Incoming atAlice = next(toAlice);
        assertThat(atAlice.message().getBody()).isEqualTo("2 " + TRICKY);
        assertThat(atAlice.message().getFrom().toString()).isEqualTo("bob@localhost/phone");
        assertThat(atAlice.message().getTo().toString()).isEqualTo("alice@localhost/laptop");
    }

    /** A stanza larger than a TLS record and many TCP reads: multi-byte characters get split anywhere. */
    @Test
    void aLargeMessageArrivesIntact() throws Exception {
        XMPPTCPConnection alice = user("alice", "laptop");
        XMPPTCPConnection bob = user("bob", "phone");
        BlockingQueue<Message> toBob = inbox(bob, Message.class);

        String body = (TRICKY + " ").repeat(2000); // about 80 KB on the wire
        alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
                .to(JidCreate.from("bob@localhost/phone"))
                .ofType(Message.Type.normal)
                .setBody(body)
                .build());

        Message m = next(toBob);
        assertThat(m.getBody()).isEqualTo(body);
        assertThat(m.getFrom().toString()).isEqualTo("alice@localhost/laptop");
    }

    @Test
    void presenceOfOneResourceReachesTheOther() throws Exception {
        XMPPTCPConnection one = user("alice", "one");
        BlockingQueue<Presence> atOne = inbox(one, Presence.class);
        EntityFullJid twoJid = JidCreate.entityFullFrom("alice@localhost/two");

        XMPPTCPConnection two = user("alice", "two"); // Smack sends initial presence after login
        BlockingQueue<Presence> atTwo = inbox(two, Presence.class);
        Presence initial = nextFrom(atOne, twoJid);
        assertThat(initial.getType()).isEqualTo(Presence.Type.available);

        one.sendStanza(one.getStanzaFactory().buildPresenceStanza()
                .setStatus("in a meeting " + TRICKY)
                .setMode(Presence.Mode.dnd)
                .setPriority(7)
                .build());
        // RFC 6121 §4.2.2: 'two' first gets the initial presence of 'one', then the update
        Presence update = nextFrom(atTwo, one.getUser());
        while (update.getStatus() == null) {
            update = nextFrom(atTwo, one.getUser());
        }
        assertThat(update.getType()).isEqualTo(Presence.Type.available);
        assertThat(update.getStatus()).isEqualTo("in a meeting " + TRICKY);
        assertThat(update.getMode()).isEqualTo(Presence.Mode.dnd);
        assertThat(update.getPriority()).isEqualTo(7);

        two.disconnect(); // RFC 6121 §4.5.2: the other resource learns it is gone
        Presence gone = nextFrom(atOne, twoJid);
        assertThat(gone.getType()).isEqualTo(Presence.Type.unavailable);
    }

    /**
     * RFC 6121 §8.5.2.1.1: a message to the bare JID goes to the available resource(s) with the highest
     * non-negative priority. "Not delivered" is shown without waiting: bob then sends a marker to the
     * other resource's full JID; bob's stanzas are routed in order and each recipient's deliveries run
     * in order on its event loop, so if the marker comes first, the earlier message never came.
     */
    @Test
    void aMessageToTheBareJidReachesTheHighestPriorityResources() throws Exception {
        XMPPTCPConnection one = user("alice", "one");
        XMPPTCPConnection two = user("alice", "two");
        XMPPTCPConnection bob = user("bob", "phone");
        BlockingQueue<Message> atOne = inbox(one, Message.class);
        BlockingQueue<Message> atTwo = inbox(two, Message.class);
        BlockingQueue<Presence> presencesAtOne = inbox(one, Presence.class);
        BlockingQueue<Presence> presencesAtTwo = inbox(two, Presence.class);

        setPriority(one, 10, presencesAtTwo);
        setPriority(two, 1, presencesAtOne);
        send(bob, "alice@localhost", "to the highest");
        send(bob, "alice@localhost/two", "marker 1");
        assertThat(next(atOne).getBody()).isEqualTo("to the highest");
        assertThat(next(atTwo).getBody()).isEqualTo("marker 1");

        setPriority(two, 20, presencesAtOne);
        send(bob, "alice@localhost", "now two is highest");
        send(bob, "alice@localhost/one", "marker 2");
        assertThat(next(atTwo).getBody()).isEqualTo("now two is highest");
        assertThat(next(atOne).getBody()).isEqualTo("marker 2");

        setPriority(one, 20, presencesAtTwo);
        send(bob, "alice@localhost", "a tie");
        assertThat(next(atOne).getBody()).isEqualTo("a tie"); // Chasqui delivers to every tied resource
        assertThat(next(atTwo).getBody()).isEqualTo("a tie");
    }

    /** Sets a resource's priority; returns once another resource saw it, so the server has applied it. */
    private static void setPriority(XMPPTCPConnection c, int priority, BlockingQueue<Presence> seenBy)
            throws Exception {
        c.sendStanza(c.getStanzaFactory().buildPresenceStanza().setPriority(priority).build());
        Presence p;
        do {
            p = nextFrom(seenBy, c.getUser());
        } while (p.getPriority() != priority);
    }

    private static void send(XMPPTCPConnection from, String to, String body) throws Exception {
        from.sendStanza(from.getStanzaFactory().buildMessageStanza()
                .to(JidCreate.from(to))
                .ofType(Message.Type.chat)
                .setBody(body)
                .build());
    }

    private static Presence nextFrom(BlockingQueue<Presence> inbox, EntityFullJid from) throws Exception {
        Presence p;
        do {
            p = next(inbox);
        } while (!from.equals(p.getFrom()));
        return p;
    }
}
