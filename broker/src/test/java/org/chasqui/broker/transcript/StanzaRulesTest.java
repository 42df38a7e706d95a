package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
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
 * Stanza handling between two bound sessions, romeo@localhost/orchard and juliet@localhost/balcony:
 * RFC 6120 §8 (addressing, IQ rules, errors), RFC 6121 §8.5 (delivery), and the examples of
 * XEP-0199 and XEP-0030 with their domains replaced by ours.
 */
class StanzaRulesTest {

    static final Duration QUIET = Duration.ofMillis(300);
    static final String ROMEO = "romeo@localhost/orchard";
    static final String JULIET = "juliet@localhost/balcony";

    @TempDir
    static Path dataDir;
    static TestServer server;
    RawXmppClient romeo;
    RawXmppClient juliet;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
        server.addUser("romeo", "wherefore art thou");
        server.addUser("juliet", "a rose by any other name");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void bothAreOnline() throws Exception {
        romeo = RawXmppClient.login(server, "romeo", "wherefore art thou", "orchard");
        juliet = RawXmppClient.login(server, "juliet", "a rose by any other name", "balcony");
    }

    @AfterEach
    void bothLeave() {
        romeo.expectNothing(QUIET);
        juliet.expectNothing(Duration.ZERO);
        romeo.closeStream();
        juliet.closeStream();
        romeo.close();
        juliet.close();
    }

    // ---- RFC 6120 §8.1.2.1: the server stamps 'from' ----

    @Test
    void theServerStampsTheSendersFullJid() {
        romeo.send("<message to='" + JULIET + "' type='chat' id='m1' xml:lang='en'><body>Hello, Juliet</body></message>");
        juliet.expectExactly("""
                <message from='romeo@localhost/orchard' to='juliet@localhost/balcony' type='chat' id='m1' xml:lang='en'>
                  <body>Hello, Juliet</body>
                </message>""");
    }

    @Test
    void aBareFromIsReplacedByTheFullJid() {
        romeo.send("<message from='romeo@localhost' to='" + JULIET + "' id='m2'><body>it is I</body></message>");
        assertThat(juliet.expectStanza("message").attribute("from")).isEqualTo(ROMEO);
    }

    @Test
    void theFullFromIsKept() {
        romeo.send("<message from='" + ROMEO + "' to='" + JULIET + "' id='m3'><body>it is I</body></message>");
        assertThat(juliet.expectStanza("message").attribute("from")).isEqualTo(ROMEO);
    }

    @Test
    void aMessageToTheBareJidReachesTheAvailableResource() {
        juliet.send("<presence/>");
        juliet.expectStanza("presence"); // RFC 6121 §4.2.2: her own presence comes back to her
        romeo.send("<message to='juliet@localhost' type='chat' id='m4'><body>to all of you</body></message>");
        juliet.expectExactly("""
                <message from='romeo@localhost/orchard' to='juliet@localhost' type='chat' id='m4'>
                  <body>to all of you</body>
                </message>""");
    }

    @Test
    void aMessageToTheBareJidWithNoAvailableResourceWaitsForAvailablePresence() {
        // RFC 6121 §8.5.2.2.1 with XEP-0160: stored, then delivered with a XEP-0203 stamp
        romeo.send("<message to='juliet@localhost' type='chat' id='m5'><body>anyone?</body></message>");
        juliet.expectNothing(QUIET);
        romeo.expectNothing(Duration.ZERO);
        juliet.send("<presence/>");
        juliet.expectStanza("presence");
        Element stored = juliet.expectStanza("message");
        assertThat(stored.attribute("id")).isEqualTo("m5");
        assertThat(stored.attribute("from")).isEqualTo("romeo@localhost/orchard");
        assertThat(stored.childText("body", Namespaces.CLIENT)).isEqualTo("anyone?");
        Element delay = stored.child("delay", "urn:xmpp:delay");
        assertThat(delay.attribute("from")).isEqualTo("localhost");
        assertThat(java.time.Instant.parse(delay.attribute("stamp"))).isBefore(java.time.Instant.now().plusSeconds(1));
        assertThat(delay.text()).isEqualTo("Offline Storage");
    }

    // ---- RFC 6120 §8.2.3: IQ semantics ----

