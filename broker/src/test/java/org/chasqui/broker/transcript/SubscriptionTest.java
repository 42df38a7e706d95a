package org.chasqui.broker.transcript;

import static org.chasqui.broker.transcript.Im.account;
import static org.chasqui.broker.transcript.Im.connect;
import static org.chasqui.broker.transcript.Im.drain;
import static org.chasqui.broker.transcript.Im.expectInAnyOrder;
import static org.chasqui.broker.transcript.Im.expectPush;
import static org.chasqui.broker.transcript.Im.online;
import static org.chasqui.broker.transcript.Im.settle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 6121 §3, presence subscriptions, between romeo (the user) and juliet (the contact), both on
 * this server and online: every row of the state tables of Appendix A, then the flows of §3.1-§3.4
 * from the RFC's examples. One server does the work of both of the RFC's servers, so a stanza romeo
 * sends is processed by "romeo's server" under A.2 and then by "juliet's server" under A.3.
 */
class SubscriptionTest {

    @TempDir
    static Path dataDir;
    static TestServer server;
    final List<RawXmppClient> clients = new ArrayList<>();
    String romeoUser;
    String julietUser;
    String r;
    String j;
    RawXmppClient romeo;
    RawXmppClient juliet;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void bothOnline() throws Exception {
        romeoUser = account(server, "romeo");
        julietUser = account(server, "juliet");
        r = romeoUser + "@localhost";
        j = julietUser + "@localhost";
        romeo = online(romeoUser, "orchard");
        juliet = online(julietUser, "balcony");
    }

    @AfterEach
    void closeClients() {
        Im.closeAll(clients.toArray(RawXmppClient[]::new));
    }

    private RawXmppClient online(String user, String resource) throws Exception {
        RawXmppClient c = Im.online(server, user, resource);
        clients.add(c);
        return c;
    }

    private static String presence(String type, String from, String to) {
        return "<presence type='" + type + "' from='" + from + "' to='" + to + "'/>";
    }

    private static String push(String item) {
        return "<iq type='set'><query xmlns='jabber:iq:roster'>" + item + "</query></iq>";
    }

    /** Both are subscribed to each other (state "Both" on both sides); every stanza of it is consumed. */
    static void mutual(RawXmppClient a, RawXmppClient b) {
        String aBare = Im.bare(a.jid());
        String bBare = Im.bare(b.jid());
        a.send("<presence type='subscribe' to='" + bBare + "'/>");
        drain(a, b);
        b.send("<presence type='subscribed' to='" + aBare + "'/>");
        b.send("<presence type='subscribe' to='" + aBare + "'/>");
        drain(b, a, b);
        a.send("<presence type='subscribed' to='" + bBare + "'/>");
        drain(a, b, a, b);
    }

    // ---- Appendix A: every state, every stanza ----

    /**
     * The states of Appendix A as romeo's server sees them (romeo's roster item for juliet, the
     * "pending" sub-states). Juliet's server then holds the {@link #mirror}.
     */
    enum State {
        NONE("none", false, false), NONE_PENDING_OUT("none", true, false), NONE_PENDING_IN("none", false, true),
        NONE_PENDING_OUT_IN("none", true, true), TO("to", false, false), TO_PENDING_IN("to", false, true),
        FROM("from", false, false), FROM_PENDING_OUT("from", true, false), BOTH("both", false, false);

        final String subscription;
        final boolean pendingOut;
        final boolean pendingIn;

        State(String subscription, boolean pendingOut, boolean pendingIn) {
            this.subscription = subscription;
            this.pendingOut = pendingOut;
            this.pendingIn = pendingIn;
        }

        /** The same relationship seen from the other side. */
        State mirror() {
            return switch (this) {
                case NONE -> NONE;
                case NONE_PENDING_OUT -> NONE_PENDING_IN;
                case NONE_PENDING_IN -> NONE_PENDING_OUT;
                case NONE_PENDING_OUT_IN -> NONE_PENDING_OUT_IN;
                case TO -> FROM;
                case TO_PENDING_IN -> FROM_PENDING_OUT;
                case FROM -> TO;
                case FROM_PENDING_OUT -> TO_PENDING_IN;
                case BOTH -> BOTH;
            };
        }

        boolean hasTo() {
            return subscription.equals("to") || subscription.equals("both");
        }

