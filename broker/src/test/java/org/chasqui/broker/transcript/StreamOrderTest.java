package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.xmpp.stanza.StreamErrorCondition.INVALID_FROM;
import static org.chasqui.xmpp.stanza.StreamErrorCondition.NOT_AUTHORIZED;
import static org.chasqui.xmpp.stanza.StreamErrorCondition.UNSUPPORTED_STANZA_TYPE;

import java.nio.file.Path;
import java.time.Duration;
import org.chasqui.broker.testing.GoodSession;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The order of stream negotiation, RFC 6120 §4.3: TLS (when required), then SASL, then resource
 * binding, and only then stanzas; after binding, 'from' is the server's to decide. Bob is a bound
 * session that must never see anything a stream broke these rules to send.
 */
class StreamOrderTest {

    static final Duration QUIET = Duration.ofMillis(500);

    @TempDir
    static Path dataDir;
    static TestServer server;
    RawXmppClient bob;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
        server.addUser("alice", "alice's secret");
        server.addUser("bob", "bob's secret");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void bobIsOnline() throws Exception {
        bob = RawXmppClient.login(server, "bob", "bob's secret", "desk");
    }

    @AfterEach
    void bobSawNothingAndStillWorks() throws Exception {
        bob.expectNothing(QUIET);
        bob.closeStream();
        bob.close();
        GoodSession.assertServerStillWorks(server);
    }

    private String messageToBob() {
        return "<message to='" + bob.jid() + "' type='chat' id='m1'><body>you should not see this</body></message>";
    }

    // ---- RFC 6120 §5.3.1: TLS is mandatory-to-negotiate ----

    @Test
    void aMessageBeforeTlsIsRefusedAndNotDelivered() throws Exception {
        try (RawXmppClient mallory = RawXmppClient.connect("mallory", server.starttlsPort())) {
            mallory.openStreamAndExpectFeatures();
            mallory.send(messageToBob());
            mallory.expectStreamError(NOT_AUTHORIZED); // RFC 6120 §4.9.3.12
        }
    }

    @Test
    void anIqBeforeTlsIsRefusedAndNotAnswered() throws Exception {
        try (RawXmppClient mallory = RawXmppClient.connect("mallory", server.starttlsPort())) {
            mallory.openStreamAndExpectFeatures();
            mallory.send("<iq type='get' id='p1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
            mallory.expectStreamError(NOT_AUTHORIZED);
        }
    }

    @Test
    void registrationBeforeTlsIsRefused() throws Exception {
        // XEP-0077 §3.1 is allowed before SASL, but not before the TLS that RFC 6120 §5.3.1 requires
        try (RawXmppClient mallory = RawXmppClient.connect("mallory", server.starttlsPort())) {
            mallory.openStreamAndExpectFeatures();
            mallory.send("<iq type='get' id='reg1'><query xmlns='jabber:iq:register'/></iq>");
            mallory.expectStreamError(NOT_AUTHORIZED);
        }
    }

    // ---- RFC 6120 §6: SASL before stanzas ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"message", "presence", "iq"})
    void aStanzaBeforeAuthenticationEndsTheStream(String kind) throws Exception {
        try (RawXmppClient mallory = RawXmppClient.connectWithTls("mallory", server)) {
            mallory.send(switch (kind) {
                case "message" -> messageToBob();
                case "presence" -> "<presence to='" + bob.jid() + "'/>";
                default -> "<iq type='get' id='v1' to='" + bob.jid() + "'><query xmlns='jabber:iq:version'/></iq>";
            });
            mallory.expectStreamError(NOT_AUTHORIZED); // RFC 6120 §4.9.3.12
        }
    }

    // ---- RFC 6120 §7.1: binding before stanzas ----

    @Test
    void aMessageBeforeBindingEndsTheStream() throws Exception {
        try (RawXmppClient alice = RawXmppClient.connectWithTls("alice", server)) {
            alice.authenticateScram("alice", "alice's secret", "SCRAM-SHA-256");
            alice.send(messageToBob());
            alice.expectStreamError(NOT_AUTHORIZED);
        }
    }

    @Test
    void aPingBeforeBindingEndsTheStream() throws Exception {
        try (RawXmppClient alice = RawXmppClient.connectWithTls("alice", server)) {
            alice.authenticateScram("alice", "alice's secret", "SCRAM-SHA-256");
            alice.send("<iq type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>");
            alice.expectStreamError(NOT_AUTHORIZED);
        }
    }

    @Test
    void aSecondBindIsNotAllowed() throws Exception {
        try (RawXmppClient alice = RawXmppClient.login(server, "alice", "alice's secret", "phone")) {
            alice.send("<iq type='set' id='bind2'><bind xmlns='" + Namespaces.BIND + "'><resource>tablet</resource>"
                    + "</bind></iq>");
            Element error = alice.expectStanza("iq");
            assertThat(error.attribute("type")).isEqualTo("error");
            assertThat(error.attribute("id")).isEqualTo("bind2");
            assertThat(error.child("error", Namespaces.CLIENT).child("not-allowed", Namespaces.STANZAS)).isNotNull();
            alice.closeStream();
        }
    }

    // ---- RFC 6120 §8.1.2.1, §4.9.3.9: the server owns 'from' ----

    @ParameterizedTest(name = "from=''{0}''")
    @ValueSource(strings = {"bob@localhost/desk", "bob@localhost", "alice@localhost/other-resource", "localhost",
            "alice@example.org/phone", "not a jid@@"})
    void aSpoofedFromEndsTheStreamAndReachesNobody(String spoofed) throws Exception {
        try (RawXmppClient alice = RawXmppClient.login(server, "alice", "alice's secret", "phone")) {
            alice.send("<message from='" + spoofed + "' to='" + bob.jid() + "' id='spoof'><body>it is me, bob</body>"
                    + "</message>");
            alice.expectStreamError(INVALID_FROM);
        }
    }

    // ---- RFC 6120 §4.9.3.24: first-level elements the server does not understand ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<foo/>", "<query xmlns='jabber:iq:roster'/>", "<enable xmlns='urn:xmpp:sm:2'/>",
            "<message xmlns='jabber:server' to='bob@localhost/desk'><body>hi</body></message>"})
    void anUnknownFirstLevelElementAfterBindingEndsTheStream(String element) throws Exception {
        try (RawXmppClient alice = RawXmppClient.login(server, "alice", "alice's secret", "phone")) {
            alice.send(element);
            alice.expectStreamError(UNSUPPORTED_STANZA_TYPE);
        }
    }
}
