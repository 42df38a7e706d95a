package org.chasqui.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.pubsub.EngineFixture.BERNARDO;
import static org.chasqui.pubsub.EngineFixture.FRANCISCO;
import static org.chasqui.pubsub.EngineFixture.HAMLET;
import static org.chasqui.pubsub.EngineFixture.form;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The error cases of XEP-0060 §6 (subscribe, unsubscribe, options, default options, items) that the
 * engine decides, one test per {@code <section4>} of the spec, named after it. The stanza-level cases
 * (a malformed request, a form that breaks XEP-0004) are in the broker's PubSubErrorTranscriptTest.
 */
class SubscriberUseCasesErrorsTest {

    static final String ENTRY = PublishSubscribeTest.ENTRY;

    final EngineFixture f = new EngineFixture();

    private static PubSubError error(StanzaErrorCondition c, PubSubCondition specific) {
        return PubSubError.of(c, specific);
    }

    // ---- §6.1.3 subscribe ----

    @Test
    @DisplayName("§6.1.3.1 JIDs Do Not Match: bad-request + invalid-jid")
    void subscribe_6_1_3_1_jidsDoNotMatch() {
        f.createOpenNode("n");
        assertThat(f.run(new Command.Subscribe(FRANCISCO, "n", BERNARDO.bare(), null)).error())
                .isEqualTo(error(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.INVALID_JID));
        assertThat(f.run(new Command.Subscribe(FRANCISCO, "n", BERNARDO, null)).error()) // a full JID: the bare part counts
                .isEqualTo(error(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.INVALID_JID));
        // the same bare JID is a match: another resource of francisco, or the full JID of the request
        assertThat(f.run(new Command.Subscribe(FRANCISCO, "n", Jid.parse("francisco@denmark.lit/guard"), null)).failed()).isFalse();
        assertThat(f.run(new Command.Subscribe(FRANCISCO, "n", FRANCISCO, null)).failed()).isFalse();
        // §6.1.1: the 'jid' attribute MUST be there; without it, bad-request + jid-required
        assertThat(f.run(new Command.Subscribe(FRANCISCO, "n", null, null)).error())
                .isEqualTo(error(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.JID_REQUIRED));
    }

