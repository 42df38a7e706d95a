package org.chasqui.broker.http.bosh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.broker.http.bosh.BoshFixture.NS;

import java.util.ArrayList;
import java.util.List;
import org.chasqui.broker.c2s.Transport;
import org.chasqui.broker.config.HttpConfig;
import org.chasqui.broker.http.bosh.BoshFixture.Answer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.stream.StreamHeader;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.Test;

/** XEP-0206 framing: how the stream of a c2s session maps onto BOSH requests and responses. */
class BoshTransportTest {

    static final HttpConfig CONFIG = HttpConfig.DEFAULTS.withBosh(60, 30, 1, 120, 2);

    /** What the c2s session would see, and a scripted answer to the stream header. */
    static final class RecordingPeer implements Transport.Peer {
        final List<String> events = new ArrayList<>();
        final List<StreamHeader> headers = new ArrayList<>();
        Transport transport;

        @Override
        public void streamOpened(StreamHeader header) {
            headers.add(header);
            events.add("streamOpened");
            transport.openStream("stream-" + headers.size(), "localhost", null);
            transport.features("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>");
        }

        @Override
        public void element(Element stanza) {
            events.add("element " + stanza.name());
        }

        @Override
        public void streamClosed() {
            events.add("streamClosed");
        }

        @Override
        public void streamError(StreamError error) {
            events.add("streamError " + error.condition().elementName());
        }

        @Override
        public void connectionClosed() {
            events.add("connectionClosed");
        }

        @Override
        public void shutdown() {
            events.add("shutdown");
        }
    }

    private final ManualScheduler clock = new ManualScheduler();
    private final RecordingPeer peer = new RecordingPeer();
    private final List<String> released = new ArrayList<>();
    private BoshTransport transport;

    private Answer open() {
        BoshRequest creation = BoshFixture.request("<body rid='100' to='localhost' ver='1.11' wait='60' hold='1'"
                + " xml:lang='en' xmpp:version='1.0' xmlns:xmpp='urn:xmpp:xbosh' " + NS + "/>");
        BoshSettings settings = ((BoshSettings.Granted) BoshSettings.negotiate(creation, CONFIG)).settings();
        transport = new BoshTransport("sid-1", settings, clock, "127.0.0.1", true, false,
                t -> released.add("released"));
        peer.transport = transport;
        Answer answer = new Answer();
        transport.session().start(creation, answer);
        transport.start(peer);
        transport.openFirstStream(creation);
        clock.runSoon();
        return answer;
    }

    private Answer send(long rid, String attributes, String payloads) {
        Answer a = new Answer();
        transport.session().handle(BoshFixture.request("<body rid='" + rid + "' sid='sid-1' " + attributes + " "
                + NS + ">" + payloads + "</body>"), a);
        return a;
    }

    @Test
    void theCreationRequestIsTheStreamHeaderAndItsResponseCarriesTheFeatures() {
        Answer creation = open();
        assertThat(peer.headers).containsExactly(
                new StreamHeader("localhost", null, null, "1.0", "en", Namespaces.CLIENT));
        Element body = creation.element();
        assertThat(body.attribute("authid")).isEqualTo("stream-1");
        Element features = body.child("features", Namespaces.STREAM);
        assertThat(features.child("bind", Namespaces.BIND)).isNotNull();
    }

    @Test
    void aRestartAfterSaslIsANewHeaderWithTheCreationsVersion() {
        open();
        transport.restartStream(); // SASL success
        Answer restart = send(101, "to='localhost' xmpp:restart='true' xmlns:xmpp='urn:xmpp:xbosh'", "");
        clock.runSoon();
        assertThat(peer.headers).hasSize(2);
        assertThat(peer.headers.get(1).version()).as("xmpp:version is only on the creation request").isEqualTo("1.0");
        Element body = restart.element();
        assertThat(body.attribute("authid")).as("no new header on the wire").isNull();
        assertThat(body.child("features", Namespaces.STREAM)).isNotNull();
    }

    @Test
    void payloadsReachThePeerAsElementsAndStanzasLeaveWithTheirNamespace() {
        open();
        Answer held = send(101, "", "<iq type='get' id='1' xmlns='jabber:client'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertThat(peer.events).containsExactly("streamOpened", "element iq");
        transport.write(Element.builder("iq", Namespaces.CLIENT).attribute("type", "result").attribute("id", "1")
                .build());
        clock.runSoon();
        assertThat(held.body).contains("<iq xmlns='jabber:client' type='result' id='1'/>");
    }

    @Test
    void aStreamErrorEndsTheSessionAsRemoteStreamError() {
        open();
        Answer held = send(101, "", "");
        transport.closeStream(new StreamError(StreamErrorCondition.POLICY_VIOLATION, "too fast"));
        Element body = held.element();
        assertThat(body.attribute("condition")).isEqualTo("remote-stream-error");
        assertThat(body.child("error", Namespaces.STREAM).child("policy-violation", Namespaces.STREAMS)).isNotNull();
        clock.runSoon();
        assertThat(peer.events).endsWith("connectionClosed");
        assertThat(released).containsExactly("released");
    }

    @Test
    void theClientsTerminateIsTheEndOfItsStream() {
        open();
        Answer end = send(101, "type='terminate'", "<presence type='unavailable' xmlns='jabber:client'/>");
        assertThat(end.attribute("type")).isEqualTo("terminate");
        assertThat(peer.events).containsExactly("streamOpened", "element presence", "streamClosed", "connectionClosed");
        assertThat(transport.secured()).isTrue();
        assertThat(transport.canStartTls()).isFalse();
        assertThat(transport.channelBindings()).isEmpty();
    }

    @Test
    void inactivityIsALostConnection() {
        open();
        clock.advance(30_000);
        assertThat(peer.events).containsExactly("streamOpened", "connectionClosed");
        assertThat(released).containsExactly("released");
    }
}
