package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.accounts.AccountService;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour under misuse that a code review found wrong: each test failed before its fix. */
class HardeningTest {

    @TempDir
    Path dataDir;

    private static Element errorCondition(Element stanza) {
        Element error = stanza.child("error", Namespaces.CLIENT);
        assertThat(error).as("error child of %s", stanza).isNotNull();
        return error.firstChildIn(Namespaces.STANZAS);
    }

    @Test
    void nothingAfterAStreamErrorInTheSameReadIsProcessed() throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            server.addUser("romeo", "pw romeo");
            server.addUser("juliet", "pw juliet");
            server.addUser("nurse", "pw nurse");
            RawXmppClient romeo = RawXmppClient.login(server, "romeo", "pw romeo", "orchard");
            RawXmppClient juliet = RawXmppClient.login(server, "juliet", "pw juliet", "balcony");
            RawXmppClient nurse = RawXmppClient.login(server, "nurse", "pw nurse", "kitchen");
            // RFC 6120 §4.9.1.1: the spoofed 'from' ends romeo's stream; the second message is in the same write
            romeo.send("<message from='juliet@localhost/spoof' to='juliet@localhost/balcony'><body>x</body></message>"
                    + "<message to='juliet@localhost/balcony' id='after'><body>after the stream error</body></message>");
            romeo.expectStreamError(StreamErrorCondition.INVALID_FROM);
            nurse.send("<message to='juliet@localhost/balcony' id='marker'><body>marker</body></message>");
            assertThat(juliet.expectStanza("message").attribute("id")).isEqualTo("marker");
        }
    }

    @Test
    void aClientThatStopsReadingIsCutOffAndNoLongerRoutable() throws Exception {
        try (TestServer server = TestServer.start(dataDir,
                c -> c.withLimits(c.limits().withMaxReadBytesPerSecond(256 * 1024 * 1024)))) {
            server.addUser("romeo", "pw romeo");
            server.addUser("juliet", "pw juliet");
            RawXmppClient romeo = RawXmppClient.login(server, "romeo", "pw romeo", "orchard");
            RawXmppClient juliet = RawXmppClient.login(server, "juliet", "pw juliet", "balcony");
            juliet.pauseReading();
            String body = "x".repeat(200_000);
            for (int i = 0; i < 150; i++) { // about 30 MB: past the 8 MiB outbound queue and the socket buffers
                romeo.send("<message to='juliet@localhost/balcony' id='f" + i + "'><body>" + body + "</body></message>");
            }
            // Once cut off, juliet is not bound any more: an IQ to her gets service-unavailable (RFC 6121 §8.5.3.2.3).
            // While she is still bound the ping goes to her and is never answered, so probe until it bounces.
            Element reply = null;
            for (int attempt = 0; attempt < 30 && reply == null; attempt++) {
                romeo.send("<iq type='get' id='probe" + attempt + "' to='juliet@localhost/balcony'><ping xmlns='urn:xmpp:ping'/></iq>");
                Element answer = romeo.poll(Duration.ofSeconds(1));
                if (answer != null && "error".equals(answer.attribute("type"))) {
                    reply = answer;
                }
            }
            assertThat(reply).as("an error once juliet's session is cut off").isNotNull();
            assertThat(errorCondition(reply).name()).isEqualTo("service-unavailable");
        }
    }

    @Test
    void starttlsAfterAuthenticationIsRefused() throws Exception {
        try (TestServer server = TestServer.start(dataDir, c -> c.withC2s(c.c2s().withRequireTls(false)))) {
            server.addUser("romeo", "pw romeo");
            RawXmppClient romeo = RawXmppClient.connect("romeo", server.starttlsPort());
            romeo.openStreamAndExpectFeatures();
            romeo.authenticateScram("romeo", "pw romeo", "SCRAM-SHA-256");
            romeo.bind("orchard");
            romeo.send("<starttls xmlns='" + Namespaces.TLS + "'/>");
            // RFC 6120 §5.4.3.1 / §5.4.2.2: TLS comes before SASL; failure, then the stream ends
            assertThat(romeo.expectElement("failure", Namespaces.TLS)).isNotNull();
            romeo.expectStreamEnd();
        }
    }

    @Test
    void oneUnauthenticatedConnectionRegistersOneAccount() throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            RawXmppClient c = RawXmppClient.connectWithTls("anon", server);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                sb.append("<iq type='set' id='r").append(i).append("'><query xmlns='jabber:iq:register'><username>u")
                        .append(i).append("</username><password>p</password></query></iq>");
            }
            c.send(sb.toString());
            int results = 0;
            for (int i = 0; i < 40; i++) {
                Element iq = c.expectStanza("iq");
                if ("result".equals(iq.attribute("type"))) {
                    results++;
                } else {
                    assertThat(errorCondition(iq).name()).isEqualTo("not-acceptable"); // XEP-0077 §3.1
                }
            }
            assertThat(results).isEqualTo(1);
            assertThat(server.server().accounts().count()).isEqualTo(1);
        }
    }

    @Test
    void deletingAnAccountFromTheCliEndsItsSessions() throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            server.addUser("juliet", "pw juliet");
            RawXmppClient juliet = RawXmppClient.login(server, "juliet", "pw juliet", "balcony");
            try (AccountService cli = AccountService.open(ChasquiServer.accountsDir(dataDir), 4096)) {
                assertThat(cli.delete("juliet").join()).isTrue();
            }
            // the running server reads the deletion from the journal within a second
            juliet.expectStreamError(StreamErrorCondition.NOT_AUTHORIZED);
            assertThat(server.server().accounts().exists("juliet")).isFalse();
        }
    }

    @Test
    void bindWithoutAnIdIsABadRequest() throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            server.addUser("romeo", "pw romeo");
            RawXmppClient romeo = RawXmppClient.connectWithTls("romeo", server);
            romeo.authenticateScram("romeo", "pw romeo", "SCRAM-SHA-256");
            romeo.send("<iq type='set'><bind xmlns='" + Namespaces.BIND + "'/></iq>");
            assertThat(errorCondition(romeo.expectStanza("iq")).name()).isEqualTo("bad-request"); // RFC 6120 §8.2.3
            assertThat(romeo.bind("orchard")).isEqualTo("romeo@localhost/orchard");
        }
    }
}
