package org.chasqui.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.pubsub.EngineFixture.BERNARDO;
import static org.chasqui.pubsub.EngineFixture.FRANCISCO;
import static org.chasqui.pubsub.EngineFixture.HAMLET;
import static org.chasqui.pubsub.EngineFixture.form;

import java.util.List;
import java.util.Map;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.junit.jupiter.api.Test;

/** XEP-0060 §8 on the engine. */
class OwnerUseCasesTest {

    final EngineFixture f = new EngineFixture();

    @Test
    void createNamedInstantAndDuplicate() {
        assertThat(f.ok(new Command.Create(HAMLET, "princely_musings", null)).reply())
                .isEqualTo(new Reply.Created("princely_musings"));
        assertThat(f.run(new Command.Create(FRANCISCO, "princely_musings", null)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.CONFLICT)); // §8.1.1 node exists
        Reply.Created instant = (Reply.Created) f.ok(new Command.Create(HAMLET, null, null)).reply(); // §8.1.2
        assertThat(instant.node()).isNotBlank();
        assertThat(f.service.node(instant.node()).affiliation(HAMLET)).isEqualTo(Affiliation.OWNER);
    }

    @Test
    void createAndConfigureValidatesTheForm() {
        assertThat(f.run(new Command.Create(HAMLET, "n", form("pubsub#max_items", "lots"))).error().condition())
                .isEqualTo(StanzaErrorCondition.NOT_ACCEPTABLE);
        assertThat(f.run(new Command.Create(HAMLET, "n", form("pubsub#access_model", "secret"))).error().condition())
                .isEqualTo(StanzaErrorCondition.NOT_ACCEPTABLE);
        assertThat(f.run(new Command.Create(HAMLET, "n", form("pubsub#bogus", "1"))).error().condition())
                .isEqualTo(StanzaErrorCondition.NOT_ACCEPTABLE);
        assertThat(f.service.node("n")).isNull(); // nothing half-created
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#title", "Princely Musings (Atom)", "pubsub#deliver_payloads", "false")));
        assertThat(f.service.node("n").config().title()).isEqualTo("Princely Musings (Atom)");
        assertThat(f.service.node("n").config().deliverPayloads()).isFalse();
    }

    @Test
    void nodesPerOwnerAreLimited() {
        EngineFixture small = new EngineFixture(new ServiceLimits(10, 1000, 2, 100, 4), true);
        small.ok(new Command.Create(HAMLET, "a", null));
        small.ok(new Command.Create(HAMLET, "b", null));
        assertThat(small.run(new Command.Create(HAMLET, "c", null)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.NOT_ALLOWED, PubSubCondition.MAX_NODES_EXCEEDED));
    }

