package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XEP-0077 §3.2 with RFC 6121 §2.5.2: a deleted account's subscriptions end on its contacts' side
 * too, and a new account of the same name starts with nothing.
 */
class AccountRemovalTest {

    static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    static Path dataDir;
    static TestServer server;

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

    @Test
    void contactsLoseTheSubscriptionAndANewAccountOfTheSameNameStartsEmpty() throws Exception {
        RawXmppClient romeo = RawXmppClient.login(server, "romeo", "wherefore art thou", "orchard");
        RawXmppClient juliet = RawXmppClient.login(server, "juliet", "a rose by any other name", "balcony");
        for (RawXmppClient c : new RawXmppClient[] {romeo, juliet}) {
            c.send("<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>");
            c.expectStanza("iq");
            c.send("<presence/>");
            c.expectStanza("presence");
        }
        // both ways subscribed, as RFC 6121 §3.1 does it
        romeo.send("<presence to='juliet@localhost' type='subscribe'/>");
        romeo.expectStanza("iq"); // ask push
        expectPresenceOfType(juliet, "subscribe");
        juliet.send("<presence to='romeo@localhost' type='subscribed'/>");
        juliet.expectStanza("iq"); // from
        juliet.send("<presence to='romeo@localhost' type='subscribe'/>");
        juliet.expectStanza("iq"); // from + ask
        drain(romeo);
        romeo.send("<presence to='juliet@localhost' type='subscribed'/>");
        drain(romeo);
        drain(juliet);

        juliet.send("<iq type='set' id='del'><query xmlns='jabber:iq:register'><remove/></query></iq>");
        Element removedResult;
        do {
            removedResult = juliet.expectStanza("iq");
        } while (!"del".equals(removedResult.attribute("id")));
        assertThat(removedResult.attribute("type")).isEqualTo("result");
        juliet.close(); // XEP-0077 §3.2: the server then ends her streams
        // romeo's item goes to subscription none: the contact cancelled both directions
        Element item = lastPushItem(romeo, "juliet@localhost");
        assertThat(item.attribute("subscription")).isEqualTo("none");
        assertThat(item.attribute("ask")).isNull();

        server.addUser("juliet", "a new juliet");
        RawXmppClient juliet2 = RawXmppClient.login(server, "juliet", "a new juliet", "balcony");
        juliet2.send("<iq type='get' id='r2'><query xmlns='jabber:iq:roster'/></iq>");
        Element roster = juliet2.expectStanza("iq").child("query", "jabber:iq:roster");
        assertThat(roster.elements()).isEmpty();
        juliet2.closeStream();
        romeo.closeStream();
    }

    private static void expectPresenceOfType(RawXmppClient c, String type) {
        Element p;
        do {
            p = c.expectStanza("presence");
        } while (!type.equals(p.attribute("type")));
    }

    /** Reads roster pushes until one for {@code jid} leaves the stream quiet; returns its item. */
    private static Element lastPushItem(RawXmppClient c, String jid) {
        Element last = null;
        while (true) {
            Element e = c.poll(last == null ? RawXmppClient.TIMEOUT : QUIET);
            if (e == null) {
                assertThat(last).as("a roster push for " + jid).isNotNull();
                return last;
            }
            Element query = e.child("query", "jabber:iq:roster");
            if (e.name().equals("iq") && query != null && !query.elements().isEmpty()
                    && jid.equals(query.elements().get(0).attribute("jid"))) {
                last = query.elements().get(0);
            }
        }
    }

    private static void drain(RawXmppClient c) {
        while (c.poll(QUIET) != null) {
            // roster pushes and presence of the set-up
        }
    }
}
