package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.broker.transcript.Im.account;
import static org.chasqui.broker.transcript.Im.available;
import static org.chasqui.broker.transcript.Im.settle;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.broker.testing.Xml;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XEP-0160 offline messages (version 1.0.1), from its examples with montague.net and capulet.com
 * replaced by our domain: romeo writes to juliet while she has no available resource of non-negative
 * priority. The server keeps at most 3 messages per account here ({@code im.max_offline_messages}).
 */
class OfflineTest {

    static final int QUOTA = 3;
    static final String DELAY = "urn:xmpp:delay";

    @TempDir
    Path dataDir;
    TestServer server;
    final List<RawXmppClient> clients = new ArrayList<>();
    String juliet;
    String j;
    RawXmppClient romeo;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dataDir, c -> c.withIm(c.im().withMaxOfflineMessages(QUOTA)));
        juliet = account(server, "juliet");
        j = juliet + "@localhost";
        romeo = online(account(server, "romeo"), "orchard", "");
    }

    @AfterEach
    void stop() {
        Im.closeAll(clients.toArray(RawXmppClient[]::new));
        server.close();
    }

    private RawXmppClient online(String user, String resource, String presenceChildren) throws Exception {
        RawXmppClient c = Im.connect(server, user, resource);
        clients.add(c);
        available(c, presenceChildren);
        return c;
    }

    /** The message as delivered from storage, and the XEP-0203 stamp checked and taken off. */
    private static Element delivered(Element message, Instant notBefore) {
        Element delay = message.child("delay", DELAY);
        assertThat(delay).as("XEP-0160 §2: a XEP-0203 delay").isNotNull();
        assertThat(delay.attribute("from")).isEqualTo("localhost");
        assertThat(delay.text()).isEqualTo("Offline Storage");
        // XEP-0082 DateTime in UTC, between the sending and now
        assertThat(delay.attribute("stamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z");
        assertThat(Instant.parse(delay.attribute("stamp"))).isBetween(notBefore.truncatedTo(ChronoUnit.MILLIS), Instant.now());
        Element.Builder b = Element.builder(message.name(), message.namespace());
        message.attributes().forEach(b::attribute);
        b.children(message.children().stream().filter(n -> !(n instanceof Element e && e.is("delay", DELAY))).toList());
        return Xml.withoutIndentation(b.build());
    }

    @Test
    void xep0160ProcessFlow() throws Exception {
        Instant sent = Instant.now();
        // §2, Example 1: the sender generates a message to the recipient's bare JID
        String example1 = """
                <message to='%s'>
                  <body>
                    O blessed, blessed night! I am afeard.
                    Being in night, all this is but a dream,
                    Too flattering-sweet to be substantial.
                  </body>
                </message>""".formatted(j);
        romeo.send(example1);
        romeo.send("<message to='" + j + "/balcony' type='chat' id='c2'><body>and to your balcony</body></message>");
        settle(romeo); // no error: stored

        // §2, Example 2: the recipient becomes available with a non-negative priority
        RawXmppClient balcony = online(juliet, "balcony", "<priority>1</priority>");
        // §2, Example 3: the server delivers the messages, oldest first, each with a delay
        assertThat(delivered(balcony.expectStanza("message"), sent)).isEqualTo(Xml.stanza("""
                <message from='%s' to='%s'>
                  <body>
                    O blessed, blessed night! I am afeard.
                    Being in night, all this is but a dream,
                    Too flattering-sweet to be substantial.
                  </body>
                </message>""".formatted(romeo.jid(), j)));
        assertThat(delivered(balcony.expectStanza("message"), sent)).isEqualTo(Xml.stanza(
                "<message from='" + romeo.jid() + "' to='" + j + "/balcony' type='chat' id='c2'><body>and to your balcony</body></message>"));
        settle(balcony);

        // delivered once: the next login finds nothing
        Im.leave(balcony);
        RawXmppClient chamber = online(juliet, "chamber", "");
        settle(romeo, chamber);
    }

    @Test
    void xep0160ServiceDiscovery() throws Exception {
        // §4, Examples 4 and 5
        romeo.send("<iq type='get' id='disco1' to='localhost'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        Element result = romeo.expectStanza("iq");
        assertThat(result.child("query", Namespaces.DISCO_INFO).elements())
                .anyMatch(f -> f.is("feature", Namespaces.DISCO_INFO) && "msgoffline".equals(f.attribute("var")));
    }

    @Test
    void aNegativePriorityDoesNotTakeStoredMessagesUntilItBecomesNonNegative() throws Exception {
        Instant sent = Instant.now();
        romeo.send("<message to='" + j + "' type='chat' id='n1'><body>wait for me</body></message>");
        settle(romeo);
        // §2 step 2: available resources with a negative priority never get messages for the bare JID
        RawXmppClient balcony = online(juliet, "balcony", "<priority>-1</priority>");
        romeo.send("<message to='" + j + "' type='chat' id='n2'><body>still there?</body></message>");
        settle(romeo, balcony);
        // §2 step 5: "next sends non-negative available presence"
        available(balcony, "<priority>0</priority>");
        assertThat(delivered(balcony.expectStanza("message"), sent).attribute("id")).isEqualTo("n1");
        assertThat(delivered(balcony.expectStanza("message"), sent).attribute("id")).isEqualTo("n2");
        settle(balcony);
    }

    @Test
    void onlyWhatAMessageIsWorthKeepingIsKept() throws Exception {
        Instant sent = Instant.now();
        // §3: chat messages with XEP-0085 content only are not stored ...
        romeo.send("<message to='" + j + "' type='chat'><active xmlns='http://jabber.org/protocol/chatstates'/></message>");
        romeo.send("<message to='" + j + "' type='chat'><composing xmlns='http://jabber.org/protocol/chatstates'/>"
                + "<thread>t1</thread></message>");
        // ... with a body they are
        romeo.send("<message to='" + j + "' type='chat' id='k1'><body>hi</body>"
                + "<active xmlns='http://jabber.org/protocol/chatstates'/></message>");
        // §3: headline and error are not stored (and dropped silently, RFC 6121 §8.5.2.2.1)
        romeo.send("<message to='" + j + "' type='headline'><body>news</body></message>");
        romeo.send("<message to='" + j + "' type='error' id='e1'><error type='cancel'>"
                + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
        // §3: groupchat is not stored; RFC 6121 §8.5.2.2.1: it gets an error
        romeo.send("<message to='" + j + "' type='groupchat' id='g1'><body>room talk</body></message>");
        Element error = Im.expectError(romeo, "cancel", "service-unavailable");
        assertThat(error.attribute("id")).isEqualTo("g1");
        settle(romeo);

        RawXmppClient balcony = online(juliet, "balcony", "");
        Element kept = delivered(balcony.expectStanza("message"), sent);
        assertThat(kept.attribute("id")).isEqualTo("k1");
        settle(balcony);
    }

    @Test
    void pastTheQuotaTheSenderGetsServiceUnavailable() throws Exception {
        for (int i = 1; i <= QUOTA; i++) {
            romeo.send("<message to='" + j + "' id='q" + i + "'><body>" + i + "</body></message>");
        }
        settle(romeo);
        // §2 step 3: the recipient's offline queue is full
        romeo.send("<message to='" + j + "' id='q4' xml:lang='en'><body>4</body></message>");
        romeo.expectExactly("""
                <message from='%s' to='%s' id='q4' type='error' xml:lang='en'>
                  <body>4</body>
                  <error type='cancel'>
                    <service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                    <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'>the recipient's offline storage is full</text>
                  </error>
                </message>""".formatted(j, romeo.jid()));
        RawXmppClient balcony = online(juliet, "balcony", "");
        for (int i = 1; i <= QUOTA; i++) {
            assertThat(balcony.expectStanza("message").attribute("id")).isEqualTo("q" + i);
        }
        settle(balcony);
        Im.leave(balcony);
        // delivered messages no longer count
        romeo.send("<message to='" + j + "' id='q5'><body>5</body></message>");
        settle(romeo);
    }

    @Test
    void storedMessagesSurviveARestartAndAreDeliveredOnce() throws Exception {
        Instant sent = Instant.now();
        romeo.send("<message to='" + j + "' type='chat' id='r1'><body>before the restart</body></message>");
        romeo.send("<message to='" + j + "' id='r2'><body>and another</body></message>");
        settle(romeo); // romeo's session has handed them to juliet's shard ...
        Im.throughShardOf(server, juliet); // ... which has handed them to the journal
        String from = romeo.jid();

        server = server.restart();
        RawXmppClient balcony = online(juliet, "balcony", "");
        assertThat(delivered(balcony.expectStanza("message"), sent)).isEqualTo(Xml.stanza(
                "<message from='" + from + "' to='" + j + "' type='chat' id='r1'><body>before the restart</body></message>"));
        assertThat(delivered(balcony.expectStanza("message"), sent)).isEqualTo(Xml.stanza(
                "<message from='" + from + "' to='" + j + "' id='r2'><body>and another</body></message>"));
        settle(balcony);
        Im.leave(balcony);

        server = server.restart();
        RawXmppClient chamber = online(juliet, "chamber", "");
        settle(chamber); // the delivery was journaled too
    }
}
