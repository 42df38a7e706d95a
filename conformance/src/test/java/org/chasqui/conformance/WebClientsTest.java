package org.chasqui.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * JavaScript XMPP clients from npm against a fresh Chasqui with the default configuration (but for
 * free ports and a temporary data directory): {@code @xmpp/client} in Node over WebSocket, and
 * strophe.js in headless Chromium over WebSocket and BOSH, on a page served from another origin that
 * finds the server's URLs in its XEP-0156 host-meta. Each logs in, subscribes to a node of {@code pubsub.<domain>} that a TCP client (Smack) created,
 * must receive exactly the item the TCP client then publishes, and exchanges a chat message with it
 * both ways. The scripts are in conformance/web; {@code web/install.sh} installs what they need
 * (the npm packages of package-lock.json, Debian's chromium) before the first test.
 */
class WebClientsTest {

    static final Path WEB = Path.of("web").toAbsolutePath();
    static final Path LOGS = Path.of("target", "web-clients").toAbsolutePath();
    private static final String PUBLISHER = "publisher";
    private static final String PASSWORD = "correct horse battery staple";
    private static final long INSTALL_TIMEOUT_MINUTES = 20;
    /** Starting Chromium and logging in; the later steps are quick. */
    private static final Duration FIRST_STEP = Duration.ofSeconds(45);
    private static final Duration STEP = Duration.ofSeconds(20);
    /** On each test, not on the class: there it would bound the install too. */
    private static final int TEST_TIMEOUT_SECONDS = 90;

    @TempDir
    static Path dataDir;

    private static ConformanceServer server;
    private static XMPPTCPConnection tcp;
    private static PubSubManager pubsub;
    private static final BlockingQueue<Message> tcpMessages = new LinkedBlockingQueue<>();

    @BeforeAll
    static void installClients() throws Exception {
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve("install.log");
        long started = System.nanoTime();
        Process install = new ProcessBuilder("bash", WEB.resolve("install.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        install.getOutputStream().close();
        if (!install.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            install.descendants().forEach(ProcessHandle::destroyForcibly);
            install.destroyForcibly();
            throw new AssertionError("web/install.sh still running after " + INSTALL_TIMEOUT_MINUTES
                    + " min; its output (" + log + "):\n" + JsClient.tail(log, 60));
        }
        if (install.exitValue() != 0) {
            throw new AssertionError("web/install.sh failed with exit code " + install.exitValue()
                    + "; its output (" + log + "):\n" + JsClient.tail(log, 60));
        }
        System.out.printf("web clients: install.sh took %d ms: %s%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), JsClient.tail(log, 1));
    }

    @BeforeAll
    static void startServer() throws Exception {
        server = ConformanceServer.startWithDefaults(dataDir);
        for (String account : List.of(PUBLISHER, "node-ws", "browser-ws", "browser-bosh")) {
            server.createAccount(account, PASSWORD);
        }
        tcp = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(server.domain())
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(server.starttlsPort())
                .setCustomX509TrustManager(server.trustManager())
                .setSecurityMode(SecurityMode.required)
                .setUsernameAndPassword(PUBLISHER, PASSWORD)
                .setResource("tcp")
                .build());
        tcp.addAsyncStanzaListener(s -> tcpMessages.add((Message) s), MessageWithBodiesFilter.INSTANCE);
        tcp.connect().login();
        pubsub = PubSubManager.getInstanceFor(tcp, JidCreate.bareFrom("pubsub." + server.domain()));
    }

    @AfterAll
    static void stop() {
        if (tcp != null) {
            tcp.disconnect();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Timeout(TEST_TIMEOUT_SECONDS)
    void xmppClientInNodeOverWebSocket() throws Exception {
        String url = baseUrl("ws") + "/xmpp-websocket";
        scenario("node-ws", List.of("node", "--experimental-websocket", "xmpp-client-node.mjs", "service=" + url), url);
    }

    /** The page finds the URL in host-meta (XEP-0156), as a web app pointed only at the domain would. */
    @Test
    @Timeout(TEST_TIMEOUT_SECONDS)
    void stropheInChromiumOverWebSocket() throws Exception {
        scenario("browser-ws", List.of("node", "browser-client.mjs", "hostmeta=" + hostMeta(), "transport=websocket"),
                baseUrl("ws") + "/xmpp-websocket");
    }

    @Test
    @Timeout(TEST_TIMEOUT_SECONDS)
    void stropheInChromiumOverBosh() throws Exception {
        scenario("browser-bosh", List.of("node", "browser-client.mjs", "hostmeta=" + hostMeta(), "transport=bosh"),
                baseUrl("http") + "/http-bind");
    }

    private static String baseUrl(String scheme) {
        return scheme + "://127.0.0.1:" + server.httpPort();
    }

    private static String hostMeta() {
        return baseUrl("http") + "/.well-known/host-meta.json";
    }

    /**
     * The JS client {@code account} connects to {@code service}, logs in and subscribes; the TCP
     * client publishes one item, which the JS client must report and nothing else; then a chat
     * message from the JS client to the TCP client and one back.
     */
    private static void scenario(String account, List<String> command, String service) throws Exception {
        String node = "web-" + account;
        LeafNode leaf = pubsub.createNode(node);
        EntityFullJid tcpJid = tcp.getUser();
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("jid=" + account + "@" + server.domain(), "password=" + PASSWORD,
                "pubsub=" + pubsub.getServiceJid(), "node=" + node, "peer=" + tcpJid));
        tcpMessages.clear();
        try (JsClient js = JsClient.start(account, WEB, LOGS, full)) {
            assertThat(js.expect("SERVICE ", FIRST_STEP)).isEqualTo(service);
            String jsJid = js.expect("ONLINE ", FIRST_STEP);
            assertThat(jsJid).startsWith(account + "@" + server.domain() + "/");
            js.expect("SUBSCRIBED " + node, STEP);

            String itemId = "item-" + account;
            String payload = "hello " + account;
            leaf.publish(new PayloadItem<>(itemId,
                    new SimplePayload("<entry xmlns='urn:chasqui:test:web'>" + payload + "</entry>")));
            assertThat(js.next(STEP)).isEqualTo("NOTIFIED " + itemId + " " + payload);

            // The JS client speaks right after the notification: a second item would come first.
            String body = js.expect("SENT ", STEP);
            Message fromJs = tcpMessages.poll(STEP.toMillis(), TimeUnit.MILLISECONDS);
            if (fromJs == null) {
                throw js.failure("the TCP client got no message within " + STEP.toSeconds() + " s");
            }
            assertThat(fromJs.getFrom().toString()).isEqualTo(jsJid);
            assertThat(fromJs.getBody()).isEqualTo(body);

            String answer = "hello " + account + ", from TCP";
            tcp.sendStanza(tcp.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.entityFullFrom(jsJid))
                    .ofType(Message.Type.chat)
                    .setBody(answer)
                    .build());
            assertThat(js.next(STEP)).isEqualTo("MESSAGE " + tcpJid + " " + answer);
            assertThat(js.next(STEP)).isEqualTo("DONE");
            assertThat(js.exitCode(STEP)).as("exit code of " + account).isZero();
        }
    }
}
