package org.chasqui.broker.smack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.broker.smack.SmackClients.inbox;
import static org.chasqui.broker.smack.SmackClients.next;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.Jid;

/**
 * Smack 4.4's XEP-0198 client against the server: acks, resumption after the TCP connection is cut
 * with messages sent meanwhile, and what happens when the phone does not come back in time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmackStreamManagementTest {

    @TempDir
    Path dataDir;

    private SmackSessions sessions;

    @BeforeEach
    void start() throws Exception {
        sessions = SmackSessions.start(dataDir, "alice", "bob");
    }

    @AfterEach
    void stop() {
        sessions.close();
    }

    private static Message chat(Jid to, String body) {
        return MessageBuilder.buildMessage().to(to).ofType(Message.Type.chat).setBody(body).build();
    }

    /** Everything that arrives until {@code quietMs} pass without anything more. */
    private static List<String> drain(BlockingQueue<Message> inbox, long quietMs) throws InterruptedException {
        List<String> bodies = new ArrayList<>();
        Message m;
        while ((m = inbox.poll(quietMs, TimeUnit.MILLISECONDS)) != null) {
            bodies.add(m.getBody());
        }
        return bodies;
    }

    @Test
    void aCutConnectionIsResumedAndEveryMessageArrivesExactlyOnce() throws Exception {
        XMPPTCPConnection phone = sessions.resumable("alice", "phone", 0);
        XMPPTCPConnection bob = sessions.user("bob", "desk");
        assertThat(phone.isSmEnabled()).isTrue();
        assertThat(phone.isSmResumptionPossible()).isTrue();
        Jid phoneJid = phone.getUser();
        BlockingQueue<Message> atPhone = inbox(phone, Message.class);
        BlockingQueue<Message> atBob = inbox(bob, Message.class);

        for (int i = 1; i <= 3; i++) {
            bob.sendStanza(chat(phoneJid, "before " + i));
        }
        for (int i = 1; i <= 3; i++) {
            assertThat(next(atPhone).getBody()).isEqualTo("before " + i);
        }

        phone.instantShutdown(); // the TCP connection is gone; no </stream:stream>
        assertThat(phone.isDisconnectedButSmResumptionPossible()).isTrue();
        for (int i = 1; i <= 3; i++) {
            bob.sendStanza(chat(phoneJid, "meanwhile " + i));
        }
        Thread.sleep(300); // they reach the waiting session, not the bare JID

        phone.connect().login();
        assertThat(phone.streamWasResumed()).isTrue();
        assertThat(phone.getUser().toString()).isEqualTo(phoneJid.toString());
        bob.sendStanza(chat(phoneJid, "after"));

        assertThat(drain(atPhone, 1500)).containsExactly("meanwhile 1", "meanwhile 2", "meanwhile 3", "after");
        assertThat(atBob).as("no errors came back to the sender").isEmpty();

        // and once more, now that the phone has acknowledged everything it got
        phone.instantShutdown();
        bob.sendStanza(chat(phoneJid, "second gap"));
        phone.connect().login();
        assertThat(phone.streamWasResumed()).isTrue();
        assertThat(drain(atPhone, 1500)).containsExactly("second gap");
    }

    @Test
    void anUnresumedPhoneHandsItsMessagesToTheLaptop() throws Exception {
        XMPPTCPConnection laptop = sessions.user("alice", "laptop");
        XMPPTCPConnection phone = sessions.resumable("alice", "phone", 1); // <enable max='1'/>
        XMPPTCPConnection bob = sessions.user("bob", "desk");
        Jid phoneJid = phone.getUser();
        BlockingQueue<Message> atLaptop = inbox(laptop, Message.class);
        BlockingQueue<Presence> presenceAtLaptop = inbox(laptop, Presence.class);

        phone.instantShutdown();
        bob.sendStanza(chat(phoneJid, "are you there?"));
        Message redelivered = next(atLaptop);
        assertThat(redelivered.getBody()).isEqualTo("are you there?");
        assertThat(redelivered.getFrom().toString()).isEqualTo(bob.getUser().toString());
        Presence gone;
        do {
            gone = next(presenceAtLaptop);
        } while (!(gone.getFrom().equals(phoneJid) && gone.getType() == Presence.Type.unavailable));

        phone.connect().login(); // too late: a new session
        assertThat(phone.streamWasResumed()).isFalse();
        assertThat(phone.isSmEnabled()).isTrue();
        bob.sendStanza(chat(phone.getUser(), "hello again"));
        assertThat(next(inbox(phone, Message.class)).getBody()).isEqualTo("hello again");
        assertThat(drain(atLaptop, 300)).isEmpty();
    }
}
