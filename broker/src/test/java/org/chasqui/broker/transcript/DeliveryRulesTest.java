package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.broker.transcript.Im.account;
import static org.chasqui.broker.transcript.Im.available;
import static org.chasqui.broker.transcript.Im.drain;
import static org.chasqui.broker.transcript.Im.settle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.broker.testing.Xml;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 6121 §8.5, the delivery rules for local accounts, as the summary table of §8.5.4 lays them out
 * for messages (every condition, address and type), then presence and IQ. StanzaRulesTest covers the
 * IQ cases and the basic message cases already; the accounts here never change between tests:
 * <ul>
 * <li>ghost: no such account</li>
 * <li>absent: an account with no resource at all</li>
 * <li>shy: one available resource, 'neg', with a negative priority</li>
 * <li>solo: one available resource, 'one', priority 0</li>
 * <li>many: 'hi' (priority 2), 'lo' (priority 1) and 'neg' (priority -1)</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryRulesTest {

    /**
     * §8.5.4: D deliver to the resource addressed, M to the "most available" resource (here: the
     * highest priority), A to every resource with a non-negative priority, O offline storage
     * (XEP-0160), S silently ignore, E a service-unavailable error to the sender. Where the RFC text
     * lets the server choose between ignoring and an error (§8.5.1, §8.5.3.2.1), the table says which
     * this server does.
     */
    enum Outcome { D, M, A, O, S, E }

    @TempDir
    static Path dataDir;
    TestServer server;
    RawXmppClient sender;
    String absent;
    String shy;
    String solo;
    String many;
    RawXmppClient shyNeg;
    RawXmppClient soloOne;
    RawXmppClient manyHi;
    RawXmppClient manyLo;
    RawXmppClient manyNeg;
    final List<RawXmppClient> clients = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(dataDir);
        sender = online(account(server, "sender"), "desk", 0);
        absent = account(server, "absent");
        shy = account(server, "shy");
        solo = account(server, "solo");
        many = account(server, "many");
        shyNeg = online(shy, "neg", -1);
        soloOne = online(solo, "one", 0);
        manyHi = online(many, "hi", 2);
        manyLo = online(many, "lo", 1);
        manyNeg = online(many, "neg", -1);
        drain(manyHi, manyLo, manyNeg);
    }

    @AfterAll
    void stop() {
        Im.closeAll(clients.toArray(RawXmppClient[]::new));
        server.close();
    }

    private RawXmppClient online(String user, String resource, int priority) throws Exception {
        RawXmppClient c = Im.connect(server, user, resource);
        available(c, "<priority>" + priority + "</priority>");
        clients.add(c);
        return c;
    }

    private List<RawXmppClient> recipients() {
        return List.of(shyNeg, soloOne, manyHi, manyLo, manyNeg);
    }

    /** The rows of §8.5.4: condition and address, then normal, chat, groupchat, headline, error. */
    static Stream<Arguments> messages() {
        List<Arguments> rows = new ArrayList<>();
        // ACCOUNT DOES NOT EXIST (§8.5.1: the RFC table says S but for groupchat; an error is allowed)
        row(rows, "ghost", "bare", "E E E E S");
        row(rows, "ghost", "full", "E E E E S");
        // ACCOUNT EXISTS, BUT NO ACTIVE RESOURCES (§8.5.2.2.1; §8.5.3.2.1, where for normal and
        // groupchat an error is allowed and we give one, and headline is ignored)
        row(rows, "absent", "bare", "O O E S S");
        row(rows, "absent", "full no match", "E O E S S");
        // 1+ NEGATIVE RESOURCES BUT ZERO NON-NEGATIVE RESOURCES
        row(rows, "shy", "bare", "O O E S S");
        row(rows, "shy", "full match", "D D D D D");
        row(rows, "shy", "full no match", "E O E S S");
        // 1 NON-NEGATIVE RESOURCE
        row(rows, "solo", "bare", "D D E D S");
        row(rows, "solo", "full match", "D D D D D");
        row(rows, "solo", "full no match", "E D E S S");
        // 1+ NON-NEGATIVE RESOURCES
        row(rows, "many", "bare", "M M E A S");
        row(rows, "many", "full match", "D D D D D");
        row(rows, "many", "full no match", "E M E S S");
        return rows.stream();
    }

    private static void row(List<Arguments> rows, String account, String address, String outcomes) {
        String[] o = outcomes.split(" ");
        List<String> types = List.of("normal", "chat", "groupchat", "headline", "error");
        for (int i = 0; i < types.size(); i++) {
            rows.add(Arguments.of(account, address, types.get(i), Outcome.valueOf(o[i])));
        }
    }

    @ParameterizedTest(name = "{0}, {1}, type {2}: {3}")
    @MethodSource("messages")
    void message(String account, String address, String type, Outcome expected) throws Exception {
        String user = switch (account) {
            case "ghost" -> "ghost";
            case "absent" -> absent;
            case "shy" -> shy;
            case "solo" -> solo;
            default -> many;
        };
        RawXmppClient addressed = switch (account) {
            case "shy" -> shyNeg;
            case "solo" -> soloOne;
            case "many" -> manyLo; // not the highest priority: a full JID is delivered as addressed
            default -> null;
        };
        String to = switch (address) {
            case "bare" -> user + "@localhost";
            case "full match" -> addressed.jid();
            default -> user + "@localhost/gone";
        };
        String id = "m-" + account + "-" + address.replace(' ', '-') + "-" + type;
        String body = type.equals("error")
                ? "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>"
                : "<body>hello</body>";
        sender.send("<message to='" + to + "' id='" + id + "' type='" + type + "'>" + body + "</message>");
        String delivered = "<message from='" + sender.jid() + "' to='" + to + "' id='" + id + "' type='" + type + "'>"
                + body + "</message>";

        switch (expected) {
            case D -> addressed.expectExactly(delivered);
            case M -> manyHi.expectExactly(delivered);
            case A -> {
                manyHi.expectExactly(delivered);
                manyLo.expectExactly(delivered);
            }
            case E -> {
                Element error = Im.expectError(sender, "cancel", "service-unavailable");
                assertThat(error.attribute("id")).isEqualTo(id);
                assertThat(error.attribute("from")).isEqualTo(to);
            }
            case O -> {
                settle(sender);
                // stored, not delivered: it comes to the next resource with a non-negative priority
                RawXmppClient collector = Im.connect(server, user, "collector");
                available(collector, "<priority>0</priority>");
                Element stored = collector.expect();
                if (stored.name().equals("presence")) {
                    stored = collector.expect(); // shy's other resource, 'neg' (§4.2.2)
                }
                assertThat(stored.child("delay", "urn:xmpp:delay")).as("XEP-0160 §2, XEP-0203").isNotNull();
                assertThat(withoutDelay(stored)).isEqualTo(Xml.stanza(delivered));
                Im.leave(collector);
                if (user.equals(shy)) {
                    drain(shyNeg); // its own resources saw the collector come and go (§4.2.2)
                }
            }
            case S -> {
            }
        }
        List<RawXmppClient> chain = new ArrayList<>(List.of(sender));
        chain.addAll(recipients());
        settle(chain.toArray(RawXmppClient[]::new));
    }

    /** The stored message without the XEP-0203 stamp the server added (XEP-0160 §2). */
    private static Element withoutDelay(Element message) {
        Element.Builder b = Element.builder(message.name(), message.namespace());
        message.attributes().forEach(b::attribute);
        message.elements().stream().filter(e -> !e.is("delay", "urn:xmpp:delay")).forEach(b::child);
        return b.build();
    }

    // ---- presence: §8.5.1, §8.5.2.1.2, §8.5.2.2.2, §8.5.3.1, §8.5.3.2.2 ----

    @Test
    void presenceToTheBareJidGoesToEveryAvailableResource() {
        sender.send("<presence to='" + many + "@localhost'><show>chat</show></presence>");
        String p = "<presence from='" + sender.jid() + "' to='" + many + "@localhost'><show>chat</show></presence>";
        manyHi.expectExactly(p);
        manyLo.expectExactly(p);
        manyNeg.expectExactly(p); // priority plays no part for presence
        settle(sender, manyHi, manyLo, manyNeg);
    }

    @Test
    void presenceToAFullJidGoesToThatResourceOnly() {
        sender.send("<presence to='" + manyNeg.jid() + "'/>");
        manyNeg.expectExactly("<presence from='" + sender.jid() + "' to='" + manyNeg.jid() + "'/>");
        settle(sender, manyHi, manyLo, manyNeg);
    }

    @Test
    void presenceWithNobodyToReceiveItIsIgnored() {
        // §8.5.1 (no account), §8.5.2.2.2 (no available resource), §8.5.3.2.2 (no such resource)
        sender.send("<presence to='ghost@localhost'/>");
        sender.send("<presence to='ghost@localhost/x'/>");
        sender.send("<presence to='" + absent + "@localhost'/>");
        sender.send("<presence type='unavailable' to='" + absent + "@localhost'/>");
        sender.send("<presence to='" + many + "@localhost/gone'/>");
        List<RawXmppClient> chain = new ArrayList<>(List.of(sender));
        chain.addAll(recipients());
        settle(chain.toArray(RawXmppClient[]::new));
    }

    // ---- IQ: §8.5.2.1.3, §8.5.2.2.3 ----

    @Test
    void anIqToABareJidIsAnsweredByTheServerOnTheAccountsBehalf() {
        // with or without available resources; XEP-0199 §4.2 ping as the example
        for (String user : List.of(many, absent)) {
            sender.send("<iq type='get' id='p-" + user + "' to='" + user + "@localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
            sender.expectExactly("<iq type='result' id='p-" + user + "' from='" + user + "@localhost' to='" + sender.jid() + "'/>");
        }
        List<RawXmppClient> chain = new ArrayList<>(List.of(sender));
        chain.addAll(recipients());
        settle(chain.toArray(RawXmppClient[]::new));
    }
}
