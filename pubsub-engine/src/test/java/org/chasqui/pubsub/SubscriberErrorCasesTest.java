package org.chasqui.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.pubsub.EngineFixture.BERNARDO;
import static org.chasqui.pubsub.EngineFixture.FRANCISCO;
import static org.chasqui.pubsub.EngineFixture.HAMLET;
import static org.chasqui.pubsub.EngineFixture.form;

import java.util.List;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The error cases of XEP-0060 §6 (subscribe, unsubscribe, options, default options, items) that the
 * engine decides, one test per {@code <section4>} of the spec, named after it. The stanza-level cases
 * (a malformed request, a form that breaks XEP-0004) are in the broker's PubSubErrorTranscriptTest.
 */
class SubscriberErrorCasesTest {

    static final String ENTRY = PublishSubscribeTest.ENTRY;

    final EngineFixture f = new EngineFixture();

    private static PubSubError error(StanzaErrorCondition c, PubSubCondition specific) {
        return PubSubError.of(c, specific);
    }

    // ---- §6.1.3 subscribe ----

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

    // ---- §6.2.3 unsubscribe ----

    @Test
    @DisplayName("§6.2.1 Request: an unsubscribe without a JID is bad-request + jid-required (was forbidden)")
    void unsubscribe_6_2_1_jidRequired() {
        f.createOpenNode("n");
        f.subscribe(FRANCISCO, "n");
        assertThat(f.run(new Command.Unsubscribe(FRANCISCO, "n", null, null)).error())
                .isEqualTo(error(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.JID_REQUIRED));
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
}
