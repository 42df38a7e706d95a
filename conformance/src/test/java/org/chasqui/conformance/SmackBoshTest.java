package org.chasqui.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.bosh.BOSHConfiguration;
import org.jivesoftware.smack.bosh.XMPPBOSHConnection;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.pubsub.ItemPublishEvent;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A real BOSH client (Smack 4.5's XMPPBOSHConnection on jbosh) against Chasqui's {@code /http-bind}
 * (XEP-0124, XEP-0206): it logs in, chats with a Smack TCP client and receives the pubsub
 * notification of an item the TCP client publishes. Plain HTTP on loopback, which the server treats
 * as secure ({@code http.loopback_without_tls}).
 */
class SmackBoshTest {

    private static final String PASSWORD = "bosh and tcp";
    private static final long TIMEOUT_MS = 15_000;

    @TempDir
    static Path dataDir;
    static ConformanceServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ConformanceServer.start(dataDir);
        server.createAccount("juliet", PASSWORD);
        server.createAccount("romeo", PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static XMPPBOSHConnection bosh(String user, String resource) throws Exception {
        return new XMPPBOSHConnection(BOSHConfiguration.builder()
                .setXmppDomain(server.domain())
                // a name, not an address: Smack 4.5.0-beta5 builds the BOSH URI from InetAddress.toString()
                // ("localhost/127.0.0.1", or "/127.0.0.1" for an IP literal)
                .setHost("localhost")
                .setPort(server.httpPort())
                .setFile("/http-bind")
                .setUseHttps(false)
                .setSecurityMode(SecurityMode.disabled)
                .setUsernameAndPassword(user, PASSWORD)
                .setResource(resource)
                .build());
    }

    private static XMPPTCPConnection tcp(String user, String resource) throws Exception {
        return new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(server.domain())
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(server.starttlsPort())
                .setCustomX509TrustManager(server.trustManager())
                .setSecurityMode(SecurityMode.required)
                .setUsernameAndPassword(user, PASSWORD)
                .setResource(resource)
                .build());
    }

    @Test
    void boshClientChatsWithTcpClientAndGetsPubsubNotifications() throws Exception {
        XMPPBOSHConnection juliet = bosh("juliet", "browser");
        XMPPTCPConnection romeo = tcp("romeo", "phone");
        try {
            juliet.connect().login();
            romeo.connect().login();
            assertThat(juliet.isAuthenticated()).isTrue();
            assertThat(juliet.getUser().toString()).isEqualTo("juliet@" + server.domain() + "/browser");

            // BOSH -> TCP
            StanzaCollector atRomeo = romeo.createStanzaCollector(
                    new AndFilter(StanzaTypeFilter.MESSAGE, FromMatchesFilter.createFull(juliet.getUser())));
            juliet.sendStanza(juliet.getStanzaFactory().buildMessageStanza().to(romeo.getUser())
                    .ofType(Message.Type.chat).setBody("Wherefore art thou, Romeo?").build());
            Message received = atRomeo.nextResult(TIMEOUT_MS);
            assertThat(received).as("juliet's message at romeo").isNotNull();
            assertThat(received.getBody()).isEqualTo("Wherefore art thou, Romeo?");
            atRomeo.cancel();

            // TCP -> BOSH
            StanzaCollector atJuliet = juliet.createStanzaCollector(
                    new AndFilter(StanzaTypeFilter.MESSAGE, FromMatchesFilter.createFull(romeo.getUser())));
            romeo.sendStanza(romeo.getStanzaFactory().buildMessageStanza().to(juliet.getUser())
                    .ofType(Message.Type.chat).setBody("By a name I know not how to tell thee").build());
            Message reply = atJuliet.nextResult(TIMEOUT_MS);
            assertThat(reply).as("romeo's message at juliet").isNotNull();
            assertThat(reply.getBody()).isEqualTo("By a name I know not how to tell thee");
            atJuliet.cancel();

            // pubsub: romeo (TCP) publishes, juliet (BOSH) is notified (XEP-0060 §7.1.2.1)
            var service = JidCreate.bareFrom("pubsub." + server.domain());
            LeafNode romeoNode = PubSubManager.getInstanceFor(romeo, service).createNode("balcony-news");
            LeafNode julietNode = PubSubManager.getInstanceFor(juliet, service).getLeafNode("balcony-news");
            BlockingQueue<ItemPublishEvent<?>> events = new LinkedBlockingQueue<>();
            julietNode.addItemEventListener(events::add);
            julietNode.subscribe(juliet.getUser().asBareJid());
            romeoNode.publish(new PayloadItem<>("item-1",
                    new SimplePayload("<entry xmlns='urn:example:balcony'>Soft, what light</entry>")));
            ItemPublishEvent<?> event = events.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertThat(event).as("the notification at juliet").isNotNull();
            assertThat(event.getNodeId()).isEqualTo("balcony-news");
            assertThat(event.getItems()).hasSize(1);
            assertThat(event.getItems().get(0).getId()).isEqualTo("item-1");
            assertThat(event.getItems().get(0).toXML().toString()).contains("Soft, what light");
        } finally {
            juliet.disconnect();
            romeo.disconnect();
        }
    }
}