    @Test
    @DisplayName("§6.1.3.2 Presence Subscription Required: not-authorized + presence-subscription-required")
    void subscribe_6_1_3_2_presenceSubscriptionRequired() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#access_model", "presence")));
        assertThat(f.subscribe(FRANCISCO, "n").error())
                .isEqualTo(error(StanzaErrorCondition.NOT_AUTHORIZED, PubSubCondition.PRESENCE_SUBSCRIPTION_REQUIRED));
        f.allowPresence(HAMLET, FRANCISCO);
        assertThat(f.subscribe(FRANCISCO, "n").failed()).isFalse();
    }

    @Test
    @DisplayName("§6.1.3.3 Not in Roster Group: not-authorized + not-in-roster-group")
    void subscribe_6_1_3_3_notInRosterGroup() {
        f.ok(new Command.Create(HAMLET, "n", Map.of("pubsub#access_model", List.of("roster"),
                "pubsub#roster_groups_allowed", List.of("Friends"))));
        f.groups.put(HAMLET.bare(), Map.of(FRANCISCO.bare(), Set.of("Servants"))); // in the roster, in another group
        assertThat(f.subscribe(FRANCISCO, "n").error())
                .isEqualTo(error(StanzaErrorCondition.NOT_AUTHORIZED, PubSubCondition.NOT_IN_ROSTER_GROUP));
        f.groups.put(HAMLET.bare(), Map.of(FRANCISCO.bare(), Set.of("Servants", "Friends")));
        assertThat(f.subscribe(FRANCISCO, "n").failed()).isFalse();
    }

    @Test
    @DisplayName("§6.1.3.4 Not on Whitelist: not-allowed + closed-node")
    void subscribe_6_1_3_4_notOnWhitelist() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#access_model", "whitelist")));
        assertThat(f.subscribe(FRANCISCO, "n").error())
                .isEqualTo(error(StanzaErrorCondition.NOT_ALLOWED, PubSubCondition.CLOSED_NODE));
        f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(FRANCISCO.bare(), Affiliation.MEMBER)));
        assertThat(f.subscribe(FRANCISCO, "n").failed()).isFalse(); // the whitelist is the members (§4.5)
    }

    @Test
    @DisplayName("§6.1.3.5 Payment Required: not applicable, the service has no paid nodes")
    void subscribe_6_1_3_5_paymentRequired() {
        // Deliberately absent: nothing here links subscribers to payments (a SHOULD for deployments that
        // do), and RFC 6120 has no payment-required condition; subscribing to an open node just works.
        f.createOpenNode("n");
        assertThat(f.subscribe(FRANCISCO, "n").failed()).isFalse();
    }

    @Test
    @DisplayName("§6.1.3.6 Anonymous Subscriptions Not Allowed: not applicable, no anonymous entities")
    void subscribe_6_1_3_6_anonymousSubscriptionsNotAllowed() {
        // The server offers no SASL ANONYMOUS, so every requester is an account: the MAY of §6.1.3.6
        // has nothing to refuse. What the engine checks is the requester's identity (§6.1.3.1).
        f.createOpenNode("n");
        assertThat(f.subscribe(FRANCISCO, "n").failed()).isFalse();
    }

    @Test
    @DisplayName("§6.1.3.7 Subscription Pending: not-authorized + pending-subscription, with or without options")
    void subscribe_6_1_3_7_subscriptionPending() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#access_model", "authorize")));
        assertThat(((Reply.Subscribed) f.subscribe(FRANCISCO, "n").reply()).subscription().state())
                .isEqualTo(SubscriptionState.PENDING);
        PubSubError pending = error(StanzaErrorCondition.NOT_AUTHORIZED, PubSubCondition.PENDING_SUBSCRIPTION);
        assertThat(f.subscribe(FRANCISCO, "n").error()).isEqualTo(pending);
        assertThat(f.run(new Command.Subscribe(FRANCISCO, "n", FRANCISCO.bare(), form("pubsub#include_body", "1"))).error())
                .isEqualTo(pending); // a second request with options is no way around the owner
        assertThat(f.service.node("n").subscriptionsOf(FRANCISCO.bare())).hasSize(1);
    }

    @Test
    @DisplayName("§6.1.3.8 Blocked: forbidden for an outcast")
    void subscribe_6_1_3_8_blocked() {
        f.createOpenNode("n");
        f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(FRANCISCO.bare(), Affiliation.OUTCAST)));
        assertThat(f.subscribe(FRANCISCO, "n").error()).isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        assertThat(f.run(new Command.Subscribe(FRANCISCO, "n", FRANCISCO, null)).error()) // any resource of it
                .isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
    }

    @Test
    @DisplayName("§6.1.3.9 Too Many Subscriptions: policy-violation + too-many-subscriptions")
    void subscribe_6_1_3_9_tooManySubscriptions() {
        EngineFixture small = new EngineFixture(new ServiceLimits(10, 1000, 10, 100, 2), true);
        small.createOpenNode("n");
        small.ok(new Command.Subscribe(FRANCISCO, "n", FRANCISCO.bare(), form("pubsub#deliver", "1")));
        small.ok(new Command.Subscribe(FRANCISCO, "n", FRANCISCO.bare(), form("pubsub#deliver", "1")));
        assertThat(small.run(new Command.Subscribe(FRANCISCO, "n", FRANCISCO.bare(), form("pubsub#deliver", "1"))).error())
                .isEqualTo(error(StanzaErrorCondition.POLICY_VIOLATION, PubSubCondition.TOO_MANY_SUBSCRIPTIONS));
        EngineFixture oneSeat = new EngineFixture(new ServiceLimits(10, 1000, 10, 1, 2), true);
        oneSeat.createOpenNode("n");
        oneSeat.subscribe(FRANCISCO, "n");
        assertThat(oneSeat.subscribe(BERNARDO, "n").error()) // a limit per node as well as per JID
                .isEqualTo(error(StanzaErrorCondition.POLICY_VIOLATION, PubSubCondition.TOO_MANY_SUBSCRIPTIONS));
    }

    @Test
    @DisplayName("§6.1.3.10 Subscriptions Not Supported: unsupported feature='subscribe' (pubsub#subscribe off)")
    void subscribe_6_1_3_10_subscriptionsNotSupported() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#subscribe", "0")));
        assertThat(f.subscribe(FRANCISCO, "n").error()).isEqualTo(PubSubError.unsupported("subscribe"));
    }

    @Test
    @DisplayName("§6.1.3.11 Node Has Moved: not applicable, a deleted node is gone without a trace")
    void subscribe_6_1_3_11_nodeHasMoved() {
        // Deliberately absent (a SHOULD): the service keeps no tombstone of deleted nodes, so the redirect
        // URI of a deletion (§8.4.1) reaches the subscribers of the time in the delete notification
        // and nobody after; a later request meets a node that does not exist (§6.1.3.12).
        f.createOpenNode("n");
        f.ok(new Command.Delete(HAMLET, "n", "xmpp:pubsub.shakespeare.lit?;node=elsewhere"));
        assertThat(f.subscribe(FRANCISCO, "n").error()).isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
    }

    @Test
    @DisplayName("§6.1.3.12 Node Does Not Exist: item-not-found")
    void subscribe_6_1_3_12_nodeDoesNotExist() {
        assertThat(f.subscribe(FRANCISCO, "princely_musings").error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
        // no node at all: nodeid-required (subscribing to the root collection is not offered)
        assertThat(f.run(new Command.Subscribe(FRANCISCO, null, FRANCISCO.bare(), null)).error())
                .isEqualTo(error(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.NODEID_REQUIRED));
    }

    // ---- §6.2.3 unsubscribe ----

    @Test
    @DisplayName("§6.2.1 Request: an unsubscribe without a JID is bad-request + jid-required (was forbidden)")
    void unsubscribe_6_2_1_jidRequired() {
        f.createOpenNode("n");
        f.subscribe(FRANCISCO, "n");
        assertThat(f.run(new Command.Unsubscribe(FRANCISCO, "n", null, null)).error())
                .isEqualTo(error(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.JID_REQUIRED));
    }

    @Test
    @DisplayName("§6.2.3.1 No Subscription ID: bad-request + subid-required with several subscriptions")
    void unsubscribe_6_2_3_1_noSubscriptionId() {
        f.createOpenNode("n");
        f.subscribe(FRANCISCO, "n");
        f.ok(new Command.Subscribe(FRANCISCO, "n", FRANCISCO.bare(), form("pubsub#include_body", "1")));
        assertThat(f.run(new Command.Unsubscribe(FRANCISCO, "n", FRANCISCO.bare(), null)).error())
                .isEqualTo(error(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.SUBID_REQUIRED));
    }

    @Test
    @DisplayName("§6.2.3.2 No Such Subscriber: unexpected-request + not-subscribed")
    void unsubscribe_6_2_3_2_noSuchSubscriber() {
        f.createOpenNode("n");
        PubSubError notSubscribed = error(StanzaErrorCondition.UNEXPECTED_REQUEST, PubSubCondition.NOT_SUBSCRIBED);
        assertThat(f.run(new Command.Unsubscribe(FRANCISCO, "n", FRANCISCO.bare(), null)).error()).isEqualTo(notSubscribed);
        f.subscribe(FRANCISCO, "n"); // the bare JID is subscribed, the full JID is another subscriber (§6.1.6)
        assertThat(f.run(new Command.Unsubscribe(FRANCISCO, "n", FRANCISCO, null)).error()).isEqualTo(notSubscribed);
    }

    @Test
    @DisplayName("§6.2.3.3 Insufficient Privileges: forbidden to unsubscribe another JID; an owner may")
    void unsubscribe_6_2_3_3_insufficientPrivileges() {
        f.createOpenNode("n");
        f.subscribe(FRANCISCO, "n");
        assertThat(f.run(new Command.Unsubscribe(BERNARDO, "n", FRANCISCO.bare(), null)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        assertThat(f.run(new Command.Unsubscribe(HAMLET, "n", FRANCISCO.bare(), null)).failed()).isFalse();
    }

    @Test
    @DisplayName("§6.2.3.4 Node Does Not Exist: item-not-found")
    void unsubscribe_6_2_3_4_nodeDoesNotExist() {
        assertThat(f.run(new Command.Unsubscribe(FRANCISCO, "missing", FRANCISCO.bare(), null)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
    }

    @Test
    @DisplayName("§6.2.3.5 Bad Subscription ID: not-acceptable + invalid-subid")
    void unsubscribe_6_2_3_5_badSubscriptionId() {
        f.createOpenNode("n");
        Subscription s = ((Reply.Subscribed) f.subscribe(FRANCISCO, "n").reply()).subscription();
        assertThat(f.run(new Command.Unsubscribe(FRANCISCO, "n", FRANCISCO.bare(), "not-" + s.subId())).error())
                .isEqualTo(error(StanzaErrorCondition.NOT_ACCEPTABLE, PubSubCondition.INVALID_SUBID));
        assertThat(f.run(new Command.Unsubscribe(FRANCISCO, "n", FRANCISCO.bare(), s.subId())).failed()).isFalse();
    }

    // ---- §6.3.4 subscription options ----

    @Test
    @DisplayName("§6.3.4.1 Insufficient Privileges: forbidden for another JID's options; an owner may")
    void options_6_3_4_1_insufficientPrivileges() {
        f.createOpenNode("n");
        f.subscribe(FRANCISCO, "n");
        assertThat(f.run(new Command.GetOptions(BERNARDO, "n", FRANCISCO.bare(), null)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        assertThat(f.run(new Command.SetOptions(BERNARDO, "n", FRANCISCO.bare(), null, form("pubsub#deliver", "0"))).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        assertThat(f.run(new Command.GetOptions(HAMLET, "n", FRANCISCO.bare(), null)).failed()).isFalse();
    }

    @Test
    @DisplayName("§6.3.4.2 No Such Subscriber: unexpected-request + not-subscribed")
    void options_6_3_4_2_noSuchSubscriber() {
        f.createOpenNode("n");
        PubSubError notSubscribed = error(StanzaErrorCondition.UNEXPECTED_REQUEST, PubSubCondition.NOT_SUBSCRIBED);
        assertThat(f.run(new Command.GetOptions(FRANCISCO, "n", FRANCISCO.bare(), null)).error()).isEqualTo(notSubscribed);
        assertThat(f.run(new Command.SetOptions(FRANCISCO, "n", FRANCISCO.bare(), null, form("pubsub#deliver", "0"))).error())
                .isEqualTo(notSubscribed);
    }

    @Test
    @DisplayName("§6.3.4.3 Subscriber JID Required: bad-request + jid-required")
    void options_6_3_4_3_subscriberJidRequired() {
        f.createOpenNode("n");
        f.subscribe(FRANCISCO, "n");
        assertThat(f.run(new Command.GetOptions(FRANCISCO, "n", null, null)).error())
                .isEqualTo(error(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.JID_REQUIRED));
        // and the node: nodeid-required (options of the root collection, §6.3.4.1, are not offered)
        assertThat(f.run(new Command.GetOptions(FRANCISCO, null, FRANCISCO.bare(), null)).error())
                .isEqualTo(error(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.NODEID_REQUIRED));
    }

    @Test
    @DisplayName("§6.3.4.4 Subscription ID Required: bad-request + subid-required")
    void options_6_3_4_4_subscriptionIdRequired() {
        f.createOpenNode("n");
        f.subscribe(FRANCISCO, "n");
        f.ok(new Command.Subscribe(FRANCISCO, "n", FRANCISCO.bare(), form("pubsub#include_body", "1")));
        assertThat(f.run(new Command.GetOptions(FRANCISCO, "n", FRANCISCO.bare(), null)).error())
                .isEqualTo(error(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.SUBID_REQUIRED));
    }

    @Test
    @DisplayName("§6.3.4.5 Invalid Subscription ID: not-acceptable + invalid-subid")
    void options_6_3_4_5_invalidSubscriptionId() {
        f.createOpenNode("n");
        f.subscribe(FRANCISCO, "n");
        assertThat(f.run(new Command.GetOptions(FRANCISCO, "n", FRANCISCO.bare(), "bogus")).error())
                .isEqualTo(error(StanzaErrorCondition.NOT_ACCEPTABLE, PubSubCondition.INVALID_SUBID));
    }

    @Test
    @DisplayName("§6.3.4.6 Subscription Options Not Supported: not applicable, options are supported")
    void options_6_3_4_6_subscriptionOptionsNotSupported() {
        // The service supports subscription options on every node (and advertises subscription-options),
        // so the options come back instead of <unsupported feature='subscription-options'/>.
        f.createOpenNode("n");
        f.subscribe(FRANCISCO, "n");
        assertThat(f.ok(new Command.GetOptions(FRANCISCO, "n", FRANCISCO.bare(), null)).reply())
                .isInstanceOf(Reply.OptionsForm.class);
    }

    @Test
    @DisplayName("§6.3.4.7 Node Does Not Exist: item-not-found")
    void options_6_3_4_7_nodeDoesNotExist() {
        assertThat(f.run(new Command.GetOptions(FRANCISCO, "missing", FRANCISCO.bare(), null)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
    }

    @Test
    @DisplayName("§6.3.6.2 Form Processing, Failure: bad-request + invalid-options")
    void options_6_3_6_2_invalidOptions() {
        f.createOpenNode("n");
        f.subscribe(FRANCISCO, "n");
        PubSubError invalid = error(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.INVALID_OPTIONS);
        for (Map<String, List<String>> bad : List.of(form("pubsub#deliver", "maybe"), form("pubsub#show-values", "asleep"),
                form("pubsub#expire", "tomorrow"), form("pubsub#no_such_option", "1"), form("pubsub#digest_frequency", "-5"))) {
            assertThat(f.run(new Command.SetOptions(FRANCISCO, "n", FRANCISCO.bare(), null, bad)).error())
                    .usingRecursiveComparison().ignoringFields("text").isEqualTo(invalid);
        }
        assertThat(f.service.node("n").subscriptionsOf(FRANCISCO.bare()).get(0).options()).isEqualTo(SubscriptionOptions.DEFAULTS);
    }

    // ---- §6.4.3 default subscription options ----

    @Test
    @DisplayName("§6.4.3: the defaults of an existing node or of the service; a missing node is item-not-found")
    void defaultOptions_6_4_3() {
        f.createOpenNode("n");
        assertThat(f.ok(new Command.GetDefaultOptions(FRANCISCO, "n")).reply())
                .isEqualTo(new Reply.DefaultOptions("n", SubscriptionOptions.DEFAULTS));
        assertThat(f.ok(new Command.GetDefaultOptions(FRANCISCO, null)).reply())
                .isEqualTo(new Reply.DefaultOptions(null, SubscriptionOptions.DEFAULTS));
        // §6.4.3.1 (subscription options not supported) and §6.4.3.2 (retrieve-default-sub not supported)
        // cannot happen: both features are implemented and advertised
        assertThat(f.run(new Command.GetDefaultOptions(FRANCISCO, "missing")).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
    }

    // ---- §6.5.9 retrieve items ----

    @Test
    @DisplayName("§6.5.9.1 Subscription ID Required: bad-request + subid-required with several subscriptions")
    void items_6_5_9_1_subscriptionIdRequired() {
        f.createOpenNode("n");
        f.publish(HAMLET, "n", "1", ENTRY);
        Subscription one = ((Reply.Subscribed) f.subscribe(FRANCISCO, "n").reply()).subscription();
        assertThat(f.run(new Command.GetItems(FRANCISCO, "n", null, null, null)).failed()).isFalse(); // one: no SubID needed
        f.ok(new Command.Subscribe(FRANCISCO, "n", FRANCISCO.bare(), form("pubsub#include_body", "1")));
        assertThat(f.run(new Command.GetItems(FRANCISCO, "n", null, null, null)).error())
                .isEqualTo(error(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.SUBID_REQUIRED));
        assertThat(f.run(new Command.GetItems(FRANCISCO, "n", null, null, one.subId())).failed()).isFalse();
    }

    @Test
    @DisplayName("§6.5.9.2 Invalid Subscription ID: not-acceptable + invalid-subid")
    void items_6_5_9_2_invalidSubscriptionId() {
        f.createOpenNode("n");
        f.subscribe(FRANCISCO, "n");
        assertThat(f.run(new Command.GetItems(FRANCISCO, "n", null, null, "bogus")).error())
                .isEqualTo(error(StanzaErrorCondition.NOT_ACCEPTABLE, PubSubCondition.INVALID_SUBID));
    }

    @Test
    @DisplayName("§6.5.9.3 Entity Not Subscribed: not-authorized + not-subscribed on an authorize node, pending too")
    void items_6_5_9_3_entityNotSubscribed() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#access_model", "authorize")));
        PubSubError notSubscribed = error(StanzaErrorCondition.NOT_AUTHORIZED, PubSubCondition.NOT_SUBSCRIBED);
        assertThat(f.run(new Command.GetItems(FRANCISCO, "n", null, null, null)).error()).isEqualTo(notSubscribed);
        f.subscribe(FRANCISCO, "n"); // pending: "which includes having a pending subscription"
        assertThat(f.run(new Command.GetItems(FRANCISCO, "n", null, null, null)).error()).isEqualTo(notSubscribed);
        assertThat(f.run(new Command.GetItems(HAMLET, "n", null, null, null)).failed()).isFalse(); // owners always (§6.5.1)
        // Deliberate: members of a whitelist or authorize node read without subscribing, as the
        // affiliation table of §4.1 allows them to retrieve items; §6.5.1 would ask for a subscription.
        f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(BERNARDO.bare(), Affiliation.MEMBER)));
        assertThat(f.run(new Command.GetItems(BERNARDO, "n", null, null, null)).failed()).isFalse();
    }

    @Test
    @DisplayName("§6.5.9.4 Persistent Items Not Supported: unsupported feature='persistent-items'")
    void items_6_5_9_4_persistentItemsNotSupported() {
        // the MAY of §6.5.5 (the last item of a transient node) is not taken: nothing is kept to return
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#persist_items", "0")));
        assertThat(f.run(new Command.GetItems(FRANCISCO, "n", null, null, null)).error())
                .isEqualTo(PubSubError.unsupported("persistent-items"));
    }

    @Test
    @DisplayName("§6.5.9.5 Item Retrieval Not Supported: unsupported feature='retrieve-items' on a collection")
    void items_6_5_9_5_itemRetrievalNotSupported() {
        f.ok(new Command.Create(HAMLET, "blogs", form("pubsub#node_type", "collection")));
        assertThat(f.run(new Command.GetItems(FRANCISCO, "blogs", null, null, null)).error())
                .isEqualTo(PubSubError.unsupported("retrieve-items"));
    }

    @Test
    @DisplayName("§6.5.9.6 Presence Subscription Required: not-authorized + presence-subscription-required")
    void items_6_5_9_6_presenceSubscriptionRequired() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#access_model", "presence")));
        assertThat(f.run(new Command.GetItems(FRANCISCO, "n", null, null, null)).error())
                .isEqualTo(error(StanzaErrorCondition.NOT_AUTHORIZED, PubSubCondition.PRESENCE_SUBSCRIPTION_REQUIRED));
        f.allowPresence(HAMLET, FRANCISCO);
        assertThat(f.run(new Command.GetItems(FRANCISCO, "n", null, null, null)).failed()).isFalse();
    }

    @Test
    @DisplayName("§6.5.9.7 Not in Roster Group: not-authorized + not-in-roster-group")
    void items_6_5_9_7_notInRosterGroup() {
        f.ok(new Command.Create(HAMLET, "n", Map.of("pubsub#access_model", List.of("roster"),
                "pubsub#roster_groups_allowed", List.of("Friends"))));
        assertThat(f.run(new Command.GetItems(FRANCISCO, "n", null, null, null)).error())
                .isEqualTo(error(StanzaErrorCondition.NOT_AUTHORIZED, PubSubCondition.NOT_IN_ROSTER_GROUP));
    }

    @Test
    @DisplayName("§6.5.9.8 Not on Whitelist: not-allowed + closed-node")
    void items_6_5_9_8_notOnWhitelist() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#access_model", "whitelist")));
        assertThat(f.run(new Command.GetItems(FRANCISCO, "n", null, null, null)).error())
                .isEqualTo(error(StanzaErrorCondition.NOT_ALLOWED, PubSubCondition.CLOSED_NODE));
    }

    @Test
    @DisplayName("§6.5.9.9 Payment Required: not applicable, the service has no paid nodes")
    void items_6_5_9_9_paymentRequired() {
        // Deliberately absent, as §6.1.3.5: no payments here, and no payment-required in RFC 6120.
        f.createOpenNode("n");
        assertThat(f.run(new Command.GetItems(FRANCISCO, "n", null, null, null)).failed()).isFalse();
    }

    @Test
    @DisplayName("§6.5.9.10 Blocked: forbidden for an outcast")
    void items_6_5_9_10_blocked() {
        f.createOpenNode("n");
        f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(FRANCISCO.bare(), Affiliation.OUTCAST)));
        assertThat(f.run(new Command.GetItems(FRANCISCO, "n", null, null, null)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
    }

    @Test
    @DisplayName("§6.5.9.11 Node Does Not Exist: item-not-found")
    void items_6_5_9_11_nodeDoesNotExist() {
        assertThat(f.run(new Command.GetItems(FRANCISCO, "missing", null, null, null)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
        assertThat(f.run(new Command.GetItems(FRANCISCO, null, null, null, null)).error())
                .isEqualTo(error(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.NODEID_REQUIRED));
    }

    @Test
    @DisplayName("§6.5.9.12 No Such Item(s): an empty result, not an error")
    void items_6_5_9_12_noSuchItems() {
        f.createOpenNode("n");
        assertThat(f.ok(new Command.GetItems(FRANCISCO, "n", null, null, null)).reply())
                .isEqualTo(new Reply.Items("n", List.of(), null, null, true));
        f.publish(HAMLET, "n", "1", ENTRY);
        assertThat(((Reply.Items) f.ok(new Command.GetItems(FRANCISCO, "n", null, List.of("2", "3"), null)).reply()).items())
                .isEmpty();
    }
}
