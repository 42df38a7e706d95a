package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.xmpp.stanza.StreamErrorCondition.BAD_FORMAT;
import static org.chasqui.xmpp.stanza.StreamErrorCondition.BAD_NAMESPACE_PREFIX;
import static org.chasqui.xmpp.stanza.StreamErrorCondition.HOST_UNKNOWN;
import static org.chasqui.xmpp.stanza.StreamErrorCondition.INVALID_NAMESPACE;
import static org.chasqui.xmpp.stanza.StreamErrorCondition.UNSUPPORTED_VERSION;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.chasqui.broker.testing.GoodSession;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.stream.StreamHeader;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The initial stream header, RFC 6120 §4.7 and §4.8: what the server accepts and what it refuses. */
class StreamHeaderTest {

    static final String STREAMS = "xmlns:stream='http://etherx.jabber.org/streams'";

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                // RFC 6120 §4.8.1, §4.9.3.10: the root must be in the stream namespace
                bad("wrong stream namespace", "<stream:stream xmlns='jabber:client'"
                        + " xmlns:stream='http://etherx.jabber.org/streams/wrong' to='localhost' version='1.0'>",
                        INVALID_NAMESPACE),
                bad("a stanza instead of a stream", "<message xmlns='jabber:client' to='localhost'/>", INVALID_NAMESPACE),
                // RFC 6120 §4.8.2, §4.9.3.10: the content namespace of a c2s stream is jabber:client
                bad("content namespace jabber:server", "<stream:stream xmlns='jabber:server' " + STREAMS
                        + " to='localhost' version='1.0'>", INVALID_NAMESPACE),
                bad("content namespace of another protocol", "<stream:stream xmlns='urn:example:other' " + STREAMS
                        + " to='localhost' version='1.0'>", INVALID_NAMESPACE),
                bad("content namespace equal to the stream namespace", "<stream:stream"
                        + " xmlns='http://etherx.jabber.org/streams' " + STREAMS + " to='localhost' version='1.0'>",
                        INVALID_NAMESPACE),
                // RFC 6120 §4.9.3.1: right namespace, wrong element
                bad("root element other than stream", "<stream:features xmlns='jabber:client' " + STREAMS
                        + " to='localhost' version='1.0'>", BAD_FORMAT),
                // RFC 6120 §4.9.3.2: the stream prefix is used but never declared
                bad("undeclared stream prefix", "<stream:stream xmlns='jabber:client' to='localhost' version='1.0'>",
                        BAD_NAMESPACE_PREFIX),
                // RFC 6120 §4.9.3.6
                bad("another domain", header("to='example.org' version='1.0'"), HOST_UNKNOWN),
                bad("a full JID as 'to'", header("to='juliet@localhost/balcony' version='1.0'"), HOST_UNKNOWN),
                bad("an invalid 'to'", header("to='local host' version='1.0'"), HOST_UNKNOWN),
                // RFC 6120 §4.7.5, §4.9.3.25: no version (pre-RFC 3920 streams) or below 1.0
                bad("version 0.9", header("to='localhost' version='0.9'"), UNSUPPORTED_VERSION),
                bad("no version", header("to='localhost'"), UNSUPPORTED_VERSION),
                bad("a version that is not a number", header("to='localhost' version='one'"), UNSUPPORTED_VERSION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHeaders")
    void aBadHeaderIsAnsweredWithAHeaderThenTheError(String what, String header, StreamErrorCondition condition)
            throws Exception {
        try (RawXmppClient mallory = RawXmppClient.connect("mallory", server.starttlsPort())) {
            mallory.send("<?xml version='1.0'?>" + header);
            mallory.expectStreamError(condition);
        }
        GoodSession.assertServerStillWorks(server);
    }

    @Test
    void theResponseHeaderFollowsRfc6120Section4_7() throws Exception {
        try (RawXmppClient juliet = RawXmppClient.connect("juliet", server.starttlsPort())) {
            juliet.send("<?xml version='1.0'?>" + header("to='localhost' from='juliet@localhost' version='1.0'"));
            StreamHeader response = juliet.expectHeader();
            assertThat(response.from()).isEqualTo("localhost"); // §4.7.1
            assertThat(response.to()).isEqualTo("juliet@localhost"); // §4.7.2
            assertThat(response.id()).hasSizeGreaterThanOrEqualTo(16); // §4.7.3: unique, unpredictable
            assertThat(response.version()).isEqualTo("1.0"); // §4.7.5
            assertThat(response.contentNamespace()).isEqualTo(Namespaces.CLIENT);
            juliet.expectFeatures();
            juliet.closeStream();
        }
    }

    @Test
    void aHigherMinorVersionIsAnsweredWithOurs() throws Exception {
        // RFC 6120 §4.7.5: the response carries the lower of the two versions
        try (RawXmppClient juliet = RawXmppClient.connect("juliet", server.starttlsPort())) {
            juliet.send("<?xml version='1.0'?>" + header("to='localhost' version='1.1'"));
            assertThat(juliet.expectHeader().version()).isEqualTo("1.0");
            juliet.expectFeatures();
            juliet.closeStream();
        }
    }

    @Test
    void aHeaderWithoutToIsServedByTheDefaultDomain() throws Exception {
        // RFC 6120 §4.7.2: the receiving entity MAY use its default domain
        try (RawXmppClient juliet = RawXmppClient.connect("juliet", server.starttlsPort())) {
            juliet.send("<?xml version='1.0'?>" + header("version='1.0'"));
            assertThat(juliet.expectHeader().from()).isEqualTo("localhost");
            juliet.expectFeatures();
            juliet.closeStream();
        }
    }

    @Test
    void theHeaderMayArriveOneByteAtATime() throws Exception {
        try (RawXmppClient juliet = RawXmppClient.connect("juliet", server.starttlsPort())) {
            for (char c : ("<?xml version='1.0'?>" + header("to='localhost' version='1.0'")).toCharArray()) {
                juliet.send(String.valueOf(c));
            }
            juliet.expectHeader();
            Element features = juliet.expectFeatures();
            assertThat(features.child("starttls", Namespaces.TLS)).isNotNull();
            juliet.closeStream();
        }
    }

    private static String header(String attributes) {
        return "<stream:stream xmlns='jabber:client' " + STREAMS + " " + attributes + ">";
    }

    private static Arguments bad(String what, String header, StreamErrorCondition condition) {
        return Arguments.of(what, header, condition);
    }
}