        boolean hasFrom() {
            return subscription.equals("from") || subscription.equals("both");
        }

        /** The roster item for {@code contact} (§2.1.2); the pending-in sub-state is not part of it. */
        String item(String contact, boolean approved) {
            return "<item jid='" + contact + "' subscription='" + subscription + "'" + (pendingOut ? " ask='subscribe'" : "")
                    + (approved ? " approved='true'" : "") + "/>";
        }
    }

    /** A row of a table of Appendix A: whether the stanza is routed (A.2) or delivered (A.3), and the new state. */
    record Row(boolean yes, State next) {
    }

    private static Row yes(State next) {
        return new Row(true, next);
    }

    private static Row no(State next) {
        return new Row(false, next);
    }

    private static Map<State, Row> table(Row... rows) {
        Map<State, Row> t = new EnumMap<>(State.class);
        for (int i = 0; i < rows.length; i++) {
            t.put(State.values()[i], rows[i]);
        }
        return t;
    }

    // Rows in the order None, None+PO, None+PI, None+PO/I, To, To+PI, From, From+PO, Both. "no change"
    // is written as the same state.
    /** A.2.1, outbound "subscribe": always routed (A.2: so that the user can resynchronize). */
    static final Map<State, Row> OUT_SUBSCRIBE = table(
            yes(State.NONE_PENDING_OUT), yes(State.NONE_PENDING_OUT), yes(State.NONE_PENDING_OUT_IN),
            yes(State.NONE_PENDING_OUT_IN), yes(State.TO), yes(State.TO_PENDING_IN),
            yes(State.FROM_PENDING_OUT), yes(State.FROM_PENDING_OUT), yes(State.BOTH));
    /** A.2.2, outbound "unsubscribe": always routed. */
    static final Map<State, Row> OUT_UNSUBSCRIBE = table(
            yes(State.NONE), yes(State.NONE), yes(State.NONE_PENDING_IN),
            yes(State.NONE_PENDING_IN), yes(State.NONE), yes(State.NONE_PENDING_IN),
            yes(State.FROM), yes(State.FROM), yes(State.FROM));
    /** A.2.3, outbound "subscribed" (in None, None+PO and To: a pre-approval, §3.4). */
    static final Map<State, Row> OUT_SUBSCRIBED = table(
            no(State.NONE), no(State.NONE_PENDING_OUT), yes(State.FROM),
            yes(State.FROM_PENDING_OUT), no(State.TO), yes(State.BOTH),
            no(State.FROM), no(State.FROM_PENDING_OUT), no(State.BOTH));
    /** A.2.4, outbound "unsubscribed". */
    static final Map<State, Row> OUT_UNSUBSCRIBED = table(
            no(State.NONE), no(State.NONE_PENDING_OUT), yes(State.NONE),
            yes(State.NONE_PENDING_OUT), no(State.TO), yes(State.TO),
            yes(State.NONE), yes(State.NONE_PENDING_OUT), yes(State.TO));
    /** A.3.1, inbound "subscribe" (From, From+PO, Both: not delivered, the server answers "subscribed"). */
    static final Map<State, Row> IN_SUBSCRIBE = table(
            yes(State.NONE_PENDING_IN), yes(State.NONE_PENDING_OUT_IN), no(State.NONE_PENDING_IN),
            no(State.NONE_PENDING_OUT_IN), yes(State.TO_PENDING_IN), no(State.TO_PENDING_IN),
            no(State.FROM), no(State.FROM_PENDING_OUT), no(State.BOTH));
    /** A.3.2, inbound "subscribed". */
    static final Map<State, Row> IN_SUBSCRIBED = table(
            no(State.NONE), yes(State.TO), no(State.NONE_PENDING_IN),
            yes(State.TO_PENDING_IN), no(State.TO), no(State.TO_PENDING_IN),
            no(State.FROM), yes(State.BOTH), no(State.BOTH));
    /** A.3.3, inbound "unsubscribe". */
    static final Map<State, Row> IN_UNSUBSCRIBE = table(
            no(State.NONE), no(State.NONE_PENDING_OUT), yes(State.NONE),
            yes(State.NONE_PENDING_OUT), no(State.TO), yes(State.TO),
            yes(State.NONE), yes(State.NONE_PENDING_OUT), yes(State.TO));
    /** A.3.4, inbound "unsubscribed". */
    static final Map<State, Row> IN_UNSUBSCRIBED = table(
            no(State.NONE), yes(State.NONE), no(State.NONE_PENDING_IN),
            yes(State.NONE_PENDING_IN), yes(State.NONE), yes(State.NONE_PENDING_IN),
            no(State.FROM), yes(State.FROM), yes(State.FROM));

