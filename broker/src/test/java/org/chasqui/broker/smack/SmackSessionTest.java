package org.chasqui.broker.smack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.broker.smack.SmackClients.await;
import static org.chasqui.broker.smack.SmackClients.closedOnError;
import static org.chasqui.broker.smack.SmackClients.inbox;
import static org.chasqui.broker.smack.SmackClients.login;
import static org.chasqui.broker.smack.SmackClients.next;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chasqui.broker.testing.TestServer;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqversion.VersionManager;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** A bound session seen from Smack: resource conflicts (RFC 6120 §7.7.2.2) and the server's own IQs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmackSessionTest {

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

    /** RFC 6120 §7.7.2.2 (override): the older session ends with a conflict stream error. */
    @Test
    void sameResourceTwiceEndsTheFirstSessionWithConflict() throws Exception {
        XMPPTCPConnection first = user("alice", "phone");
        CompletableFuture<Exception> firstClosed = closedOnError(first);

        XMPPTCPConnection second = user("alice", "phone");

        Exception e = await(firstClosed);
        assertThat(e).isInstanceOf(StreamErrorException.class);
        assertThat(((StreamErrorException) e).getStreamError().getCondition())
                .isEqualTo(StreamError.Condition.conflict);
        assertThat(first.isConnected()).isFalse();

        assertThat(second.getUser().toString()).isEqualTo("alice@localhost/phone");
        BlockingQueue<Message> atSecond = inbox(second, Message.class);
        XMPPTCPConnection bob = user("bob", "desk");
        bob.sendStanza(bob.getStanzaFactory().buildMessageStanza()
                .to(JidCreate.from("alice@localhost/phone")).setBody("still there?").build());
        assertThat(next(atSecond).getBody()).isEqualTo("still there?");
        assertThat(PingManager.getInstanceFor(second).pingMyServer(false, SmackClients.REPLY_TIMEOUT_MS)).isTrue();
    }

    /** XEP-0030 §3.1 disco#info of the domain, XEP-0199 §4.2 ping, XEP-0092 version. */
    @Test
    void discoPingAndVersionOfTheServer() throws Exception {
        XMPPTCPConnection c = user("alice", "laptop");
        DomainBareJid domain = JidCreate.domainBareFrom(server.domain());

        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(c).discoverInfo(domain);
        assertThat(info.getFrom().toString()).isEqualTo("localhost");
        assertThat(info.hasIdentity("server", "im")).isTrue();
        assertThat(info.getIdentities("server", "im")).singleElement()
                .satisfies(id -> assertThat(id.getName()).isEqualTo("Chasqui"));
        assertThat(info.containsFeature("urn:xmpp:ping")).isTrue();
        assertThat(info.containsFeature("jabber:iq:version")).isTrue();
        assertThat(info.containsFeature("http://jabber.org/protocol/disco#info")).isTrue();
        assertThat(info.containsFeature("http://jabber.org/protocol/disco#items")).isTrue();
        assertThat(info.containsDuplicateFeatures()).isFalse();
        assertThat(ServiceDiscoveryManager.getInstanceFor(c).serverSupportsFeature("urn:xmpp:ping")).isTrue();
        assertThat(ServiceDiscoveryManager.getInstanceFor(c).discoverItems(domain).getItems())
                .extracting(i -> i.getEntityID().toString()).containsExactly("pubsub.localhost");

        assertThat(PingManager.getInstanceFor(c).pingMyServer(false, SmackClients.REPLY_TIMEOUT_MS)).isTrue();

        Version version = VersionManager.getInstanceFor(c).getVersion(domain);
        assertThat(version.getName()).isEqualTo("Chasqui");
        assertThat(version.getVersion()).isNotBlank();
    }

    /** RFC 6121 §8.5.2.1.3 / XEP-0030: the server answers disco#info for an account's bare JID. */
    @Test
    void discoOfAnAccountBareJid() throws Exception {
        XMPPTCPConnection c = user("alice", "laptop");
        user("bob", "desk");
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(c).discoverInfo(JidCreate.from("bob@localhost"));
        assertThat(info.hasIdentity("account", "registered")).isTrue();
    }
}
