package org.chasqui.broker.smack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chasqui.broker.smack.SmackClients.bare;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.jivesoftware.smackx.iqlast.LastActivityManager;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smack 4.4's BlockingCommandManager (XEP-0191), VCardManager (XEP-0054) and LastActivityManager
 * (XEP-0012) against the server, as a client application would use them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmackBlockingAndVCardTest {

    @TempDir
    Path dataDir;

    private SmackSessions sessions;

    @BeforeEach
    void start() throws Exception {
        sessions = SmackSessions.start(dataDir, "alice", "bob", "carol");
    }

    @AfterEach
    void stop() {
        sessions.close();
    }

    @Test
    void aliceBlocksBobOnHerLaptopAndHerPhoneHearsOfIt() throws Exception {
        XMPPTCPConnection laptop = sessions.user("alice", "laptop");
        XMPPTCPConnection phone = sessions.user("alice", "phone");
        XMPPTCPConnection bob = sessions.user("bob", "desk");
        BlockingCommandManager onLaptop = BlockingCommandManager.getInstanceFor(laptop);
        BlockingCommandManager onPhone = BlockingCommandManager.getInstanceFor(phone);
        assertThat(onLaptop.isSupportedByServer()).isTrue();
        assertThat(onLaptop.getBlockList()).isEmpty();
        assertThat(onPhone.getBlockList()).isEmpty(); // the phone now gets pushes
        BlockingQueue<List<Jid>> blockedOnPhone = new LinkedBlockingQueue<>();
        BlockingQueue<Boolean> allUnblockedOnPhone = new LinkedBlockingQueue<>();
        BlockingQueue<Boolean> allUnblockedOnLaptop = new LinkedBlockingQueue<>();
        onPhone.addJidsBlockedListener(blockedOnPhone::add);
        onPhone.addAllJidsUnblockedListener(() -> allUnblockedOnPhone.add(true));
        onLaptop.addAllJidsUnblockedListener(() -> allUnblockedOnLaptop.add(true));
        BlockingQueue<Message> bounces = new LinkedBlockingQueue<>();
        bob.addAsyncStanzaListener(s -> bounces.add((Message) s), MessageTypeFilter.ERROR);

        Jid bobJid = bare("bob", sessions.server);
        onLaptop.blockContacts(List.of(bobJid));
        assertThat(blockedOnPhone.poll(10, TimeUnit.SECONDS)).containsExactly(bobJid);
        assertThat(onPhone.getBlockList()).containsExactly(bobJid);

        bob.sendStanza(MessageBuilder.buildMessage("m1").to(laptop.getUser()).ofType(Message.Type.chat)
                .setBody("hello?").build());
        Message bounce = bounces.poll(10, TimeUnit.SECONDS);
        assertThat(bounce).isNotNull();
        assertThat(bounce.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);

        onLaptop.unblockAll();
        assertThat(allUnblockedOnPhone.poll(10, TimeUnit.SECONDS)).isTrue();
        // Smack keeps the list from the pushes, which it handles on another thread than the result
        assertThat(allUnblockedOnLaptop.poll(10, TimeUnit.SECONDS)).isTrue();
        assertThat(onLaptop.getBlockList()).isEmpty();
    }

    @Test
    void bobReadsTheVCardAliceSaved() throws Exception {
        XMPPTCPConnection alice = sessions.user("alice", "laptop");
        XMPPTCPConnection bob = sessions.user("bob", "desk");
        VCardManager aliceCards = VCardManager.getInstanceFor(alice);
        assertThat(aliceCards.isSupported(JidCreate.domainBareFrom(sessions.server.domain()))).isTrue();
        VCard empty = aliceCards.loadVCard();
        assertThat(empty.getFirstName()).isNull();

        VCard card = new VCard();
        card.setFirstName("Alice");
        card.setLastName("Liddell");
        card.setNickName("al");
        card.setEmailHome("alice@example.org");
        card.setOrganization("Wonderland");
        aliceCards.saveVCard(card);

        VCard seen = VCardManager.getInstanceFor(bob).loadVCard(bare("alice", sessions.server));
        assertThat(seen.getFirstName()).isEqualTo("Alice");
        assertThat(seen.getLastName()).isEqualTo("Liddell");
        assertThat(seen.getNickName()).isEqualTo("al");
        assertThat(seen.getEmailHome()).isEqualTo("alice@example.org");
        assertThat(seen.getOrganization()).isEqualTo("Wonderland");

        // XEP-0054 §3.3: no vCard is service-unavailable, as for a missing account
        assertThatThrownBy(() -> VCardManager.getInstanceFor(bob).loadVCard(bare("carol", sessions.server)))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.service_unavailable));
    }

    @Test
    void theServerReportsItsUptime() throws Exception {
        XMPPTCPConnection alice = sessions.user("alice", "laptop");
        LastActivityManager last = LastActivityManager.getInstanceFor(alice);
        Jid server = JidCreate.domainBareFrom(sessions.server.domain());
        assertThat(last.isLastActivitySupported(server)).isTrue();
        assertThat(last.getLastActivity(server).getIdleTime()).isGreaterThanOrEqualTo(0);
    }
}