    static Stream<Arguments> appendixA() {
        List<Arguments> cases = new ArrayList<>();
        for (String type : List.of("subscribe", "unsubscribe", "subscribed", "unsubscribed")) {
            for (State s : State.values()) {
                cases.add(Arguments.of(s, type));
            }
        }
        return cases.stream();
    }

    /**
     * Brings romeo and juliet to {@code state} (as romeo's server sees it) with the stanzas of §3,
     * starting from both having the other in the roster with subscription "none"; everything the
     * set-up causes is consumed.
     */
    static void reach(State state, RawXmppClient romeo, RawXmppClient juliet) {
        String r = Im.bare(romeo.jid());
        String j = Im.bare(juliet.jid());
        romeo.send("<iq type='set' id='add'><query xmlns='jabber:iq:roster'><item jid='" + j + "'/></query></iq>");
        juliet.send("<iq type='set' id='add'><query xmlns='jabber:iq:roster'><item jid='" + r + "'/></query></iq>");
        drain(romeo, juliet);
        if (state.pendingOut || state.hasTo()) {
            romeo.send("<presence type='subscribe' to='" + j + "'/>");
            drain(romeo, juliet, romeo);
        }
        if (state.pendingIn || state.hasFrom()) {
            juliet.send("<presence type='subscribe' to='" + r + "'/>");
            drain(juliet, romeo, juliet);
        }
        if (state.hasTo()) {
            juliet.send("<presence type='subscribed' to='" + r + "'/>");
            drain(juliet, romeo, juliet, romeo);
        }
        if (state.hasFrom()) {
            romeo.send("<presence type='subscribed' to='" + j + "'/>");
            drain(romeo, juliet, romeo, juliet);
        }
    }

    @ParameterizedTest(name = "romeo in \"{0}\" sends ''{1}''")
    @MethodSource("appendixA")
    void appendixA(State before, String type) {
        reach(before, romeo, juliet);
        State julietBefore = before.mirror();
        Row out = switch (type) {
            case "subscribe" -> OUT_SUBSCRIBE.get(before);
            case "unsubscribe" -> OUT_UNSUBSCRIBE.get(before);
            case "subscribed" -> OUT_SUBSCRIBED.get(before);
            default -> OUT_UNSUBSCRIBED.get(before);
        };
        Row in = !out.yes() ? no(julietBefore) : switch (type) {
            case "subscribe" -> IN_SUBSCRIBE.get(julietBefore);
            case "unsubscribe" -> IN_UNSUBSCRIBE.get(julietBefore);
            case "subscribed" -> IN_SUBSCRIBED.get(julietBefore);
            default -> IN_UNSUBSCRIBED.get(julietBefore);
        };
        // §3.4: "subscribed" without a request to approve is a pre-approval, shown as approved='true'
        boolean preApproval = type.equals("subscribed") && !out.yes() && !before.hasFrom();

        romeo.send("<presence type='" + type + "' to='" + j + "'/>");

        List<String> toRomeo = new ArrayList<>();
        List<String> toJuliet = new ArrayList<>();
        if (!out.next().item(j, preApproval).equals(before.item(j, false))) {
            toRomeo.add(push(out.next().item(j, preApproval))); // §3.1.2, §3.2.2, §3.3.2, §3.4.1: a roster push
        }
        if (!in.next().item(r, false).equals(julietBefore.item(r, false))) {
            toJuliet.add(push(in.next().item(r, false))); // §3.1.5, §3.1.6, §3.2.3, §3.3.3
        }
        if (in.yes()) {
            toJuliet.add(presence(type, r, j)); // delivered, stamped with both bare JIDs
        }
        if (type.equals("subscribe") && julietBefore.hasFrom()) {
            // §3.1.3: juliet's server answers "subscribed" itself; romeo's server, already in "To",
            // ignores it (A.3.2); with it comes juliet's presence (§3.1.5)
            toRomeo.add("<presence from='" + juliet.jid() + "' to='" + r + "'/>");
        }
        if (type.equals("subscribed") && out.yes()) {
            toJuliet.add("<presence from='" + romeo.jid() + "' to='" + j + "'/>"); // §3.1.5: romeo's current presence
        }
        if (type.equals("unsubscribed") && out.yes() && before.hasFrom()) {
            toJuliet.add(presence("unavailable", romeo.jid(), j)); // §3.2.2
        }
        if (type.equals("unsubscribe") && julietBefore.hasFrom()) {
            toRomeo.add(presence("unavailable", juliet.jid(), r)); // §3.3.3
        }
        expectInAnyOrder(romeo, toRomeo.toArray(String[]::new));
        expectInAnyOrder(juliet, toJuliet.toArray(String[]::new));
        settle(romeo, juliet, romeo, juliet);
    }

