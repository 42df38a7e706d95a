package org.chasqui.broker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.broker.testing.WebSocketXmppClient;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 7395 transcripts over real WebSockets (the JDK's client), with a TCP client on the other side. */
class WebSocketTest {

    private static final String SASL = Namespaces.SASL;

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
        server.addUser("romeo", "wherefore art thou");
        server.addUser("juliet", "a rose by any other name");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WebSocketXmppClient login(String user, String password, String resource) throws Exception {
        WebSocketXmppClient ws = WebSocketXmppClient.connect(server.httpPort());
        ws.open();
        ws.authenticatePlain(user, password);
        ws.bind(resource);
        return ws;
    }

    @Test
    void handshakeSelectsTheXmppSubprotocol() throws Exception {
        try (WebSocketXmppClient ws = WebSocketXmppClient.connect(server.httpPort())) {
            assertThat(ws.subprotocol()).isEqualTo("xmpp"); // RFC 7395 §3.3.1
        }
    }

    @Test
    void handshakeWithoutTheXmppSubprotocolIsRefused() {
        URI uri = URI.create("ws://127.0.0.1:" + server.httpPort() + "/xmpp-websocket");
        assertThatThrownBy(() -> WebSocketXmppClient.connect(uri, null, "chat"))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void openIsAnsweredWithOpenAndFeatures() throws Exception {
        try (WebSocketXmppClient ws = WebSocketXmppClient.connect(server.httpPort())) {
            Element features = ws.open();
            // a loopback client on plain HTTP may authenticate (http.loopback_without_tls), PLAIN included
            List<String> mechanisms = features.child("mechanisms", SASL).elements().stream().map(Element::text).toList();
            assertThat(mechanisms).contains("PLAIN", "SCRAM-SHA-256");
            assertThat(features.child("starttls", Namespaces.TLS)).isNull(); // RFC 7395 §3.3.4
        }
    }

    @Test
    void chatsWithATcpClientBothWays() throws Exception {
        try (WebSocketXmppClient romeo = login("romeo", "wherefore art thou", "web");
             RawXmppClient juliet = RawXmppClient.login(server, "juliet", "a rose by any other name", "balcony")) {
            romeo.send("<message xmlns='jabber:client' to='juliet@localhost/balcony' type='chat'><body>Art thou there?</body></message>");
            Element atJuliet = juliet.expectStanza("message");
            assertThat(atJuliet.attribute("from")).isEqualTo("romeo@localhost/web");
            assertThat(atJuliet.childText("body", Namespaces.CLIENT)).isEqualTo("Art thou there?");

            juliet.send("<message to='romeo@localhost/web' type='chat'><body>Ay &amp; here</body></message>");
            Element atRomeo = romeo.expect("message", Namespaces.CLIENT);
            assertThat(atRomeo.attribute("from")).isEqualTo("juliet@localhost/balcony");
            assertThat(atRomeo.childText("body", Namespaces.CLIENT)).isEqualTo("Ay & here");
        }
    }

    @Test
    void stanzasCarryTheirNamespaceInEveryMessage() throws Exception {
        try (WebSocketXmppClient romeo = login("romeo", "wherefore art thou", "ns")) {
            romeo.send("<iq xmlns='jabber:client' type='get' id='p1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
            String text = romeo.nextText();
            assertThat(text).startsWith("<iq").contains("xmlns='jabber:client'"); // RFC 7395 §3.3.3
            assertThat(org.chasqui.broker.testing.Xml.stanza(text).attribute("type")).isEqualTo("result");
        }
    }

    @Test
    void closeIsAnsweredWithCloseAndTheConnectionEnds() throws Exception {
        try (WebSocketXmppClient romeo = login("romeo", "wherefore art thou", "closing")) {
            romeo.send("<close xmlns='" + WebSocketXmppClient.FRAMING + "'/>");
            List<String> last = romeo.expectClosed(); // RFC 7395 §3.6
            assertThat(last).hasSize(1);
            assertThat(org.chasqui.broker.testing.Xml.stanza(last.get(0)).is("close", WebSocketXmppClient.FRAMING)).isTrue();
        }
    }

    @Test
    void twoElementsInOneMessageEndTheStream() throws Exception {
        try (WebSocketXmppClient romeo = login("romeo", "wherefore art thou", "two")) {
            romeo.send("<presence xmlns='jabber:client'/><presence xmlns='jabber:client'/>");
            assertStreamError(romeo, "not-well-formed");
        }
    }

    @Test
    void aPartialElementEndsTheStream() throws Exception {
        try (WebSocketXmppClient romeo = login("romeo", "wherefore art thou", "partial")) {
            romeo.send("<message xmlns='jabber:client' to='juliet@localhost'><body>half");
            assertStreamError(romeo, "not-well-formed");
        }
    }

    @Test
    void streamErrorsDeclareTheirPrefixAndAreFollowedByClose() throws Exception {
        try (WebSocketXmppClient ws = WebSocketXmppClient.connect(server.httpPort())) {
            ws.send("<open xmlns='" + WebSocketXmppClient.FRAMING + "' to='elsewhere.example' version='1.0'/>");
            ws.expect("open", WebSocketXmppClient.FRAMING);
            assertStreamError(ws, "host-unknown");
        }
    }

    @Test
    void otherSessionsAreUnaffectedByABadOne() throws Exception {
        try (WebSocketXmppClient bad = login("romeo", "wherefore art thou", "bad");
             WebSocketXmppClient good = login("juliet", "a rose by any other name", "good")) {
            bad.send("<message xmlns='jabber:client'><body>x</body>");
            assertStreamError(bad, "not-well-formed");
            good.send("<iq xmlns='jabber:client' type='get' id='p2' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
            assertThat(good.expect("iq", Namespaces.CLIENT).attribute("type")).isEqualTo("result");
        }
    }

    @Test
    void wrongPasswordFailsLikeOverTcp() throws Exception {
        try (WebSocketXmppClient ws = WebSocketXmppClient.connect(server.httpPort())) {
            ws.open();
            ws.send("<auth xmlns='" + SASL + "' mechanism='PLAIN'>"
                    + java.util.Base64.getEncoder().encodeToString("\0romeo\0wrong".getBytes()) + "</auth>");
            Element failure = ws.expect("failure", SASL);
            assertThat(failure.child("not-authorized", SASL)).isNotNull();
        }
    }

    @Test
    void plainHttpIsNotAnUpgrade() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.httpPort() + "/xmpp-websocket")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(426);
    }

    @Test
    void secureWebSocketOnTheTlsPortCarriesChannelBinding() throws Exception {
        URI uri = URI.create("wss://localhost:" + server.httpTlsPort() + "/xmpp-websocket");
        try (WebSocketXmppClient ws = WebSocketXmppClient.connect(uri, server.sslContext())) {
            Element features = ws.open();
            List<String> mechanisms = features.child("mechanisms", SASL).elements().stream().map(Element::text).toList();
            assertThat(mechanisms).contains("SCRAM-SHA-256-PLUS", "PLAIN");
            ws.authenticatePlain("juliet", "a rose by any other name");
            assertThat(ws.bind("tls")).isEqualTo("juliet@localhost/tls");
        }
    }

    static void assertStreamError(WebSocketXmppClient ws, String condition) {
        List<String> rest = ws.expectClosed();
        assertThat(rest).as(ws.transcript()).hasSizeGreaterThanOrEqualTo(2);
        String error = rest.get(rest.size() - 2);
        assertThat(error).startsWith("<stream:error xmlns:stream='" + Namespaces.STREAM + "'>").contains("<" + condition);
        Element close = org.chasqui.broker.testing.Xml.stanza(rest.get(rest.size() - 1));
        assertThat(close.is("close", WebSocketXmppClient.FRAMING)).isTrue();
    }
}
