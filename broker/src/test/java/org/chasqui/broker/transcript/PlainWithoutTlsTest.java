package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loopback benchmark mode ({@code c2s.require_tls: false}, {@code c2s.allow_plain_without_tls:
 * true}): PLAIN is offered and works on a stream that never negotiated TLS.
 */
class PlainWithoutTlsTest {

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

    @Test
    void julietLogsInWithPlainWithoutTls() throws Exception {
        try (RawXmppClient juliet = RawXmppClient.connect("juliet", server.starttlsPort())) {
            Element features = juliet.openStreamAndExpectFeatures();
            Element mechanisms = features.child("mechanisms", Namespaces.SASL);
            assertThat(mechanisms).as(features.toString()).isNotNull();
            assertThat(mechanisms.elements()).extracting(Element::text).contains("PLAIN");
            juliet.authenticatePlain("juliet", "r0meo r0meo");
            assertThat(juliet.bind("balcony")).isEqualTo("juliet@localhost/balcony");
            juliet.closeStream();
        }
    }
}
