package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.chasqui.broker.testing.GoodSession;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-connection limits of the {@code limits} configuration section, each on its own server. */
class ConnectionLimitsTest {

    @Test
    void aClientThatDoesNotAuthenticateInTimeIsDisconnected(@TempDir Path dataDir) throws Exception {
        try (TestServer server = TestServer.start(dataDir,
                cfg -> cfg.withLimits(cfg.limits().withUnauthenticatedTimeoutSeconds(1)))) {
            long start = System.nanoTime(); // the server's timer starts when it accepts the connection
            try (RawXmppClient idle = RawXmppClient.connect("idle", server.starttlsPort())) {
                idle.openStreamAndExpectFeatures();
                // the server ends the stream by itself, with a stream error (RFC 6120 §4.9.1.1)
                Element error = idle.expectStreamError(StreamErrorCondition.NOT_AUTHORIZED);
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
                assertThat(error.childText("text", Namespaces.STREAMS)).contains("timed out");
            }
            try (RawXmppClient silent = RawXmppClient.connect("silent", server.starttlsPort())) {
                silent.expectStreamError(StreamErrorCondition.NOT_AUTHORIZED); // not even a stream header
            }
            // a client that authenticates in time is not affected, even when it stays longer
            server.addUser(GoodSession.USER, GoodSession.PASSWORD);
            try (RawXmppClient quick = RawXmppClient.login(server, GoodSession.USER, GoodSession.PASSWORD, "x")) {
                quick.expectNothing(Duration.ofMillis(1500));
                quick.closeStream();
            }
            GoodSession.assertServerStillWorks(server);
        }
    }

    @Test
    void theThirdConnectionFromOneAddressIsRefused(@TempDir Path dataDir) throws Exception {
        try (TestServer server = TestServer.start(dataDir,
                cfg -> cfg.withLimits(cfg.limits().withMaxConnectionsPerIp(2)))) {
            RawXmppClient first = RawXmppClient.connect("first", server.starttlsPort());
            first.openStreamAndExpectFeatures();
            try (RawXmppClient second = RawXmppClient.connect("second", server.starttlsPort())) {
                second.openStreamAndExpectFeatures();

                try (RawXmppClient third = RawXmppClient.connect("third", server.starttlsPort())) {
                    // RFC 6120 §4.9.3.14: refused with a header, the error and the end of the stream
                    third.expectStreamError(StreamErrorCondition.POLICY_VIOLATION);
                }
                try (RawXmppClient fourth = RawXmppClient.directTls("fourth", server.directTlsPort(),
                        server.sslContext())) {
                    fourth.expectStreamError(StreamErrorCondition.POLICY_VIOLATION);
                }

                first.closeStream();
                first.close();
                // the slot is released when the server has seen the connection close
                RawXmppClient again = connectWhenASlotIsFree(server);
                again.closeStream();
                again.close();
                second.closeStream();
            }
            GoodSession.assertServerStillWorks(server);
        }
    }

    /** Connects until the server accepts, for up to two seconds; a refusal is always policy-violation. */
    private static RawXmppClient connectWhenASlotIsFree(TestServer server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (true) {
            RawXmppClient client = RawXmppClient.connect("again", server.starttlsPort());
            client.openStream();
            RawXmppClient.Event header = client.next(RawXmppClient.TIMEOUT);
            assertThat(header).isInstanceOf(RawXmppClient.Header.class);
            Element next = client.expect();
            if (next.is("features", Namespaces.STREAM)) {
                return client;
            }
            assertThat(next.firstChildIn(Namespaces.STREAMS))
                    .isEqualTo(Element.empty("policy-violation", Namespaces.STREAMS));
            client.close();
            assertThat(System.nanoTime()).as("a slot is free within 2 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
