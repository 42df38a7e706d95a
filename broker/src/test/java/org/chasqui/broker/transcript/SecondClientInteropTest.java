package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requirement: "a Smack client and a second, independent client log in over STARTTLS
 * with SCRAM-SHA-256 and exchange messages". The second client is {@link RawXmppClient} with the
 * com.ongres SCRAM implementation; Smack 4.4 has no SCRAM-SHA-256, so it uses SCRAM-SHA-1.
 * Bodies hold markup characters and text outside the BMP so that escaping is checked both ways.
 */
class SecondClientInteropTest {

    static final String ALICE_PASSWORD = "alice's pässword";
    static final String BOB_PASSWORD = "bob's password";
    static final String TO_BOB = "Hi Bob <b>&amp;</b> ]]> \"quotes\" 'apostrophes' — ünïcödé 🎉\nsecond line\r\n"
            + "third line\rfourth";
    /** Without "]]>": Smack 4.4.8 does not escape '>' in text, so it would send XML that is not well-formed. */
    static final String TO_ALICE = "Hi Alice, 5 < 6 && 7 > 3 \u00e9\u0301 𝄞\ttab";

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
        server.addUser("alice", ALICE_PASSWORD);
        server.addUser("bob", BOB_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void scramSha256ClientAndSmackWithScramSha1ExchangeMessages() throws Exception {
        exchange("SCRAM-SHA-256", "SCRAM-SHA-1");
    }

    @Test
    void scramSha256PlusClientAndSmackExchangeMessages() throws Exception {
        // Smack 4.4.8's SCRAM-SHA-1-PLUS cannot run: TLSUtils.getChannelBindingTlsServerEndPoint asks for a
        // MessageDigest named after the certificate's key algorithm ("EC", "RSA"), which does not exist, and
        // Smack blacklists the mechanism by default. So Smack uses SCRAM-SHA-1 here too.
        exchange("SCRAM-SHA-256-PLUS", "SCRAM-SHA-1");
    }

    private void exchange(String aliceMechanism, String bobMechanism) throws Exception {
        XMPPTCPConnection bob = smack(bobMechanism);
        try (RawXmppClient alice = RawXmppClient.connectWithTls("alice", server)) {
            alice.authenticateScram("alice", ALICE_PASSWORD, aliceMechanism);
            String aliceJid = alice.bind("raw");
            assertThat(bob.isSecureConnection()).isTrue();
            assertThat(bob.getUsedSaslMechansism()).isEqualTo(bobMechanism);
            String bobJid = bob.getUser().toString();

            // alice -> bob
            StanzaCollector bobInbox = bob.createStanzaCollector(new AndFilter(MessageTypeFilter.CHAT,
                    FromMatchesFilter.createFull(JidCreate.from(aliceJid))));
            alice.send("<message to='" + bobJid + "' type='chat' id='a1'><body>" + RawXmppClient.escape(TO_BOB)
                    + "</body></message>");
            Message atBob = bobInbox.nextResult(RawXmppClient.TIMEOUT.toMillis());
            bobInbox.cancel();
            assertThat(atBob).as("bob received alice's message").isNotNull();
            assertThat(atBob.getBody()).isEqualTo(TO_BOB);
            assertThat(atBob.getFrom().toString()).isEqualTo(aliceJid);
            assertThat(atBob.getStanzaId()).isEqualTo("a1");

            // bob -> alice
            bob.sendStanza(bob.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.from(aliceJid))
                    .ofType(Message.Type.chat)
                    .setBody(TO_ALICE)
                    .build());
            Element atAlice = alice.expectStanza("message");
            assertThat(atAlice.childText("body", Namespaces.CLIENT)).isEqualTo(TO_ALICE);
            assertThat(atAlice.attribute("from")).isEqualTo(bobJid);
            assertThat(atAlice.attribute("to")).isEqualTo(aliceJid);

            alice.closeStream();
        } finally {
            bob.disconnect();
        }
    }

    private static XMPPTCPConnection smack(String mechanism) throws Exception {
        XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain("localhost")
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(server.starttlsPort())
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(server.trustManager())
                .setUsernameAndPassword("bob", BOB_PASSWORD)
                .setResource("smack")
                .addEnabledSaslMechanism(mechanism)
                .setSendPresence(true)
                .build();
        XMPPTCPConnection connection = new XMPPTCPConnection(config);
        connection.connect().login();
        return connection;
    }
}