    // ---- §3.1: requesting a subscription ----

    @Test
    void romeoAsksJulietApprovesAndRomeoGetsHerPresenceAfterTheApproval() throws Exception {
        RawXmppClient chamber = online(julietUser, "chamber");
        chamber.send("<presence><show>away</show></presence>");
        chamber.expectStanza("presence");
        drain(juliet, chamber);

        // §3.1.1, Example 24 (neither has the other in the roster)
        romeo.send("<presence id='xk3h1v69' to='" + j + "' type='subscribe'/>");
        // §3.1.2, Example 25: romeo's server records the request (ask='subscribe') and pushes it
        expectPush(romeo, "<item jid='" + j + "' subscription='none' ask='subscribe'/>");
        // §3.1.3, Example 27: delivered to every available resource of juliet, from romeo's bare JID;
        // no roster item for romeo appears at juliet's until she approves
        juliet.expectExactly("<presence id='xk3h1v69' from='" + r + "' to='" + j + "' type='subscribe'/>");
        chamber.expectExactly("<presence id='xk3h1v69' from='" + r + "' to='" + j + "' type='subscribe'/>");

        // §3.1.4, Example 28: juliet approves
        juliet.send("<presence id='h4v1c4kj' to='" + r + "' type='subscribed'/>");
        // §3.1.5, Example 29: juliet's server pushes the item with subscription 'from'
        expectPush(juliet, "<item jid='" + r + "' subscription='from'/>");
        expectPush(chamber, "<item jid='" + r + "' subscription='from'/>");
        // §3.1.6, Examples 31 and 32: romeo's server pushes 'to' and delivers the approval; then,
        // in that order (RFC 6120 §10.1), juliet's presence from each available resource (§3.1.5)
        expectPush(romeo, "<item jid='" + j + "' subscription='to'/>");
        romeo.expectExactly("<presence id='h4v1c4kj' from='" + j + "' to='" + r + "' type='subscribed'/>");
        expectInAnyOrder(romeo,
                "<presence from='" + juliet.jid() + "' to='" + r + "'/>",
                "<presence from='" + chamber.jid() + "' to='" + r + "'><show>away</show></presence>");
        settle(romeo, juliet, chamber, romeo);
    }

    @Test
    void aRequestKeepsWhatItCarries() {
        // §3.1.3: the contact's server delivers the request as it came, stamped with the bare JIDs
        romeo.send("<presence to='" + j + "/balcony' type='subscribe'><status>I am Romeo</status>"
                + "<nick xmlns='http://jabber.org/protocol/nick'>Romeo</nick></presence>");
        expectPush(romeo, "<item jid='" + j + "' subscription='none' ask='subscribe'/>");
        juliet.expectExactly("<presence from='" + r + "' to='" + j + "' type='subscribe'><status>I am Romeo</status>"
                + "<nick xmlns='http://jabber.org/protocol/nick'>Romeo</nick></presence>");
        settle(romeo, juliet, romeo);
    }

