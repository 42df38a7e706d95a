package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import com.ongres.scram.client.ScramClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.chasqui.broker.testing.BoshClient;
import org.chasqui.broker.testing.BoshClient.Reply;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BOSH (XEP-0124, XEP-0206) over real HTTP against a real server, following the specs' examples:
 * session creation, SASL, restart, binding, messages with a TCP client, the rid rules, terminate.
 */
class BoshTest {

    static final String PASSWORD = "bosh secret";

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
        server.addUser("juliet", PASSWORD);
        server.addUser("romeo", PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static BoshClient loggedIn(String resource) {
        BoshClient juliet = BoshClient.to(server.httpPort());
        juliet.create("");
        juliet.authenticatePlain("juliet", PASSWORD);
        juliet.bind(resource);
        return juliet;
    }

    @Test
    void theCreationResponseOpensTheStream() {
        // XEP-0206 Examples 1 and 2
        BoshClient client = BoshClient.to(server.httpPort());
        Reply reply = client.create("ack='1'");
        assertThat(reply.status()).isEqualTo(200);
        Element body = reply.element();
        assertThat(body.attribute("sid")).isNotBlank();
        assertThat(body.attribute("wait")).isEqualTo("5");
        assertThat(body.attribute("hold")).isEqualTo("1");
        assertThat(body.attribute("requests")).isEqualTo("2");
        assertThat(body.attribute("ver")).isEqualTo("1.11");
        assertThat(body.attribute("from")).isEqualTo("localhost");
        assertThat(body.attribute("authid")).isNotBlank();
        assertThat(body.attribute("ack")).isEqualTo(Long.toString(client.lastRid()));
        assertThat(body.attribute("xmpp:version")).isEqualTo("1.0");
        assertThat(body.attribute("xmpp:restartlogic")).isEqualTo("true");
        Element mechanisms = body.child("features", Namespaces.STREAM).child("mechanisms", Namespaces.SASL);
        assertThat(mechanisms.elements()).extracting(Element::text)
                .as("loopback without TLS counts as secure (http.loopback_without_tls)")
                .contains("PLAIN", "SCRAM-SHA-256")
                .doesNotContain("SCRAM-SHA-256-PLUS"); // no channel binding over BOSH
        assertThat(client.send("type='terminate'", "").attribute("type")).isEqualTo("terminate");
    }

    @Test
    void julietLogsInWithScramAndChatsWithRomeoOverTcp() throws Exception {
        try (RawXmppClient romeo = RawXmppClient.login(server, "romeo", PASSWORD, "orchard")) {
            BoshClient juliet = BoshClient.to(server.httpPort());
            juliet.create("");
            // XEP-0206 §5, Examples 3-5: SCRAM in bodies
            ScramClient scram = ScramClient.builder().advertisedMechanisms(List.of("SCRAM-SHA-256"))
                    .username("juliet").password(PASSWORD.toCharArray()).build();
            juliet.sendAsync("", "<auth xmlns='" + Namespaces.SASL + "' mechanism='SCRAM-SHA-256'>"
                    + base64(scram.clientFirstMessage().toString()) + "</auth>");
            Element challenge = juliet.expect("challenge", Namespaces.SASL);
            scram.serverFirstMessage(new String(Base64.getDecoder().decode(challenge.text()), StandardCharsets.UTF_8));
            juliet.sendAsync("", "<response xmlns='" + Namespaces.SASL + "'>"
                    + base64(scram.clientFinalMessage().toString()) + "</response>");
            Element success = juliet.expect("success", Namespaces.SASL);
            scram.serverFinalMessage(new String(Base64.getDecoder().decode(success.text()), StandardCharsets.UTF_8));
            // Examples 6-9: restart, features, bind
            Element features = juliet.restart();
            assertThat(features.child("bind", Namespaces.BIND)).isNotNull();
            assertThat(juliet.bind("balcony")).isEqualTo("juliet@localhost/balcony");

            juliet.sendAsync("", "<message to='romeo@localhost/orchard' type='chat' id='j1' xmlns='jabber:client'>"
                    + "<body>Wherefore art thou?</body></message>");
            Element atRomeo = romeo.expectStanza("message");
            assertThat(atRomeo.attribute("from")).isEqualTo("juliet@localhost/balcony");
            assertThat(atRomeo.childText("body", Namespaces.CLIENT)).isEqualTo("Wherefore art thou?");

            romeo.send("<message to='juliet@localhost/balcony' type='chat' id='r1'><body>Here!</body></message>");
            Element atJuliet = juliet.expect(e -> e.is("message", Namespaces.CLIENT), "romeo's message");
            assertThat(atJuliet.attribute("from")).isEqualTo("romeo@localhost/orchard");
            assertThat(atJuliet.childText("body", Namespaces.CLIENT)).isEqualTo("Here!");

            // XEP-0124 §13 Example 15: terminate with a last presence
            Reply end = juliet.send("type='terminate'", "<presence type='unavailable' xmlns='jabber:client'/>");
            assertThat(end.attribute("type")).isEqualTo("terminate");
            romeo.send("<iq type='get' id='p1' to='juliet@localhost/balcony'><ping xmlns='urn:xmpp:ping'/></iq>");
            Element bounced = romeo.expectStanza("iq");
            assertThat(bounced.attribute("type")).as("the BOSH resource is gone").isEqualTo("error");
        }
    }

    @Test
    void julietLogsInOverHttps() throws Exception {
        BoshClient juliet = BoshClient.overTls(server.httpTlsPort(), server.sslContext());
        juliet.create("");
        juliet.authenticatePlain("juliet", PASSWORD);
        assertThat(juliet.bind("secure")).isEqualTo("juliet@localhost/secure");
        assertThat(juliet.send("type='terminate'", "").attribute("type")).isEqualTo("terminate");
    }

    @Test
    void aServerShutdownAnswersHeldRequestsWithSystemShutdown(@TempDir Path otherDir) throws Exception {
        TestServer stopping = TestServer.start(otherDir);
        stopping.addUser("juliet", PASSWORD);
        BoshClient juliet = BoshClient.to(stopping.httpPort());
        juliet.create("");
        juliet.authenticatePlain("juliet", PASSWORD);
        juliet.bind("leaving");
        var held = juliet.sendAsync("", "");
        Thread.sleep(500); // the request reaches the server and is held (for up to 'wait', 5 s)
        stopping.close();
        Reply reply = held.get(30, java.util.concurrent.TimeUnit.SECONDS);
        // not an empty body after 'wait': the stream ended at once with system-shutdown (XEP-0206 §6)
        assertThat(reply.attribute("condition")).isEqualTo("remote-stream-error");
        assertThat(reply.element().child("error", Namespaces.STREAM).child("system-shutdown", Namespaces.STREAMS))
                .isNotNull();
    }

    @Test
    void sessionsBeyondMaxSessionsAreRefusedAndEndedOnesFreeTheirSlot(@TempDir Path otherDir) throws Exception {
        try (TestServer small = TestServer.start(otherDir,
                cfg -> cfg.withHttp(cfg.http().withLimits(1, 4096, 1000)))) {
            BoshClient first = BoshClient.to(small.httpPort());
            assertThat(first.create("").attribute("sid")).isNotNull();
            Reply second = BoshClient.to(small.httpPort()).create("");
            assertThat(second.attribute("type")).isEqualTo("terminate");
            assertThat(second.attribute("condition")).isEqualTo("policy-violation");
            first.send("type='terminate'", "");
            assertThat(BoshClient.to(small.httpPort()).create("").attribute("sid")).isNotNull();
            // http.max_request_bytes: a larger body is refused before it is parsed
            Reply big = BoshClient.to(small.httpPort()).postRaw("<body rid='1' xmlns='" + BoshClient.NS + "'>"
                    + "<message xmlns='jabber:client'><body>" + "x".repeat(5000) + "</body></message></body>");
            assertThat(big.status()).isEqualTo(413);
        }
    }

    @Test
    void requestsArrivingOnOtherEventLoopsReachTheSessionInOrder() throws Exception {
        // The session lives on the loop that created it; the others hop to it (and answer on their own).
        try (RawXmppClient romeo = RawXmppClient.login(server, "romeo", PASSWORD, "wall")) {
            BoshClient juliet = BoshClient.to(server.httpPort()).newConnectionEachRequest();
            juliet.create("");
            juliet.authenticatePlain("juliet", PASSWORD);
            juliet.bind("roaming");
            // Two requests out at a time ('requests' is 2): each new one releases the held one, and may
            // overtake it on its way to the owning loop; the session processes them in rid order anyway.
            List<java.util.concurrent.CompletableFuture<Reply>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sent.add(juliet.sendAsync("", "<message to='romeo@localhost/wall' id='n" + i
                        + "' xmlns='jabber:client'><body>" + i + "</body></message>"));
                if (i > 0) {
                    assertThat(sent.get(i - 1).get(10, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(200);
                }
            }
            for (int i = 0; i < 6; i++) {
                assertThat(romeo.expectStanza("message").attribute("id")).isEqualTo("n" + i);
            }
            juliet.send("type='terminate'", "");
        }
    }

    @Test
    void aRepeatedRidGetsTheSameResponse() {
        // XEP-0124 §14.4: the client resends a request whose response it lost
        BoshClient juliet = loggedIn("repeat");
        String ping = "<iq type='get' id='ping-1' to='localhost' xmlns='jabber:client'><ping xmlns='urn:xmpp:ping'/></iq>";
        Reply first = juliet.send("", ping);
        assertThat(first.payloads()).extracting(e -> e.attribute("id")).containsExactly("ping-1");
        Reply again = juliet.resend(juliet.lastRid(), "", ping);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        juliet.send("type='terminate'", "");
    }

    @Test
    void aRidOutsideTheWindowEndsTheSession() {
        // XEP-0124 §14.3 Example 16
        BoshClient juliet = loggedIn("window");
        Reply far = juliet.resend(juliet.lastRid() + 10, "", "");
        assertThat(far.status()).isEqualTo(200);
        assertThat(far.attribute("type")).isEqualTo("terminate");
        assertThat(far.attribute("condition")).isEqualTo("item-not-found");
        Reply after = juliet.send("", "");
        assertThat(after.attribute("condition")).as("the session is gone").isEqualTo("item-not-found");
    }

    @Test
    void anUnknownSidIsItemNotFound() {
        // XEP-0124 §17.2 item-not-found (1); §17.1 404 for a client whose 'ver' is unknown
        Reply reply = BoshClient.to(server.httpPort()).postRaw(
                "<body rid='42' sid='no-such-session' xmlns='" + BoshClient.NS + "'/>");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.attribute("type")).isEqualTo("terminate");
        assertThat(reply.attribute("condition")).isEqualTo("item-not-found");
    }

    @Test
    void malformedBodiesAreBadRequests() {
        BoshClient client = BoshClient.to(server.httpPort());
        Reply notXml = client.postRaw("hello");
        assertThat(notXml.status()).isEqualTo(400);
        assertThat(notXml.attribute("condition")).isEqualTo("bad-request");
        Reply noRid = client.postRaw("<body to='localhost' xmlns='" + BoshClient.NS + "'/>");
        assertThat(noRid.attribute("condition")).isEqualTo("bad-request");
    }

    @Test
    void creationNeedsOurDomain() {
        BoshClient client = BoshClient.to(server.httpPort());
        Reply other = client.postRaw("<body rid='7' to='example.org' ver='1.11' wait='5' hold='1'"
                + " xmlns='" + BoshClient.NS + "'/>");
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.attribute("condition")).isEqualTo("host-unknown");
        Reply none = client.postRaw("<body rid='7' ver='1.11' wait='5' hold='1' xmlns='" + BoshClient.NS + "'/>");
        assertThat(none.attribute("condition")).isEqualTo("improper-addressing");
    }

    @Test
    void aStreamErrorArrivesAsRemoteStreamError() {
        // XEP-0206 §6 Example 10: a stanza from someone else ends the stream with invalid-from
        BoshClient juliet = loggedIn("liar");
        Reply reply = juliet.send("", "<message from='romeo@localhost/orchard' to='romeo@localhost' "
                + "xmlns='jabber:client'><body>forged</body></message>");
        Element body = reply.element();
        assertThat(body.attribute("type")).isEqualTo("terminate");
        assertThat(body.attribute("condition")).isEqualTo("remote-stream-error");
        Element error = body.child("error", Namespaces.STREAM);
        assertThat(error.child("invalid-from", Namespaces.STREAMS)).as(reply.body()).isNotNull();
    }

    @Test
    void onlyPostIsAllowed() throws Exception {
        HttpResponse<String> get = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/http-bind")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
