package org.chasqui.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.AbstractXMPPConnection;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnectionConfiguration;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smack.websocket.XmppWebSocketTransportModuleDescriptor;
import org.jivesoftware.smack.websocket.java11.Java11WebSocketFactory;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smack's own RFC 7395 transport (smack-websocket with the JDK 11 WebSocket) against Chasqui's
 * WebSocket endpoint, talking to a Smack TCP client: messages both ways and a pubsub notification.
 * Plain ws: on loopback (the default {@code http.loopback_without_tls}): Smack's JDK 11 WebSocket uses
 * a static HttpClient with the JVM's default trust, which cannot be given the test certificate.
 */
class SmackWebSocketTest {

    @TempDir
    static Path dataDir;
    static ConformanceServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ConformanceServer.start(dataDir);
        server.createAccount("webby", "web password");
        server.createAccount("tcpy", "tcp password");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static AbstractXMPPConnection webSocket(String user, String password) throws Exception {
        ModularXmppClientToServerConnectionConfiguration.Builder b = ModularXmppClientToServerConnectionConfiguration.builder();
        b.removeAllModules();
        b.addModule(XmppWebSocketTransportModuleDescriptor.getBuilder(b)
                .explicitlySetWebSocketEndpointAndDiscovery(
                        URI.create("ws://127.0.0.1:" + server.httpPort() + "/xmpp-websocket"), false)
                .setWebSocketFactory(new Java11WebSocketFactory())
                .build());
        b.setXmppDomain(server.domain())
                .setUsernameAndPassword(user, password)
                .setResource("web")
                .setSecurityMode(SecurityMode.disabled);
        ModularXmppClientToServerConnection connection = new ModularXmppClientToServerConnection(b.build());
        connection.connect().login();
        return connection;
    }

    private static AbstractXMPPConnection tcp(String user, String password) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(server.domain())
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(server.starttlsPort())
                .setUsernameAndPassword(user, password)
                .setResource("tcp")
                .setCustomX509TrustManager(server.trustManager())
                .setSecurityMode(SecurityMode.required)
                .build());
        connection.connect().login();
        return connection;
    }

    @Test
    void messagesFlowBothWaysBetweenWebSocketAndTcp() throws Exception {
        AbstractXMPPConnection web = webSocket("webby", "web password");
        AbstractXMPPConnection tcp = tcp("tcpy", "tcp password");
        try {
            BlockingQueue<Message> atWeb = new LinkedBlockingQueue<>();
            BlockingQueue<Message> atTcp = new LinkedBlockingQueue<>();
            web.addAsyncStanzaListener(s -> atWeb.add((Message) s), s -> s instanceof Message m && m.getBody() != null);
            tcp.addAsyncStanzaListener(s -> atTcp.add((Message) s), s -> s instanceof Message m && m.getBody() != null);

            web.sendStanza(MessageBuilder.buildMessage().to(tcp.getUser()).ofType(Message.Type.chat)
                    .setBody("from the browser side <&> ✓").build());
            Message got = atTcp.poll(10, TimeUnit.SECONDS);
            assertThat(got).isNotNull();
            assertThat(got.getFrom().toString()).isEqualTo(web.getUser().toString());
            assertThat(got.getBody()).isEqualTo("from the browser side <&> ✓");

            tcp.sendStanza(MessageBuilder.buildMessage().to(web.getUser()).ofType(Message.Type.chat)
                    .setBody("and back").build());
            Message back = atWeb.poll(10, TimeUnit.SECONDS);
            assertThat(back).isNotNull();
            assertThat(back.getFrom().toString()).isEqualTo(tcp.getUser().toString());
            assertThat(back.getBody()).isEqualTo("and back");
        } finally {
            web.disconnect();
            tcp.disconnect();
        }
    }

    @Test
    void webSocketSubscriberGetsTheNotificationOfATcpPublisher() throws Exception {
        AbstractXMPPConnection web = webSocket("webby", "web password");
        AbstractXMPPConnection tcp = tcp("tcpy", "tcp password");
        try {
            var service = JidCreate.domainBareFrom("pubsub." + server.domain());
            LeafNode published = PubSubManager.getInstanceFor(tcp, service).createNode("ws-feed");
            LeafNode subscribed = PubSubManager.getInstanceFor(web, service).getLeafNode("ws-feed");
            BlockingQueue<Item> items = new LinkedBlockingQueue<>();
            subscribed.addItemEventListener(event -> items.addAll(event.getItems()));
            subscribed.subscribe(web.getUser().asBareJid());

            published.publish(new PayloadItem<>("item-1",
                    new SimplePayload("<entry xmlns='http://www.w3.org/2005/Atom'><title>over WebSocket</title></entry>")));
            Item item = items.poll(10, TimeUnit.SECONDS);
            assertThat(item).isNotNull();
            assertThat(item.getId()).isEqualTo("item-1");
            assertThat(item.toXML().toString()).contains(">over WebSocket</title>");
            assertThat(items.poll(1, TimeUnit.SECONDS)).as("exactly one notification").isNull();
        } finally {
            web.disconnect();
            tcp.disconnect();
        }
    }
}