    @Test
    void julietDeclines() throws Exception {
        romeo.send("<presence to='" + j + "' type='subscribe'/>");
        expectPush(romeo, "<item jid='" + j + "' subscription='none' ask='subscribe'/>");
        juliet.expectExactly("<presence from='" + r + "' to='" + j + "' type='subscribe'/>");
        // §3.1.4: juliet declines with 'unsubscribed' (A.2.4 "None + Pending In": routed, "None");
        // romeo's server (A.3.4 "None + Pending Out": delivered, "None") pushes and delivers it
        juliet.send("<presence to='" + r + "' type='unsubscribed'/>");
        expectPush(romeo, "<item jid='" + j + "' subscription='none'/>");
        romeo.expectExactly("<presence from='" + j + "' to='" + r + "' type='unsubscribed'/>");
        settle(juliet, romeo, juliet);
        // the request is answered: a later login of juliet does not see it again
        RawXmppClient chamber = online(julietUser, "chamber");
        // §4.2.2: her resources see each other's presence, and nothing else comes
        chamber.expectExactly("<presence from='" + juliet.jid() + "' to='" + chamber.jid() + "'/>");
        juliet.expectExactly("<presence from='" + chamber.jid() + "'/>");
        settle(chamber, juliet, romeo);
    }

    @Test
    void aRequestToAnOfflineContactWaitsAndComesAtEveryLoginUntilAnswered() throws Exception {
        Im.leave(juliet);
        // §3.1.3: juliet has no available resource; the request is kept, and asked twice it is one request
        romeo.send("<presence to='" + j + "' type='subscribe'><status>first</status></presence>");
        expectPush(romeo, "<item jid='" + j + "' subscription='none' ask='subscribe'/>");
        romeo.send("<presence to='" + j + "' type='subscribe'><status>again</status></presence>");
        settle(romeo);

        for (String resource : List.of("balcony", "chamber")) {
            // after her initial presence, at every login until she answers
            RawXmppClient c = online(julietUser, resource);
            c.expectExactly("<presence from='" + r + "' to='" + j + "' type='subscribe'><status>first</status></presence>");
            settle(c, romeo, c);
            Im.leave(c);
        }
        RawXmppClient c = online(julietUser, "balcony");
        c.expectStanza("presence");
        c.send("<presence to='" + r + "' type='subscribed'/>");
        expectPush(c, "<item jid='" + r + "' subscription='from'/>");
        expectPush(romeo, "<item jid='" + j + "' subscription='to'/>");
        romeo.expectExactly("<presence from='" + j + "' to='" + r + "' type='subscribed'/>");
        romeo.expectExactly("<presence from='" + c.jid() + "' to='" + r + "'/>");
        Im.leave(c);
        romeo.expectExactly("<presence type='unavailable' from='" + c.jid() + "' to='" + r + "'/>"); // §4.5.2
        RawXmppClient again = online(julietUser, "balcony");
        // answered: the request is not delivered any more; her presence now goes to romeo (§4.2.2)
        romeo.expectExactly("<presence from='" + again.jid() + "' to='" + r + "'/>");
        settle(again, romeo, again);
    }

    @Test
    void subscribingToAnAccountThatDoesNotExistIsAnsweredWithUnsubscribed() {
        // RFC 6121 §3.1.2: a request that cannot be delivered is answered, so that romeo's server
        // does not keep "Pending Out" for ever; §8.5.1 allows the answer 'unsubscribed' (A.3.4
        // "None + Pending Out": delivered, "None")
        romeo.send("<presence to='nobody@localhost' type='subscribe'/>");
        expectPush(romeo, "<item jid='nobody@localhost' subscription='none' ask='subscribe'/>");
        expectPush(romeo, "<item jid='nobody@localhost' subscription='none'/>");
        romeo.expectExactly("<presence from='nobody@localhost' to='" + r + "' type='unsubscribed'/>");
        settle(romeo);
    }

    // ---- §3.2, §3.3: cancelling ----

    @Test
    void julietCancelsRomeosSubscriptionAndHeSeesEachOfHerResourcesLeave() throws Exception {
        RawXmppClient chamber = online(julietUser, "chamber");
        drain(juliet, chamber);
        mutual(romeo, juliet);
        drain(chamber, romeo);

        // §3.2.1, Example 37
        juliet.send("<presence id='ij5b1v7g' to='" + r + "' type='unsubscribed'/>");
        // §3.2.2, Example 38; A.2.4 "Both": routed, "To"
        expectPush(juliet, "<item jid='" + r + "' subscription='to'/>");
        expectPush(chamber, "<item jid='" + r + "' subscription='to'/>");
        // §3.2.3, Examples 40-41; A.3.4 "Both": delivered, "From"; §3.2.2: juliet's server sends
        // romeo unavailable presence from each of her available resources
        expectInAnyOrder(romeo,
                push("<item jid='" + j + "' subscription='from'/>"),
                "<presence id='ij5b1v7g' from='" + j + "' to='" + r + "' type='unsubscribed'/>",
                presence("unavailable", juliet.jid(), r),
                presence("unavailable", chamber.jid(), r));
        settle(juliet, chamber, romeo, juliet, chamber);
    }