    @Test
    void onlyOwnersConfigureAndSubscribersHearOfIt() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#notify_config", "1")));
        f.subscribe(FRANCISCO, "n");
        assertThat(f.run(new Command.GetConfig(FRANCISCO, "n")).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        assertThat(f.run(new Command.GetConfig(HAMLET, "nope")).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
        Outcome o = f.ok(new Command.Configure(HAMLET, "n", form("pubsub#title", "new title")));
        assertThat(o.notifications()).singleElement().satisfies(n -> {
            assertThat(n.event()).isInstanceOf(Notification.Configured.class);
            assertThat(n.recipients()).extracting(Notification.Recipient::jid).containsExactly(FRANCISCO.bare());
        });
        assertThat(f.run(new Command.Configure(HAMLET, "n", form("pubsub#node_type", "collection"))).error().condition())
                .isEqualTo(StanzaErrorCondition.NOT_ACCEPTABLE);
    }

    @Test
    void loweringMaxItemsDropsTheOldest() {
        f.createOpenNode("n");
        for (String id : List.of("1", "2", "3")) {
            f.publish(HAMLET, "n", id, "<x xmlns='urn:x'/>");
        }
        Outcome o = f.ok(new Command.Configure(HAMLET, "n", form("pubsub#max_items", "1")));
        assertThat(o.records()).contains(new PubSubRecord.ItemsRemoved("n", List.of("1", "2")));
        assertThat(f.service.node("n").items()).extracting(Item::id).containsExactly("3");
    }

    @Test
    void deleteTellsSubscribersWithTheRedirect() {
        f.createOpenNode("n");
        f.subscribe(FRANCISCO, "n");
        assertThat(f.run(new Command.Delete(FRANCISCO, "n", null)).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        Outcome o = f.ok(new Command.Delete(HAMLET, "n", "xmpp:hamlet@denmark.lit?;node=blog"));
        assertThat(o.notifications()).singleElement().extracting(Notification::event)
                .isEqualTo(new Notification.Deleted("n", "xmpp:hamlet@denmark.lit?;node=blog"));
        assertThat(f.service.node("n")).isNull();
        assertThat(f.run(new Command.Delete(HAMLET, "n", null)).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
    }

    @Test
    void purgeRemovesEveryItem() {
        f.createOpenNode("n");
        f.subscribe(FRANCISCO, "n");
        f.publish(HAMLET, "n", "1", "<x xmlns='urn:x'/>");
        assertThat(f.run(new Command.Purge(FRANCISCO, "n")).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        Outcome o = f.ok(new Command.Purge(HAMLET, "n"));
        assertThat(o.notifications()).singleElement().extracting(Notification::event).isEqualTo(new Notification.Purged("n"));
        assertThat(f.service.node("n").items()).isEmpty();
    }

    @Test
    void affiliationsKeepAnOwnerAndOutcastsLoseTheirSubscriptions() {
        f.createOpenNode("n");
        f.subscribe(BERNARDO, "n");
        Outcome partial = f.run(new Command.SetNodeAffiliations(HAMLET, "n",
                Map.of(HAMLET.bare(), Affiliation.NONE, FRANCISCO.bare(), Affiliation.PUBLISHER)));
        assertThat(partial.error().condition()).isEqualTo(StanzaErrorCondition.NOT_ACCEPTABLE);
        assertThat(partial.reply()).isEqualTo(new Reply.Affiliations("n",
                List.of(new Reply.NodeAffiliation("n", HAMLET.bare(), Affiliation.OWNER))));
        assertThat(f.service.node("n").affiliation(FRANCISCO)).isEqualTo(Affiliation.PUBLISHER); // applied
        assertThat(f.service.node("n").affiliation(HAMLET)).isEqualTo(Affiliation.OWNER); // refused

        f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(BERNARDO.bare(), Affiliation.OUTCAST)));
        assertThat(f.service.node("n").subscriptionsOf(BERNARDO.bare())).isEmpty();

        // with a second owner, the first may step down
        f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(FRANCISCO.bare(), Affiliation.OWNER)));
        f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(HAMLET.bare(), Affiliation.NONE)));
        assertThat(f.service.node("n").owners()).containsExactly(FRANCISCO.bare());
    }

    @Test
    void ownersManageSubscriptions() {
        f.createOpenNode("n");
        f.subscribe(FRANCISCO, "n");
        Outcome list = f.ok(new Command.GetNodeSubscriptions(HAMLET, "n"));
        assertThat(((Reply.Subscriptions) list.reply()).subscriptions()).hasSize(1);
        Outcome o = f.ok(new Command.SetNodeSubscriptions(HAMLET, "n", List.of(
                new Command.SubscriptionChange(FRANCISCO.bare(), SubscriptionState.NONE, null),
                new Command.SubscriptionChange(BERNARDO.bare(), SubscriptionState.SUBSCRIBED, null))));
        assertThat(o.notifications()).hasSize(2); // §8.8.4: each subscriber is told
        assertThat(f.service.node("n").subscriptionsOf(FRANCISCO.bare())).isEmpty();
        assertThat(f.service.node("n").subscriptionsOf(BERNARDO.bare())).singleElement()
                .extracting(Subscription::state).isEqualTo(SubscriptionState.SUBSCRIBED);
        assertThat(f.run(new Command.GetNodeSubscriptions(FRANCISCO, "n")).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
    }

    @Test
    void theSubscriptionsListLeavesOutPendingRequests() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#access_model", "authorize")));
        f.subscribe(FRANCISCO, "n");
        f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(BERNARDO.bare(), Affiliation.MEMBER)));
        f.subscribe(BERNARDO, "n");
        Reply.Subscriptions list = (Reply.Subscriptions) f.ok(new Command.GetNodeSubscriptions(HAMLET, "n")).reply();
        // §8.8.1.2: subscribed and unconfigured MUST be listed, pending SHOULD NOT (§8.7 fetches those)
        assertThat(list.subscriptions()).extracting(s -> s.subscription().jid()).containsExactly(BERNARDO.bare());
    }

    @Test
    void approvalTellsTheSubscriberAndWithNotifySubTheOwners() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#access_model", "authorize", "pubsub#notify_sub", "1")));
        Subscription pending = ((Reply.Subscribed) f.subscribe(FRANCISCO, "n").reply()).subscription();
        Outcome o = f.ok(new Command.Authorize(HAMLET, "n", FRANCISCO.bare(), pending.subId(), true));
        Notification.SubscriptionChanged subscribed = new Notification.SubscriptionChanged("n", FRANCISCO.bare(),
                SubscriptionState.SUBSCRIBED, pending.subId());
        assertThat(o.notifications()).extracting(Notification::event).containsExactly(subscribed, subscribed);
        assertThat(o.notifications()).extracting(n -> n.recipients().get(0).jid()).containsExactly(FRANCISCO.bare(), HAMLET.bare());
        assertThat(o.notifications().get(0).type()).isEqualTo(NotificationType.NORMAL); // §12.14: a plain message

        Subscription denied = ((Reply.Subscribed) f.subscribe(BERNARDO, "n").reply()).subscription();
        o = f.ok(new Command.Authorize(HAMLET, "n", BERNARDO.bare(), denied.subId(), false));
        assertThat(o.notifications()).singleElement().satisfies(n -> {
            assertThat(n.event()).isEqualTo(new Notification.SubscriptionChanged("n", BERNARDO.bare(),
                    SubscriptionState.NONE, denied.subId()));
            assertThat(n.recipients()).extracting(Notification.Recipient::jid).containsExactly(BERNARDO.bare());
        });
        assertThat(f.service.node("n").subscriptionsOf(BERNARDO.bare())).isEmpty();
    }

    @Test
    void aPartlyFailedSubscriptionsBatchStillTellsTheChangedSubscribers() {
        f.createOpenNode("n");
        f.subscribe(FRANCISCO, "n");
        Outcome o = f.run(new Command.SetNodeSubscriptions(HAMLET, "n", List.of(
                new Command.SubscriptionChange(FRANCISCO.bare(), SubscriptionState.NONE, null),
                new Command.SubscriptionChange(BERNARDO.bare(), SubscriptionState.SUBSCRIBED, "no-such-subid"))));
        assertThat(o.error().condition()).isEqualTo(StanzaErrorCondition.NOT_ACCEPTABLE); // §8.8.2.4
        assertThat(f.service.node("n").subscriptionsOf(FRANCISCO.bare())).isEmpty(); // applied
        assertThat(o.notifications()).singleElement().satisfies(n -> { // §8.8.4: was lost with the error
            Notification.SubscriptionChanged c = (Notification.SubscriptionChanged) n.event();
            assertThat(c.jid()).isEqualTo(FRANCISCO.bare());
            assertThat(c.state()).isEqualTo(SubscriptionState.NONE);
            assertThat(n.recipients()).extracting(Notification.Recipient::jid).containsExactly(FRANCISCO.bare());
        });
    }

    @Test
    void affiliationChangesSettlePendingRequests() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#access_model", "authorize")));
        f.subscribe(FRANCISCO, "n");
        f.subscribe(BERNARDO, "n");
        // §8.7.4: made a publisher, francisco's request is approved; made an outcast, bernardo's is rejected
        Outcome o = f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(FRANCISCO.bare(), Affiliation.PUBLISHER)));
        assertThat(f.service.node("n").subscriptionsOf(FRANCISCO.bare())).singleElement()
                .extracting(Subscription::state).isEqualTo(SubscriptionState.SUBSCRIBED);
        assertThat(o.notifications()).singleElement().satisfies(n -> assertThat(((Notification.SubscriptionChanged) n.event())
                .state()).isEqualTo(SubscriptionState.SUBSCRIBED));
        o = f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(BERNARDO.bare(), Affiliation.OUTCAST)));
        assertThat(f.service.node("n").subscriptionsOf(BERNARDO.bare())).isEmpty();
        assertThat(o.notifications()).singleElement().satisfies(n -> {
            assertThat(((Notification.SubscriptionChanged) n.event()).state()).isEqualTo(SubscriptionState.NONE);
            assertThat(n.recipients()).extracting(Notification.Recipient::jid).containsExactly(BERNARDO.bare());
        });
        // members too: this service lets members subscribe to authorize nodes without approval (§6.1.4)
        f.subscribe(EngineFixture.HORATIO, "n");
        f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(EngineFixture.HORATIO.bare(), Affiliation.MEMBER)));
        assertThat(f.service.node("n").subscriptionsOf(EngineFixture.HORATIO.bare())).singleElement()
                .extracting(Subscription::state).isEqualTo(SubscriptionState.SUBSCRIBED);
    }

    @Test
    void ownEntitiesSubscriptionsAndAffiliationsAcrossTheService() {
        f.createOpenNode("a");
        f.createOpenNode("b");
        f.subscribe(FRANCISCO, "a");
        f.subscribe(FRANCISCO, "b");
        Reply.Subscriptions subs = (Reply.Subscriptions) f.ok(new Command.GetSubscriptions(FRANCISCO, null)).reply();
        assertThat(subs.subscriptions()).extracting(Reply.NodeSubscription::node).containsExactly("a", "b");
        Reply.Affiliations affs = (Reply.Affiliations) f.ok(new Command.GetAffiliations(HAMLET, null)).reply();
        assertThat(affs.affiliations()).extracting(Reply.NodeAffiliation::affiliation)
                .containsExactly(Affiliation.OWNER, Affiliation.OWNER);
    }

    @Test
    void replayingTheRecordsRebuildsTheSameState() {
        EngineFixture live = new EngineFixture();
        List<PubSubRecord> journal = new java.util.ArrayList<>();
        java.util.function.Consumer<Outcome> keep = o -> journal.addAll(o.records());
        keep.accept(live.ok(new Command.Create(HAMLET, "n", form("pubsub#max_items", "2"))));
        keep.accept(live.subscribe(FRANCISCO, "n"));
        keep.accept(live.publish(HAMLET, "n", "1", "<x xmlns='urn:x'/>"));
        keep.accept(live.publish(HAMLET, "n", "2", "<x xmlns='urn:x'/>"));
        keep.accept(live.publish(HAMLET, "n", "3", "<x xmlns='urn:x'/>"));
        keep.accept(live.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(BERNARDO.bare(), Affiliation.PUBLISHER))));
        keep.accept(live.ok(new Command.Retract(HAMLET, "n", List.of("2"), false)));

        EngineFixture replayed = new EngineFixture();
        journal.forEach(replayed.service::apply);
        Node a = live.service.node("n");
        Node b = replayed.service.node("n");
        assertThat(b.items()).isEqualTo(a.items());
        assertThat(b.config()).isEqualTo(a.config());
        assertThat(b.affiliations()).isEqualTo(a.affiliations());
        assertThat(b.subscriptions()).isEqualTo(a.subscriptions());
    }

    @Test
    void collectionsPassNotificationsToTheirSubscribers() {
        f.ok(new Command.Create(HAMLET, "blogs", form("pubsub#node_type", "collection")));
        f.ok(new Command.Create(HAMLET, "princely_musings", form("pubsub#collection", "blogs")));
        f.subscribe(FRANCISCO, "blogs");
        f.subscribe(BERNARDO, "princely_musings");
        Notification n = f.publish(HAMLET, "princely_musings", "1", "<x xmlns='urn:x'/>").notifications().get(0);
        assertThat(n.recipients()).extracting(Notification.Recipient::jid).containsExactly(BERNARDO.bare(), FRANCISCO.bare());
        assertThat(n.recipients()).extracting(Notification.Recipient::collection).containsExactly(null, "blogs");
        assertThat(f.publish(HAMLET, "blogs", "x", "<x xmlns='urn:x'/>").error())
                .isEqualTo(PubSubError.unsupported("publish"));
        assertThat(f.run(new Command.Create(FRANCISCO, "other", form("pubsub#collection", "blogs"))).error().condition())
                .isEqualTo(StanzaErrorCondition.NOT_ALLOWED); // children_association_policy owners
    }

    @Test
    void collectionSubscribersOfTypeNodesHearOfChildrenJoiningAndLeaving() {
        f.ok(new Command.Create(HAMLET, "blogs", form("pubsub#node_type", "collection")));
        f.ok(new Command.Subscribe(FRANCISCO, "blogs", FRANCISCO.bare(), form("pubsub#subscription_type", "nodes")));
        f.ok(new Command.Subscribe(BERNARDO, "blogs", BERNARDO.bare(), form("pubsub#subscription_type", "items")));
        Outcome created = f.ok(new Command.Create(HAMLET, "musings", form("pubsub#collection", "blogs")));
        assertThat(created.notifications()).singleElement().satisfies(n -> {
            assertThat(n.event()).isEqualTo(new Notification.Association("blogs", "musings", true));
            assertThat(n.recipients()).extracting(Notification.Recipient::jid).containsExactly(FRANCISCO.bare());
        });
        // "nodes" subscribers get no item notifications; "items" ones do (XEP-0248 §4)
        Notification items = f.publish(HAMLET, "musings", "1", "<x xmlns='urn:x'/>").notifications().get(0);
        assertThat(items.recipients()).extracting(Notification.Recipient::jid).containsExactly(BERNARDO.bare());
        Outcome moved = f.ok(new Command.Configure(HAMLET, "musings", java.util.Map.of("pubsub#collection", List.of())));
        assertThat(moved.notifications()).extracting(Notification::event)
                .contains(new Notification.Association("blogs", "musings", false));
        assertThat(f.run(new Command.Subscribe(EngineFixture.HORATIO, "blogs", EngineFixture.HORATIO.bare(),
                form("pubsub#subscription_type", "all"))).failed()).isFalse();
    }
}
