package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.chasqui.broker.testing.GoodSession;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server offers at each step of the negotiation, RFC 6120 §4.3.2. */
class StreamFeaturesTest {

    static final String SASL_CB = "urn:xmpp:sasl-cb:0";

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
        server.addUser("juliet", "r0meo r0meo");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void beforeTlsOnlyMandatoryStarttlsIsOffered() throws Exception {
        try (RawXmppClient juliet = RawXmppClient.connect("juliet", server.starttlsPort())) {
            Element features = juliet.openStreamAndExpectFeatures();
            // RFC 6120 §5.3.1: while TLS is mandatory-to-negotiate, nothing else is offered
            assertThat(features).isEqualTo(Element.builder("features", Namespaces.STREAM)
                    .child(Element.builder("starttls", Namespaces.TLS).child("required", Namespaces.TLS).build())
                    .build());
            juliet.closeStream();
        }
    }

    @Test
    void afterTlsTheSaslMechanismsAndChannelBindingTypesAreOffered() throws Exception {
        try (RawXmppClient juliet = RawXmppClient.connect("juliet", server.starttlsPort())) {
            juliet.openStreamAndExpectFeatures();
            Element features = juliet.startTls(server.sslContext());
            assertThat(features.child("starttls", Namespaces.TLS)).as("no second STARTTLS").isNull();
            assertThat(mechanisms(features)).containsExactly(
                    "SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
            // XEP-0440 §2: which channel-binding types the -PLUS mechanisms accept
            Element cb = features.child("sasl-channel-binding", SASL_CB);
            assertThat(cb).as(features.toString()).isNotNull();
            assertThat(cb.elements()).extracting(e -> e.attribute("type")).contains("tls-server-end-point");
            assertThat(cb.elements()).allMatch(e -> e.is("channel-binding", SASL_CB));
            // XEP-0077 §8: in-band registration is enabled on the test server
            assertThat(features.child("register", Namespaces.REGISTER_FEATURE)).isNotNull();
            juliet.closeStream();
        }
    }

    @Test
    void afterSaslBindAnOptionalSessionRosterVersioningAndPreApprovalAreOffered() throws Exception {
        try (RawXmppClient juliet = RawXmppClient.connectWithTls("juliet", server)) {
            Element features = juliet.authenticateScram("juliet", "r0meo r0meo", "SCRAM-SHA-256");
            // RFC 6120 §7.4; RFC 6121 Appendix E / draft-cridland-xmpp-session: <optional/>;
            // RFC 6121 §2.6.1 (roster versioning) and §3.4.1 (subscription pre-approval)
            assertThat(features).isEqualTo(Element.builder("features", Namespaces.STREAM)
                    .child(Element.empty("bind", Namespaces.BIND))
                    .child(Element.builder("session", Namespaces.SESSION).child("optional", Namespaces.SESSION).build())
                    .child(Element.empty("ver", "urn:xmpp:features:rosterver"))
                    .child(Element.empty("sub", "urn:xmpp:features:pre-approval"))
                    .build());
            juliet.closeStream();
        }
    }

    @Test
    void directTlsOffersSaslAtOnce() throws Exception {
        try (RawXmppClient juliet = RawXmppClient.directTls("juliet", server.directTlsPort(), server.sslContext())) {
            Element features = juliet.openStreamAndExpectFeatures();
            assertThat(features.child("starttls", Namespaces.TLS)).isNull();
            assertThat(mechanisms(features)).contains("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256", "PLAIN");
            juliet.closeStream();
        }
    }

    @Test
    void starttlsTwiceFails() throws Exception {
        // RFC 6120 §5.4.2.2: a <failure/> and the end of the stream
        try (RawXmppClient juliet = RawXmppClient.connectWithTls("juliet", server)) {
            juliet.send("<starttls xmlns='" + Namespaces.TLS + "'/>");
            juliet.expectElement("failure", Namespaces.TLS);
            juliet.expectStreamEnd();
            juliet.expectConnectionClosed();
        }
        GoodSession.assertServerStillWorks(server);
    }

    @Test
    void theLegacySessionRequestIsAnsweredWithAResult() throws Exception {
        // RFC 3921 §3: old clients still establish a session; RFC 6121 keeps it as a no-op
        try (RawXmppClient juliet = RawXmppClient.login(server, "juliet", "r0meo r0meo", "balcony")) {
            juliet.send("<iq type='set' id='sess_1'><session xmlns='" + Namespaces.SESSION + "'/></iq>");
            Element result = juliet.expectStanza("iq");
            assertThat(result.attribute("type")).isEqualTo("result");
            assertThat(result.attribute("id")).isEqualTo("sess_1");
            assertThat(result.elements()).isEmpty();
            juliet.closeStream();
        }
    }

    private static List<String> mechanisms(Element features) {
        Element mechanisms = features.child("mechanisms", Namespaces.SASL);
        assertThat(mechanisms).as(features.toString()).isNotNull();
        return mechanisms.elements().stream().map(Element::text).toList();
    }
}