    @Test
    void anIqWithoutIdIsABadRequest() {
        romeo.send("<iq type='get' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
        expectError(romeo, "modify", "bad-request");
    }

    @Test
    void anIqWithTwoPayloadsIsABadRequest() {
        romeo.send("<iq type='get' id='two' to='localhost'><ping xmlns='urn:xmpp:ping'/>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        assertThat(expectError(romeo, "modify", "bad-request").attribute("id")).isEqualTo("two");
    }

    @Test
    void anIqWithoutPayloadIsABadRequest() {
        romeo.send("<iq type='get' id='none' to='localhost'/>");
        assertThat(expectError(romeo, "modify", "bad-request").attribute("id")).isEqualTo("none");
    }

    @ParameterizedTest(name = "type=''{0}''")
    @ValueSource(strings = {"foo", "GET", ""})
    void anIqOfAnUnknownTypeIsABadRequest(String type) {
        romeo.send("<iq type='" + type + "' id='t1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertThat(expectError(romeo, "modify", "bad-request").attribute("id")).isEqualTo("t1");
    }

    @Test
    void anIqWithoutTypeIsABadRequest() {
        romeo.send("<iq id='t2' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
        expectError(romeo, "modify", "bad-request");
    }

    @Test
    void anUnknownNamespaceAtTheServerIsServiceUnavailable() {
        // RFC 6120 §8.4 (and the shape of XEP-0199 example "Ping Not Supported")
        romeo.send("<iq to='localhost' id='u1' type='get'><query xmlns='urn:example:unknown'/></iq>");
        romeo.expectExactly("""
                <iq from='localhost' to='romeo@localhost/orchard' id='u1' type='error'>
                  <query xmlns='urn:example:unknown'/>
                  <error type='cancel'>
                    <service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                  </error>
                </iq>""");
    }

    @ParameterizedTest(name = "to=''{0}''")
    @ValueSource(strings = {"nobody@localhost", "nobody@localhost/res"})
    void anIqToAnAccountThatDoesNotExistIsServiceUnavailable(String to) {
        // RFC 6121 §8.5.1
        romeo.send("<iq to='" + to + "' id='n1' type='get'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        Element error = expectError(romeo, "cancel", "service-unavailable");
        assertThat(error.attribute("from")).isEqualTo(to);
    }

    @Test
    void anIqToAResourceThatIsNotOnlineIsServiceUnavailable() {
        // RFC 6121 §8.5.3.2.3
        romeo.send("<iq to='juliet@localhost/tomb' id='n2' type='get'><ping xmlns='urn:xmpp:ping'/></iq>");
        expectError(romeo, "cancel", "service-unavailable");
    }

    @Test
    void resultsAndErrorsForTheServerAreNotAnswered() {
        // RFC 6120 §8.2.3: never answer a response, so that no loop can start
        romeo.send("<iq to='localhost' id='r1' type='result'/>");
        romeo.send("<iq to='localhost' id='r2' type='error'><error type='cancel'>"
                + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
        romeo.send("<iq to='localhost' id='r3' type='foo' x='1'/><message to='nobody@example.org' type='error'/>");
        expectError(romeo, "modify", "bad-request"); // r3 only
    }

    // ---- RFC 6120 §10.4, §8.3.3.8: addressing ----

    @Test
    void aMessageToAnotherDomainIsRemoteServerNotFound() {
        romeo.send("<message to='juliet@capulet.example' id='r1' type='chat'><body>far away</body></message>");
        romeo.expectExactly("""
                <message from='juliet@capulet.example' to='romeo@localhost/orchard' id='r1' type='error'>
                  <body>far away</body>
                  <error type='cancel'><remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>
                </message>""");
    }

    @ParameterizedTest(name = "to=''{0}''")
    @ValueSource(strings = {"@localhost", "juliet@", "juliet@localhost/", "juliet@@localhost", "jul iet@localhost",
            "juliet@exa mple.org"})
    void aMalformedToIsJidMalformed(String to) {
        romeo.send("<message to='" + to + "' id='j1'><body>?</body></message>");
        Element error = expectError(romeo, "modify", "jid-malformed");
        assertThat(error.attribute("id")).isEqualTo("j1");
        assertThat(error.attribute("from")).isEqualTo("localhost");
    }

    // ---- XEP-0199 ----

    @Test
    void xep0199ClientToServerPing() {
        // XEP-0199 §4.2, Examples 3 and 4
        romeo.send("""
                <iq from='romeo@localhost/orchard' to='localhost' id='c2s1' type='get'>
                  <ping xmlns='urn:xmpp:ping'/>
                </iq>""");
        romeo.expectExactly("<iq from='localhost' to='romeo@localhost/orchard' id='c2s1' type='result'/>");
    }

    @Test
    void xep0199PingWithoutToIsAnsweredByTheServer() {
        // XEP-0199 §4.2: no 'to' is handled by the server on behalf of the user's bare JID
        romeo.send("<iq id='c2s2' type='get'><ping xmlns='urn:xmpp:ping'/></iq>");
        Element pong = romeo.expectStanza("iq");
        assertThat(pong.attribute("type")).isEqualTo("result");
        assertThat(pong.attribute("id")).isEqualTo("c2s2");
        assertThat(pong.attribute("to")).isEqualTo(ROMEO);
    }

    @Test
    void xep0199ClientToClientPing() {
        // XEP-0199 §4.3, Examples 7 and 8
        romeo.send("""
                <iq from='romeo@localhost/orchard'
                    to='juliet@localhost/balcony'
                    type='get'
                    id='e2e1'>
                  <ping xmlns='urn:xmpp:ping'/>
                </iq>""");
        juliet.expectExactly("""
                <iq from='romeo@localhost/orchard' to='juliet@localhost/balcony' type='get' id='e2e1'>
                  <ping xmlns='urn:xmpp:ping'/>
                </iq>""");
        juliet.send("<iq from='juliet@localhost/balcony' to='romeo@localhost/orchard' id='e2e1' type='result'/>");
        romeo.expectExactly("<iq from='juliet@localhost/balcony' to='romeo@localhost/orchard' id='e2e1' type='result'/>");
    }

    // ---- XEP-0030 ----

    @Test
    void xep0030DiscoInfoOfTheServer() {
        // XEP-0030 §3.1, Examples 1 and 2
        romeo.send("""
                <iq type='get'
                    from='romeo@localhost/orchard'
                    to='localhost'
                    id='info1'>
                  <query xmlns='http://jabber.org/protocol/disco#info'/>
                </iq>""");
        Element result = romeo.expectStanza("iq");
        assertThat(result.attributes()).containsEntry("type", "result").containsEntry("from", "localhost")
                .containsEntry("to", ROMEO).containsEntry("id", "info1");
        Element query = result.child("query", Namespaces.DISCO_INFO);
        assertThat(query.child("identity", Namespaces.DISCO_INFO).attributes())
                .containsEntry("category", "server").containsEntry("type", "im");
        assertThat(query.elements().stream().filter(e -> e.name().equals("feature")).map(e -> e.attribute("var")))
                .contains(Namespaces.DISCO_INFO, Namespaces.DISCO_ITEMS, Namespaces.PING, Namespaces.VERSION);
    }

    @Test
    void xep0030DiscoInfoOfAnAccount() {
        // XEP-0030 §3.1, Examples 5 and 6: the server answers for the bare JID
        romeo.send("<iq type='get' to='juliet@localhost' id='info2'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        Element result = romeo.expectStanza("iq");
        assertThat(result.attributes()).containsEntry("type", "result").containsEntry("from", "juliet@localhost");
        assertThat(result.child("query", Namespaces.DISCO_INFO).child("identity", Namespaces.DISCO_INFO).attributes())
                .containsEntry("category", "account").containsEntry("type", "registered");
    }

    @Test
    void xep0030DiscoItemsOfTheServer() {
        // XEP-0030 §4.1, Example 9, listing the XEP-0060 service (§5.1)
        romeo.send("""
                <iq type='get'
                    from='romeo@localhost/orchard'
                    to='localhost'
                    id='items1'>
                  <query xmlns='http://jabber.org/protocol/disco#items'/>
                </iq>""");
        romeo.expectExactly("""
                <iq type='result'
                    from='localhost'
                    to='romeo@localhost/orchard'
                    id='items1'>
                  <query xmlns='http://jabber.org/protocol/disco#items'>
                    <item jid='pubsub.localhost'/>
                  </query>
                </iq>""");
    }

    @Test
    void xep0030DiscoInfoOfAnUnknownNodeIsItemNotFound() {
        romeo.send("<iq type='get' to='localhost' id='info3'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info' node='no-such-node'/></iq>");
        expectError(romeo, "cancel", "item-not-found");
    }

    // ---- XEP-0092 ----

    @Test
    void xep0092SoftwareVersionOfTheServer() {
        romeo.send("<iq type='get' to='localhost' id='version_1'><query xmlns='jabber:iq:version'/></iq>");
        Element query = romeo.expectStanza("iq").child("query", Namespaces.VERSION);
        assertThat(query.childText("name", Namespaces.VERSION)).isEqualTo("Chasqui");
        assertThat(query.child("os", Namespaces.VERSION)).as("XEP-0092 §5: the OS is not disclosed").isNull();
    }

    // ---- helpers ----

    /** The next stanza is an error of this type and condition (RFC 6120 §8.3.2). */
    private static Element expectError(RawXmppClient client, String type, String condition) {
        Element stanza = client.expect();
        assertThat(stanza.attribute("type")).as(stanza + "\n" + client.transcript()).isEqualTo("error");
        Element error = stanza.child("error", Namespaces.CLIENT);
        assertThat(error.attribute("type")).as(stanza.toString()).isEqualTo(type);
        assertThat(error.firstChildIn(Namespaces.STANZAS)).as(stanza.toString())
                .isEqualTo(Element.empty(condition, Namespaces.STANZAS));
        return stanza;
    }
}
