package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.broker.transcript.Im.account;
import static org.chasqui.broker.transcript.Im.drain;
import static org.chasqui.broker.transcript.Im.expectPush;
import static org.chasqui.broker.transcript.Im.rosterGet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.broker.testing.Xml;
import org.chasqui.broker.transcript.SubscriptionTest.State;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything RFC 6121 and XEP-0160 make the server remember is in the user journal: after a restart
 * (same data directory) the rosters (names, groups, every subscription state of Appendix A, 'ask',
 * 'approved', the version), the subscription requests waiting for an answer and the offline messages
 * are what they were, and the subscription state machine carries on from there.
 */
class ImStateRestartTest {

    @TempDir
    Path dataDir;
    TestServer server;
    final List<RawXmppClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        Im.closeAll(clients.toArray(RawXmppClient[]::new));
        server.close();
    }

    private RawXmppClient online(String user, String resource) throws Exception {
        RawXmppClient c = Im.online(server, user, resource);
        clients.add(c);
        return c;
    }

    private RawXmppClient withRoster(String user, String resource) throws Exception {
        RawXmppClient c = Im.connect(server, user, resource);
        clients.add(c);
        return c;
    }

    /** The roster as a comparable value: its version and its items ordered by JID. */
    private static List<Element> roster(Element query) {
        List<Element> items = new ArrayList<>(query.elements().stream().map(Xml::withoutIndentation).toList());
        items.sort(Comparator.comparing(i -> i.attribute("jid")));
        items.add(0, Element.builder("ver", "test").text(query.attribute("ver")).build());
        return items;
    }

    /** The subscription requests a new resource of the account gets after its initial presence (§3.1.3). */
    private List<Element> pendingRequests(String user) throws Exception {
        RawXmppClient c = online(user, "newcomer");
        List<Element> requests = Im.collect(c).stream().filter(e -> "subscribe".equals(e.attribute("type"))).toList();
        Im.leave(c);
        return requests;
    }

    @Test
    void rostersPendingRequestsAndOfflineMessagesSurviveARestart() throws Exception {
        server = TestServer.start(dataDir);
        String romeo = account(server, "romeo");
        String r = romeo + "@localhost";
        RawXmppClient orchard = online(romeo, "orchard");
        Map<State, String> contacts = new LinkedHashMap<>();
        for (State state : State.values()) {
            String contact = account(server, "contact");
            RawXmppClient c = online(contact, "home");
            SubscriptionTest.reach(state, orchard, c);
            contacts.put(state, contact);
        }
        // names and groups (§2.1.2.4, §2.1.2.6), on an item without an account behind it and on one
        // with subscription 'both'
        orchard.send("<iq type='set' id='n1'><query xmlns='jabber:iq:roster'><item jid='nurse@localhost' name='Nurse'>"
                + "<group>Servants</group><group>House</group></item></query></iq>");
        String both = contacts.get(State.BOTH) + "@localhost";
        orchard.send("<iq type='set' id='n2'><query xmlns='jabber:iq:roster'><item jid='" + both + "' name='Juliet'>"
                + "<group>Verona</group></item></query></iq>");
        // a pre-approval (§3.4) of someone not in the roster
        String fan = account(server, "fan");
        orchard.send("<presence type='subscribed' to='" + fan + "@localhost'/>");
        // two messages for an account that is not online (XEP-0160)
        String juliet = account(server, "juliet");
        orchard.send("<message to='" + juliet + "@localhost' type='chat' id='o1'><body>first</body></message>");
        orchard.send("<message to='" + juliet + "@localhost' id='o2'><body>second</body></message>");
        drain(orchard);
        Im.throughShardOf(server, juliet);

        Map<String, List<Element>> contactsBefore = new LinkedHashMap<>();
        for (RawXmppClient c : clients.subList(1, 1 + State.values().length)) {
            contactsBefore.put(Im.bare(c.jid()), roster(rosterGet(c)));
        }
        List<Element> requestsBefore = pendingRequests(romeo);
        assertThat(requestsBefore).as("None + Pending In, None + Pending Out/In, To + Pending In").hasSize(3);
        drain(orchard); // the newcomer's presence
        List<Element> romeoBefore = roster(rosterGet(orchard));
        assertThat(romeoBefore).hasSize(1 + State.values().length + 3); // ver, contacts, nurse, fan, marker
        String ver = romeoBefore.get(0).text();

        server = server.restart();
        Im.closeAll(clients.toArray(RawXmppClient[]::new));
        clients.clear();

        // the same rosters, at the same version: a client with the cached roster gets an empty result
        RawXmppClient garden = withRoster(romeo, "garden");
        assertThat(roster(rosterGet(garden))).isEqualTo(romeoBefore);
        garden.send("<iq type='get' id='v1'><query xmlns='jabber:iq:roster' ver='" + ver + "'/></iq>");
        garden.expectExactly("<iq type='result' id='v1' from='" + r + "' to='" + garden.jid() + "'/>");
        for (Map.Entry<String, List<Element>> e : contactsBefore.entrySet()) {
            RawXmppClient c = withRoster(e.getKey().substring(0, e.getKey().indexOf('@')), "home");
            assertThat(roster(rosterGet(c))).as(e.getKey()).isEqualTo(e.getValue());
            Im.leave(c);
        }
        // the same requests waiting
        assertThat(pendingRequests(romeo)).isEqualTo(requestsBefore);
        drain(garden);
        // the stored messages, once
        RawXmppClient balcony = online(juliet, "balcony");
        assertThat(balcony.expectStanza("message").attribute("id")).isEqualTo("o1");
        assertThat(balcony.expectStanza("message").attribute("id")).isEqualTo("o2");
        Im.settle(balcony);

        // and the state machine carries on: romeo approves the request from "None + Pending In"
        String asker = contacts.get(State.NONE_PENDING_IN) + "@localhost";
        garden.send("<presence type='subscribed' to='" + asker + "'/>");
        expectPush(garden, "<item jid='" + asker + "' subscription='from'/>");
        assertThat(pendingRequests(romeo)).hasSize(2);
    }
}
