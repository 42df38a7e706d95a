package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import com.ongres.scram.client.ScramClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.chasqui.broker.testing.GoodSession;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SASL negotiation, RFC 6120 §6, with the failure conditions of §6.5. At most two failed attempts. */
class SaslTest {

    static final String PASSWORD = "correct horse battery staple";
    /** SaslNegotiator's first back-off; a failure must not come back faster than this. */
    static final Duration FIRST_FAILURE_DELAY = Duration.ofMillis(250);

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir, cfg -> cfg.withLimits(cfg.limits().withMaxAuthAttempts(2)));
        server.addUser("juliet", PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void othersCanStillLogIn() throws Exception {
        GoodSession.assertServerStillWorks(server);
    }

    // ---- success with every mechanism offered ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SCRAM-SHA-256", "SCRAM-SHA-1", "SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS"})
    void julietLogsInWithScram(String mechanism) throws Exception {
        try (RawXmppClient juliet = RawXmppClient.connectWithTls("juliet", server)) {
            Element features = juliet.authenticateScram("juliet", PASSWORD, mechanism);
            assertThat(features.child("bind", Namespaces.BIND)).isNotNull();
            assertThat(juliet.bind("balcony")).isEqualTo("juliet@localhost/balcony");
            juliet.closeStream();
        }
    }

    @Test
    void julietLogsInWithPlain() throws Exception {
        try (RawXmppClient juliet = RawXmppClient.connectWithTls("juliet", server)) {
            juliet.authenticatePlain("juliet", PASSWORD);
            assertThat(juliet.bind("balcony")).isEqualTo("juliet@localhost/balcony");
            juliet.closeStream();
        }
    }

    @Test
    void julietLogsInOverDirectTlsWithScramSha256Plus() throws Exception {
        // XEP-0368: TLS from the first byte, so the first features already offer SASL
        try (RawXmppClient juliet = RawXmppClient.directTls("juliet", server.directTlsPort(), server.sslContext())) {
            Element features = juliet.openStreamAndExpectFeatures();
            assertThat(features.child("starttls", Namespaces.TLS)).isNull();
            juliet.authenticateScram("juliet", PASSWORD, "SCRAM-SHA-256-PLUS");
            assertThat(juliet.bind(null)).startsWith("juliet@localhost/");
            juliet.closeStream();
        }
    }

    @Test
    void scramWithoutInitialResponseStartsWithAnEmptyChallenge() throws Exception {
        // RFC 6120 §6.4.2: no initial response in <auth/>; the server asks for it with an empty challenge
        try (RawXmppClient juliet = RawXmppClient.connectWithTls("juliet", server)) {
            ScramClient scram = ScramClient.builder().advertisedMechanisms(List.of("SCRAM-SHA-256"))
                    .username("juliet").password(PASSWORD.toCharArray()).build();
            juliet.send("<auth xmlns='" + Namespaces.SASL + "' mechanism='SCRAM-SHA-256'/>");
            assertThat(juliet.expectElement("challenge", Namespaces.SASL).text()).isEqualTo("=");
            juliet.send("<response xmlns='" + Namespaces.SASL + "'>" + base64(scram.clientFirstMessage().toString())
                    + "</response>");
            scram.serverFirstMessage(decode(juliet.expectElement("challenge", Namespaces.SASL).text()));
            juliet.send("<response xmlns='" + Namespaces.SASL + "'>" + base64(scram.clientFinalMessage().toString())
                    + "</response>");
            scram.serverFinalMessage(decode(juliet.expectElement("success", Namespaces.SASL).text()));
            juliet.openStreamAndExpectFeatures();
            juliet.bind("balcony");
            juliet.closeStream();
        }
    }

    // ---- RFC 6120 §6.5 failures ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PLAIN", "SCRAM-SHA-256"})
    void authBeforeStarttlsIsRefusedWithEncryptionRequired(String mechanism) throws Exception {
        // RFC 6120 §5.3.1, §6.5.4: TLS is required before SASL; the stream stays open for STARTTLS
        try (RawXmppClient juliet = RawXmppClient.connect("juliet", server.starttlsPort())) {
            juliet.openStreamAndExpectFeatures();
            juliet.send("<auth xmlns='" + Namespaces.SASL + "' mechanism='" + mechanism + "'>"
                    + plain("juliet", PASSWORD) + "</auth>");
            expectFailure(juliet, "encryption-required");

            juliet.startTls(server.sslContext());
            juliet.authenticateScram("juliet", PASSWORD, "SCRAM-SHA-256");
            juliet.bind("balcony");
            juliet.closeStream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"X-UNKNOWN", "DIGEST-MD5", "EXTERNAL", "ANONYMOUS", "scram-sha-256"})
    void anUnknownMechanismIsRefusedWithInvalidMechanism(String mechanism) throws Exception {
        try (RawXmppClient juliet = RawXmppClient.connectWithTls("juliet", server)) {
            juliet.send("<auth xmlns='" + Namespaces.SASL + "' mechanism='" + mechanism + "'>=</auth>");
            expectFailure(juliet, "invalid-mechanism"); // RFC 6120 §6.5.6
            juliet.authenticateScram("juliet", PASSWORD, "SCRAM-SHA-256"); // §6.4.5: the client may retry
            juliet.closeStream();
        }
    }

    @Test
    void bad_base64IsRefusedWithIncorrectEncoding() throws Exception {
        try (RawXmppClient juliet = RawXmppClient.connectWithTls("juliet", server)) {
            juliet.send("<auth xmlns='" + Namespaces.SASL + "' mechanism='PLAIN'>not*base64!</auth>");
            expectFailure(juliet, "incorrect-encoding"); // RFC 6120 §6.5.5
            juliet.send("<auth xmlns='" + Namespaces.SASL + "' mechanism='SCRAM-SHA-256'>biwsbj1qdWxpZXQscj1hYmM=</auth>");
            juliet.expectElement("challenge", Namespaces.SASL);
            juliet.send("<response xmlns='" + Namespaces.SASL + "'>%%%</response>");
            expectFailure(juliet, "incorrect-encoding");
            juliet.authenticatePlain("juliet", PASSWORD);
            juliet.closeStream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-1", "SCRAM-SHA-256-PLUS"})
    void aWrongPasswordIsRefusedWithNotAuthorizedAfterADelay(String mechanism) throws Exception {
        try (RawXmppClient juliet = RawXmppClient.connectWithTls("juliet", server)) {
            long start = System.nanoTime();
            Element outcome = attempt(juliet, "juliet", "wrong password", mechanism);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertFailure(juliet, outcome, "not-authorized"); // RFC 6120 §6.5.10
            assertThat(took).as("failure delay (RFC 6120 §6.4.5 back-off)").isGreaterThanOrEqualTo(FIRST_FAILURE_DELAY);
            juliet.authenticateScram("juliet", PASSWORD, "SCRAM-SHA-256");
            juliet.closeStream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PLAIN", "SCRAM-SHA-256"})
    void anUnknownUserGetsTheSameAnswerAsAWrongPassword(String mechanism) throws Exception {
        try (RawXmppClient romeo = RawXmppClient.connectWithTls("romeo", server)) {
            assertFailure(romeo, attempt(romeo, "romeo", PASSWORD, mechanism), "not-authorized");
            romeo.closeStream();
        }
    }

    @Test
    void afterTheMaximumNumberOfFailuresTheStreamEnds() throws Exception {
        try (RawXmppClient mallory = RawXmppClient.connectWithTls("mallory", server)) {
            assertFailure(mallory, attempt(mallory, "juliet", "guess 1", "SCRAM-SHA-256"), "not-authorized");
            assertFailure(mallory, attempt(mallory, "juliet", "guess 2", "PLAIN"), "not-authorized");
            // RFC 6120 §6.4.5: the server MAY end the stream after a configurable number of retries
            mallory.expectStreamError(StreamErrorCondition.POLICY_VIOLATION);
        }
    }

    @Test
    void abortEndsTheExchangeWithAborted() throws Exception {
        try (RawXmppClient juliet = RawXmppClient.connectWithTls("juliet", server)) {
            juliet.send("<auth xmlns='" + Namespaces.SASL + "' mechanism='SCRAM-SHA-256'>"
                    + RawXmppClient.base64("n,,n=juliet,r=fyko+d2lbbFgONRv9qkxdawL".getBytes(StandardCharsets.UTF_8))
                    + "</auth>");
            juliet.expectElement("challenge", Namespaces.SASL);
            juliet.send("<abort xmlns='" + Namespaces.SASL + "'/>");
            expectFailure(juliet, "aborted"); // RFC 6120 §6.4.4, §6.5.1
            juliet.authenticateScram("juliet", PASSWORD, "SCRAM-SHA-256");
            juliet.closeStream();
        }
    }

    @Test
    void anotherUsersAuthzidIsRefused() throws Exception {
        try (RawXmppClient juliet = RawXmppClient.connectWithTls("juliet", server)) {
            byte[] message = ("romeo@localhost\0juliet\0" + PASSWORD).getBytes(StandardCharsets.UTF_8);
            juliet.send("<auth xmlns='" + Namespaces.SASL + "' mechanism='PLAIN'>" + RawXmppClient.base64(message)
                    + "</auth>");
            expectFailure(juliet, "invalid-authzid"); // RFC 6120 §6.5.7
            juliet.closeStream();
        }
    }

    @Test
    void channelBindingDataOfAnotherConnectionIsRefused() throws Exception {
        // RFC 5802 §6: the point of -PLUS; a man in the middle has a different TLS session
        try (RawXmppClient juliet = RawXmppClient.connectWithTls("juliet", server)) {
            byte[] wrong = new byte[32];
            assertFailure(juliet, juliet.scram("juliet", PASSWORD, "SCRAM-SHA-256-PLUS", wrong), "not-authorized");
            juliet.closeStream();
        }
    }

    @Test
    void aDowngradeFromPlusIsDetected() throws Exception {
        // RFC 5802 §6: the client supports channel binding ("y") but did not see -PLUS, which we offered
        try (RawXmppClient juliet = RawXmppClient.connectWithTls("juliet", server)) {
            Element outcome = juliet.scram("juliet", PASSWORD, "SCRAM-SHA-256", juliet.serverEndPoint());
            assertFailure(juliet, outcome, "not-authorized");
            juliet.closeStream();
        }
    }

    // ---- helpers ----

    private static Element attempt(RawXmppClient client, String user, String password, String mechanism)
            throws Exception {
        if (mechanism.equals("PLAIN")) {
            client.send("<auth xmlns='" + Namespaces.SASL + "' mechanism='PLAIN'>" + plain(user, password) + "</auth>");
            return client.expect();
        }
        return client.scram(user, password, mechanism);
    }

    private static String base64(String text) {
        return RawXmppClient.base64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static String plain(String user, String password) {
        return RawXmppClient.base64(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void expectFailure(RawXmppClient client, String condition) {
        assertFailure(client, client.expect(), condition);
    }

    private static void assertFailure(RawXmppClient client, Element failure, String condition) {
        assertThat(failure.is("failure", Namespaces.SASL)).as(failure + "\n" + client.transcript()).isTrue();
        assertThat(failure.firstElement()).as(failure.toString()).isEqualTo(Element.empty(condition, Namespaces.SASL));
    }
}