    @Test
    void romeoUnsubscribesAndSeesEachOfHerResourcesLeave() throws Exception {
        RawXmppClient chamber = online(julietUser, "chamber");
        drain(juliet, chamber);
        mutual(romeo, juliet);
        drain(chamber, romeo);

        // §3.3.1, Example 43
        romeo.send("<presence id='ul4bs71n' to='" + j + "' type='unsubscribe'/>");
        // §3.3.2, Example 44; A.2.2 "Both": "From"
        expectPush(romeo, "<item jid='" + j + "' subscription='from'/>");
        // §3.3.3, Examples 45-46; A.3.3 "Both": delivered, "To"
        expectInAnyOrder(juliet, push("<item jid='" + r + "' subscription='to'/>"),
                "<presence id='ul4bs71n' from='" + r + "' to='" + j + "' type='unsubscribe'/>");
        expectInAnyOrder(chamber, push("<item jid='" + r + "' subscription='to'/>"),
                "<presence id='ul4bs71n' from='" + r + "' to='" + j + "' type='unsubscribe'/>");
        // §3.3.3: juliet's server sends romeo unavailable presence from each of her resources
        expectInAnyOrder(romeo, presence("unavailable", juliet.jid(), r), presence("unavailable", chamber.jid(), r));
        settle(romeo, juliet, chamber, romeo);
    }

    // ---- §3.4: pre-approval ----

    @Test
    void aPreApprovedRequestIsApprovedByTheServerAndNotDelivered() {
        // §3.4.1, Example 48: juliet pre-approves romeo, who is not in her roster
        juliet.send("<presence id='pg81vx64' to='" + r + "' type='subscribed'/>");
        // §3.4.2: the item appears with approved='true'; nothing goes to romeo
        expectPush(juliet, "<item jid='" + r + "' subscription='none' approved='true'/>");
        settle(juliet, romeo);

        romeo.send("<presence to='" + j + "' type='subscribe'/>");
        expectPush(romeo, "<item jid='" + j + "' subscription='none' ask='subscribe'/>");
        // §3.4.2 / §3.1.3: juliet's server approves on her behalf; she gets the push, not the request
        expectPush(juliet, "<item jid='" + r + "' subscription='from'/>");
        expectPush(romeo, "<item jid='" + j + "' subscription='to'/>");
        romeo.expectExactly("<presence from='" + j + "' to='" + r + "' type='subscribed'/>");
        romeo.expectExactly("<presence from='" + juliet.jid() + "' to='" + r + "'/>");
        settle(romeo, juliet, romeo);
    }

    @Test
    void aPreApprovalCanBeWithdrawn() {
        juliet.send("<presence to='" + r + "' type='subscribed'/>");
        expectPush(juliet, "<item jid='" + r + "' subscription='none' approved='true'/>");
        // §3.4.1 / A.2.4 note: 'unsubscribed' cancels the pre-approval (nothing is routed)
        juliet.send("<presence to='" + r + "' type='unsubscribed'/>");
        expectPush(juliet, "<item jid='" + r + "' subscription='none'/>");
        settle(juliet, romeo);
        romeo.send("<presence to='" + j + "' type='subscribe'/>");
        expectPush(romeo, "<item jid='" + j + "' subscription='none' ask='subscribe'/>");
        juliet.expectExactly("<presence from='" + r + "' to='" + j + "' type='subscribe'/>");
        settle(romeo, juliet, romeo);
    }

    @Test
    void pushesGoOnlyToInterestedResources() throws Exception {
        // §2.1.6 / §3.1.5: the push goes to the resources that asked for the roster; 'garden' did not
        RawXmppClient garden = connect(server, romeoUser, "garden");
        clients.add(garden);
        romeo.send("<presence to='" + j + "' type='subscribe'/>");
        expectPush(romeo, "<item jid='" + j + "' subscription='none' ask='subscribe'/>");
        juliet.expectStanza("presence");
        settle(romeo, garden, juliet);
    }
}
