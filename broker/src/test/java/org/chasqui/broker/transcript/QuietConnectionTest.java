package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server does to spend less on repeated logins and quiet connections must not show: a PLAIN
 * login with a password verified before (the verified-password cache, accepted on the event loop) and a
 * stream that stayed quiet long enough for its connection to let go of its parser and buffer.
 */
class QuietConnectionTest {

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.startPlainWithoutTls(dataDir);
        server.addUser("juliet", "r0meo r0meo");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Element plain(String password) throws Exception {
        try (RawXmppClient juliet = RawXmppClient.connect("juliet", server.starttlsPort())) {
            juliet.openStreamAndExpectFeatures();
            juliet.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
                    + java.util.Base64.getEncoder().encodeToString(("\0juliet\0" + password)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "</auth>");
            Element answer = juliet.expect();
            juliet.close();
            return answer;
        }
    }

    @Test
    void julietLogsInAgainWithTheSamePasswordButNotWithAnother() throws Exception {
        assertThat(plain("r0meo r0meo").name()).isEqualTo("success"); // PBKDF2, then remembered
        assertThat(plain("r0meo r0meo").name()).isEqualTo("success"); // one HMAC
        Element wrong = plain("r0meo r0meO");
        assertThat(wrong.name()).isEqualTo("failure");
        assertThat(wrong.child("not-authorized", Namespaces.SASL)).isNotNull();
    }

    @Test
    void aStreamQuietForTwoSweepsGoesOn() throws Exception {
        try (RawXmppClient juliet = RawXmppClient.login(server, "juliet", "r0meo r0meo", "quiet")) {
            // two sweeps without input: the second lets go of the parser (C2sVerticle.IDLE_SWEEP_MS)
            Thread.sleep(2 * org.chasqui.broker.c2s.C2sVerticle.IDLE_SWEEP_MS + 1000);
            juliet.send("<iq type='get' id='p1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
            Element result = juliet.expectStanza("iq");
            assertThat(result.attribute("type")).isEqualTo("result");
            juliet.send("<iq type='get' id='p2' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
            assertThat(juliet.expectStanza("iq").attribute("id")).isEqualTo("p2");
            juliet.closeStream();
        }
    }
}
