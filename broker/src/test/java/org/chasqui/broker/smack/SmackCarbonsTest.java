package org.chasqui.broker.smack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.broker.smack.SmackClients.next;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.util.ParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smack 4.4's CarbonManager (XEP-0280) against the server: discovery, enabling, and the sent and
 * received copies it accepts (it checks that they come from the account's own bare JID, §11).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmackCarbonsTest {

    @TempDir
    Path dataDir;

    private SmackSessions sessions;

    static {
        // Smack 4.4.8 has no provider for <private/>; its generic one, given Aalto's StAX parser (on
        // our classpath for the server), trips an assertion on the default namespace declaration.
        ProviderManager.addExtensionProvider("private", CarbonExtension.NAMESPACE,
                new ExtensionElementProvider<CarbonExtension.Private>() {
                    @Override
                    public CarbonExtension.Private parse(XmlPullParser parser, int initialDepth, XmlEnvironment env)
                            throws XmlPullParserException, IOException {
                        ParserUtils.forwardToEndTagOfDepth(parser, initialDepth);
                        return CarbonExtension.Private.INSTANCE;
                    }
                });
    }

    @BeforeEach
    void start() throws Exception {
        sessions = SmackSessions.start(dataDir, "alice", "bob");
    }

    @AfterEach
    void stop() {
        sessions.close();
    }

    private record Copy(CarbonExtension.Direction direction, Message carbonCopy, Message wrapping) {
    }

    private static BlockingQueue<Copy> copies(CarbonManager carbons) {
        BlockingQueue<Copy> queue = new LinkedBlockingQueue<>();
        carbons.addCarbonCopyReceivedListener((direction, copy, wrapping) -> queue.add(new Copy(direction, copy, wrapping)));
        return queue;
    }

    private static Message chat(XMPPTCPConnection to, String body) {
        return MessageBuilder.buildMessage().to(to.getUser()).ofType(Message.Type.chat).setBody(body).build();
    }

    @Test
    void aliceSeesOnHerPhoneWhatHerLaptopSendsAndReceives() throws Exception {
        XMPPTCPConnection laptop = sessions.user("alice", "laptop");
        XMPPTCPConnection phone = sessions.user("alice", "phone");
        XMPPTCPConnection bob = sessions.user("bob", "desk");
        CarbonManager phoneCarbons = CarbonManager.getInstanceFor(phone);
        assertThat(phoneCarbons.isSupportedByServer()).isTrue();
        BlockingQueue<Copy> onPhone = copies(phoneCarbons);
        phoneCarbons.enableCarbons();
        assertThat(phoneCarbons.getCarbonsEnabled()).isTrue();

        laptop.sendStanza(chat(bob, "hi Bob, from the laptop"));
        Copy sent = next(onPhone);
        assertThat(sent.direction()).isEqualTo(CarbonExtension.Direction.sent);
        assertThat(sent.carbonCopy().getBody()).isEqualTo("hi Bob, from the laptop");
        assertThat(sent.carbonCopy().getFrom().toString()).isEqualTo(laptop.getUser().toString());
        assertThat(sent.carbonCopy().getTo().toString()).isEqualTo(bob.getUser().toString());
        assertThat(sent.wrapping().getFrom().toString()).isEqualTo(phone.getUser().asBareJid().toString());

        bob.sendStanza(chat(laptop, "hi Alice's laptop"));
        Copy received = next(onPhone);
        assertThat(received.direction()).isEqualTo(CarbonExtension.Direction.received);
        assertThat(received.carbonCopy().getBody()).isEqualTo("hi Alice's laptop");
        assertThat(received.carbonCopy().getFrom().toString()).isEqualTo(bob.getUser().toString());
        assertThat(received.carbonCopy().getTo().toString()).isEqualTo(laptop.getUser().toString());
    }

    @Test
    void afterDisablingNoCopiesArrive() throws Exception {
        XMPPTCPConnection laptop = sessions.user("alice", "laptop");
        XMPPTCPConnection phone = sessions.user("alice", "phone");
        XMPPTCPConnection bob = sessions.user("bob", "desk");
        CarbonManager phoneCarbons = CarbonManager.getInstanceFor(phone);
        BlockingQueue<Copy> onPhone = copies(phoneCarbons);
        phoneCarbons.enableCarbons();
        phoneCarbons.disableCarbons();
        assertThat(phoneCarbons.getCarbonsEnabled()).isFalse();
        BlockingQueue<Message> atBob = SmackClients.inbox(bob, Message.class);

        laptop.sendStanza(chat(bob, "not copied"));
        assertThat(next(atBob).getBody()).isEqualTo("not copied");
        assertThat(onPhone.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aPrivateMessageIsNotCopied() throws Exception {
        XMPPTCPConnection laptop = sessions.user("alice", "laptop");
        XMPPTCPConnection phone = sessions.user("alice", "phone");
        XMPPTCPConnection bob = sessions.user("bob", "desk");
        CarbonManager phoneCarbons = CarbonManager.getInstanceFor(phone);
        BlockingQueue<Copy> onPhone = copies(phoneCarbons);
        phoneCarbons.enableCarbons();
        BlockingQueue<Message> atBob = SmackClients.inbox(bob, Message.class);

        MessageBuilder secret = MessageBuilder.buildMessage().to(bob.getUser()).ofType(Message.Type.chat).setBody("secret");
        CarbonExtension.Private.addTo(secret);
        laptop.sendStanza(secret.build());
        assertThat(next(atBob).getBody()).isEqualTo("secret");
        assertThat(onPhone.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }
}
