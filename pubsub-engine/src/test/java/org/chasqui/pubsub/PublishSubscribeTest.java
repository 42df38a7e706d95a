package org.chasqui.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.pubsub.EngineFixture.BERNARDO;
import static org.chasqui.pubsub.EngineFixture.FRANCISCO;
import static org.chasqui.pubsub.EngineFixture.HAMLET;
import static org.chasqui.pubsub.EngineFixture.HORATIO;
import static org.chasqui.pubsub.EngineFixture.form;

import java.util.List;
import org.chasqui.pubsub.Notification.ItemsPublished;
import org.chasqui.pubsub.Notification.ItemsRetracted;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.junit.jupiter.api.Test;

/** XEP-0060 §6 and §7 on the engine, with the spec's actors (hamlet owns, francisco and bernardo subscribe). */
class PublishSubscribeTest {

    static final String ENTRY = "<entry xmlns='http://www.w3.org/2005/Atom'><title>Soliloquy</title></entry>";

    final EngineFixture f = new EngineFixture();

    @Test
    void aPublishReachesEverySubscriberOnceWithThePayload() {
        f.createOpenNode("princely_musings");
        f.subscribe(FRANCISCO, "princely_musings");
        f.subscribe(BERNARDO, "princely_musings");

        Outcome o = f.publish(HAMLET, "princely_musings", "ae890ac52d", ENTRY);

        assertThat(o.reply()).isEqualTo(new Reply.Published("princely_musings", List.of("ae890ac52d")));
        assertThat(o.records()).hasSize(1);
        assertThat(o.notifications()).hasSize(1);
        Notification n = o.notifications().get(0);
        ItemsPublished event = (ItemsPublished) n.event();
        assertThat(event.withPayloads()).isTrue();
        assertThat(event.items().get(0).payloadXml()).isEqualTo(ENTRY);
        assertThat(n.recipients()).extracting(Notification.Recipient::jid)
                .containsExactly(FRANCISCO.bare(), BERNARDO.bare());
        assertThat(n.type()).isEqualTo(NotificationType.HEADLINE);
    }

    @Test
    void itemReplyPublisherNamesThePublisherInNotificationsAndRetrieval() {
        f.createOpenNode("n"); // the leaf default is pubsub#itemreply = publisher (§12.17)
        f.subscribe(FRANCISCO, "n");
        ItemsPublished event = (ItemsPublished) f.publish(HAMLET, "n", "1", ENTRY).notifications().get(0).event();
        assertThat(event.withPublisher()).isTrue();
        assertThat(event.items().get(0).publisher()).isEqualTo(HAMLET.bare()); // stamped by the service (§7.1.2.3)
        assertThat(((Reply.Items) f.ok(new Command.GetItems(FRANCISCO, "n", null, null, null)).reply()).withPublisher()).isTrue();

        f.ok(new Command.Configure(HAMLET, "n", form("pubsub#itemreply", "owner")));
        event = (ItemsPublished) f.publish(HAMLET, "n", "2", ENTRY).notifications().get(0).event();
        assertThat(event.withPublisher()).isFalse();
        assertThat(((Reply.Items) f.ok(new Command.GetItems(FRANCISCO, "n", null, null, null)).reply()).withPublisher()).isFalse();
    }

    @Test
    void includeBodyMarksTheRecipientsThatAskedForABody() {
        f.createOpenNode("n");
        f.ok(new Command.Subscribe(FRANCISCO, "n", FRANCISCO.bare(), form("pubsub#include_body", "1")));
        f.subscribe(BERNARDO, "n");
        Notification n = f.publish(HAMLET, "n", "1", ENTRY).notifications().get(0);
        assertThat(n.recipients()).extracting(Notification.Recipient::jid, Notification.Recipient::includeBody)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FRANCISCO.bare(), true),
                        org.assertj.core.groups.Tuple.tuple(BERNARDO.bare(), false));
        // §12.8: with one subscription asking for a body and one not, every notification has one
        f.subscribe(BERNARDO, "n"); // the same subscription again, unchanged
        f.ok(new Command.Subscribe(BERNARDO, "n", BERNARDO.bare(), form("pubsub#include_body", "true")));
        n = f.publish(HAMLET, "n", "2", ENTRY).notifications().get(0);
        assertThat(n.recipients()).allSatisfy(r -> assertThat(r.includeBody()).isTrue());
    }

    @Test
    void withoutAnItemIdTheServiceAssignsOne() {
        f.createOpenNode("n");
        Outcome o = f.publish(HAMLET, "n", null, ENTRY); // §7.1.2
        Reply.Published p = (Reply.Published) o.reply();
        assertThat(p.itemIds()).hasSize(1);
        assertThat(f.service.node("n").item(p.itemIds().get(0))).isNotNull();
    }

    @Test
    void republishingAnIdReplacesTheItem() {
        f.createOpenNode("n");
        f.publish(HAMLET, "n", "a", "<x xmlns='urn:x'>1</x>");
        f.publish(HAMLET, "n", "b", "<x xmlns='urn:x'>2</x>");
        f.publish(HAMLET, "n", "a", "<x xmlns='urn:x'>3</x>"); // §7.1.2: same id overwrites
        assertThat(f.service.node("n").items()).extracting(Item::id).containsExactly("b", "a");
        assertThat(f.service.node("n").item("a").payloadXml()).isEqualTo("<x xmlns='urn:x'>3</x>");
    }

    @Test
    void maxItemsDropsTheOldestAndNotifiesItsRetraction() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#max_items", "2")));
        f.subscribe(FRANCISCO, "n");
        f.publish(HAMLET, "n", "1", "<x xmlns='urn:x'/>");
        f.publish(HAMLET, "n", "2", "<x xmlns='urn:x'/>");
        Outcome o = f.publish(HAMLET, "n", "3", "<x xmlns='urn:x'/>");
        assertThat(f.service.node("n").items()).extracting(Item::id).containsExactly("2", "3");
        assertThat(o.notifications()).extracting(Notification::event)
                .containsExactly(new ItemsRetracted("n", List.of("1")),
                        new ItemsPublished("n", List.of(f.service.node("n").item("3")), true, true));
    }

    @Test
    void aFullNodeThatRejectsSaysNodeFull() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#max_items", "1", "pubsub#publish_node_full", "reject")));
        f.publish(HAMLET, "n", "1", "<x xmlns='urn:x'/>");
        assertThat(f.publish(HAMLET, "n", "2", "<x xmlns='urn:x'/>").error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.CONFLICT, PubSubCondition.NODE_FULL));
        assertThat(f.publish(HAMLET, "n", "1", "<x xmlns='urn:x'>again</x>").failed()).isFalse(); // replacing is fine
    }

    @Test
    void onlyPublishersPublish() {
        f.createOpenNode("n");
        assertThat(f.publish(FRANCISCO, "n", "1", ENTRY).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        f.ok(new Command.SetNodeAffiliations(HAMLET, "n", java.util.Map.of(FRANCISCO.bare(), Affiliation.PUBLISH_ONLY)));
        assertThat(f.publish(FRANCISCO, "n", "1", ENTRY).failed()).isFalse();
    }

    @Test
    void theSubscribersPublishModelLetsSubscribersPublish() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#publish_model", "subscribers")));
        assertThat(f.publish(FRANCISCO, "n", "1", ENTRY).failed()).isTrue();
        f.subscribe(FRANCISCO, "n");
        assertThat(f.publish(FRANCISCO, "n", "1", ENTRY).failed()).isFalse();
    }

    @Test
    void theEventTypeRulesOfSection7136() {
        f.createOpenNode("persistent");
        assertThat(f.run(new Command.Publish(HAMLET, "persistent", List.of(), null)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.ITEM_REQUIRED));
        assertThat(f.publish(HAMLET, "persistent", "1", null).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.PAYLOAD_REQUIRED));
        f.ok(new Command.Create(HAMLET, "transient", form("pubsub#persist_items", "0", "pubsub#deliver_payloads", "false")));
        assertThat(f.publish(HAMLET, "transient", "1", null).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.ITEM_FORBIDDEN));
        assertThat(f.run(new Command.Publish(HAMLET, "transient", List.of(), null)).failed()).isFalse();
    }

    @Test
    void aPayloadAboveTheLimitIsTooBig() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#max_payload_size", "32")));
        assertThat(f.publish(HAMLET, "n", "1", ENTRY).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.NOT_ACCEPTABLE, PubSubCondition.PAYLOAD_TOO_BIG));
    }

    @Test
    void publishOptionsArePreconditions() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#access_model", "whitelist")));
        Outcome ok = f.run(new Command.Publish(HAMLET, "n", List.of(new Command.NewItem("1", ENTRY)),
                form("FORM_TYPE", "http://jabber.org/protocol/pubsub#publish-options", "pubsub#access_model", "whitelist")));
        assertThat(ok.failed()).isFalse();
        Outcome conflict = f.run(new Command.Publish(HAMLET, "n", List.of(new Command.NewItem("2", ENTRY)),
                form("pubsub#access_model", "open")));
        assertThat(conflict.error()).isEqualTo(PubSubError.of(StanzaErrorCondition.CONFLICT, PubSubCondition.PRECONDITION_NOT_MET));
        assertThat(f.service.node("n").item("2")).isNull();
    }

    @Test
    void autoCreateUsesThePublishOptionsAsConfiguration() {
        Outcome o = f.run(new Command.Publish(HAMLET, "new", List.of(new Command.NewItem("1", ENTRY)),
                form("pubsub#max_items", "max", "pubsub#access_model", "whitelist")));
        assertThat(o.failed()).isFalse();
        Node node = f.service.node("new");
        assertThat(node.config().accessModel()).isEqualTo(AccessModel.WHITELIST);
        assertThat(node.config().maxItems()).isEqualTo(ServiceLimits.DEFAULTS.maxItemsPerNode());
        assertThat(node.affiliation(HAMLET)).isEqualTo(Affiliation.OWNER);
    }

    @Test
    void withoutAutoCreateAMissingNodeIsNotFound() {
        EngineFixture strict = new EngineFixture(ServiceLimits.DEFAULTS, false);
        assertThat(strict.publish(HAMLET, "nope", "1", ENTRY).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
    }

    @Test
    void retractNotifiesWhenAskedAndChecksOwnership() {
        f.createOpenNode("n");
        f.ok(new Command.SetNodeAffiliations(HAMLET, "n", java.util.Map.of(FRANCISCO.bare(), Affiliation.PUBLISH_ONLY)));
        f.subscribe(BERNARDO, "n");
        f.publish(HAMLET, "n", "hamlets", ENTRY);
        f.publish(FRANCISCO, "n", "franciscos", ENTRY);
        assertThat(f.run(new Command.Retract(FRANCISCO, "n", List.of("hamlets"), true)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN)); // publish-only: own items only
        Outcome o = f.ok(new Command.Retract(FRANCISCO, "n", List.of("franciscos"), true));
        assertThat(o.notifications()).singleElement().extracting(Notification::event)
                .isEqualTo(new ItemsRetracted("n", List.of("franciscos")));
        assertThat(f.run(new Command.Retract(HAMLET, "n", List.of("franciscos"), false)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
        assertThat(f.run(new Command.Retract(HAMLET, "n", List.of(), false)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.ITEM_REQUIRED));
    }

    @Test
    void subscribingAnotherJidIsInvalid() {
        f.createOpenNode("n");
        assertThat(f.run(new Command.Subscribe(FRANCISCO, "n", BERNARDO.bare(), null)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.INVALID_JID));
        assertThat(f.subscribe(FRANCISCO, "missing").error()).isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
    }

    @Test
    void accessModelsDecideWhoSubscribes() {
        f.ok(new Command.Create(HAMLET, "presence", form("pubsub#access_model", "presence")));
        assertThat(f.subscribe(FRANCISCO, "presence").error()).isEqualTo(
                PubSubError.of(StanzaErrorCondition.NOT_AUTHORIZED, PubSubCondition.PRESENCE_SUBSCRIPTION_REQUIRED));
        f.allowPresence(HAMLET, FRANCISCO);
        assertThat(f.subscribe(FRANCISCO, "presence").failed()).isFalse();

        f.ok(new Command.Create(HAMLET, "roster", java.util.Map.of("pubsub#access_model", List.of("roster"),
                "pubsub#roster_groups_allowed", List.of("Friends"))));
        assertThat(f.subscribe(FRANCISCO, "roster").error()).isEqualTo(
                PubSubError.of(StanzaErrorCondition.NOT_AUTHORIZED, PubSubCondition.NOT_IN_ROSTER_GROUP));
        f.groups.put(HAMLET.bare(), java.util.Map.of(FRANCISCO.bare(), java.util.Set.of("Friends")));
        assertThat(f.subscribe(FRANCISCO, "roster").failed()).isFalse();

        f.ok(new Command.Create(HAMLET, "whitelist", form("pubsub#access_model", "whitelist")));
        assertThat(f.subscribe(FRANCISCO, "whitelist").error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.NOT_ALLOWED, PubSubCondition.CLOSED_NODE));
        f.ok(new Command.SetNodeAffiliations(HAMLET, "whitelist", java.util.Map.of(FRANCISCO.bare(), Affiliation.MEMBER)));
        assertThat(f.subscribe(FRANCISCO, "whitelist").failed()).isFalse();

        f.createOpenNode("open");
        f.ok(new Command.SetNodeAffiliations(HAMLET, "open", java.util.Map.of(BERNARDO.bare(), Affiliation.OUTCAST)));
        assertThat(f.subscribe(BERNARDO, "open").error()).isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
    }

    @Test
    void authorizeNodesWaitForTheOwner() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#access_model", "authorize")));
        Outcome o = f.subscribe(FRANCISCO, "n");
        Subscription pending = ((Reply.Subscribed) o.reply()).subscription();
        assertThat(pending.state()).isEqualTo(SubscriptionState.PENDING);
        assertThat(o.notifications()).singleElement().satisfies(n -> {
            assertThat(n.event()).isEqualTo(new Notification.AuthorizationRequest("n", FRANCISCO.bare(), pending.subId()));
            assertThat(n.recipients()).extracting(Notification.Recipient::jid).containsExactly(HAMLET.bare());
        });
        assertThat(f.run(new Command.GetItems(FRANCISCO, "n", null, null, null)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.NOT_AUTHORIZED, PubSubCondition.NOT_SUBSCRIBED));
        assertThat(f.run(new Command.Authorize(FRANCISCO, "n", FRANCISCO.bare(), pending.subId(), true)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        f.ok(new Command.Authorize(HAMLET, "n", FRANCISCO.bare(), pending.subId(), true));
        assertThat(f.service.node("n").subscriptions().get(pending.subId()).state()).isEqualTo(SubscriptionState.SUBSCRIBED);
        assertThat(f.run(new Command.GetItems(FRANCISCO, "n", null, null, null)).failed()).isFalse();
    }

    @Test
    void theLastItemGoesToANewSubscriberWhenConfigured() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#send_last_published_item", "on_sub")));
        f.publish(HAMLET, "n", "old", ENTRY);
        f.publish(HAMLET, "n", "last", ENTRY);
        Outcome o = f.subscribe(FRANCISCO, "n");
        assertThat(o.notifications()).singleElement().satisfies(n -> {
            assertThat(((ItemsPublished) n.event()).items()).extracting(Item::id).containsExactly("last");
            assertThat(n.recipients()).extracting(Notification.Recipient::jid).containsExactly(FRANCISCO.bare());
        });
    }

    @Test
    void unsubscribeErrorsAndMultipleSubscriptions() {
        f.createOpenNode("n");
        assertThat(f.run(new Command.Unsubscribe(FRANCISCO, "n", FRANCISCO.bare(), null)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.UNEXPECTED_REQUEST, PubSubCondition.NOT_SUBSCRIBED));
        Subscription one = ((Reply.Subscribed) f.subscribe(FRANCISCO, "n").reply()).subscription();
        Subscription two = ((Reply.Subscribed) f.ok(new Command.Subscribe(FRANCISCO, "n", FRANCISCO.bare(),
                form("pubsub#include_body", "1"))).reply()).subscription();
        assertThat(two.subId()).isNotEqualTo(one.subId());
        assertThat(f.run(new Command.Unsubscribe(FRANCISCO, "n", FRANCISCO.bare(), null)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.SUBID_REQUIRED));
        assertThat(f.run(new Command.Unsubscribe(FRANCISCO, "n", FRANCISCO.bare(), "bogus")).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.NOT_ACCEPTABLE, PubSubCondition.INVALID_SUBID));
        assertThat(f.run(new Command.Unsubscribe(BERNARDO, "n", FRANCISCO.bare(), one.subId())).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        // one notification for both subscriptions, carrying both SubIDs (§12.16)
        Notification n = f.publish(HAMLET, "n", "1", ENTRY).notifications().get(0);
        assertThat(n.recipients()).singleElement().satisfies(r -> assertThat(r.subIds()).containsExactly(one.subId(), two.subId()));
        f.ok(new Command.Unsubscribe(FRANCISCO, "n", FRANCISCO.bare(), one.subId()));
        assertThat(f.service.node("n").subscriptionsOf(FRANCISCO.bare())).containsExactly(two);
    }

    @Test
    void itemsRetrievalAllNewestAndById() {
        f.createOpenNode("n");
        for (String id : List.of("a", "b", "c", "d")) {
            f.publish(HAMLET, "n", id, "<x xmlns='urn:x'>" + id + "</x>");
        }
        assertThat(items(new Command.GetItems(FRANCISCO, "n", null, null, null))).containsExactly("a", "b", "c", "d");
        assertThat(items(new Command.GetItems(FRANCISCO, "n", 2, null, null))).containsExactly("c", "d");
        assertThat(items(new Command.GetItems(FRANCISCO, "n", null, List.of("b", "zz"), null))).containsExactly("b");
    }

    @Test
    void expiredItemsVanishFromRetrievalAndAreSwept() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#item_expire", "60")));
        f.publish(HAMLET, "n", "old", ENTRY);
        f.now.addAndGet(30_000);
        f.publish(HAMLET, "n", "new", ENTRY);
        f.now.addAndGet(31_000);
        assertThat(items(new Command.GetItems(FRANCISCO, "n", null, null, null))).containsExactly("new");
        List<PubSubRecord> swept = f.service.sweep();
        assertThat(swept).containsExactly(new PubSubRecord.ItemsRemoved("n", List.of("old")));
        assertThat(f.service.node("n").items()).extracting(Item::id).containsExactly("new");
    }

    @Test
    void leasedSubscriptionsEnd() {
        f.createOpenNode("n");
        f.ok(new Command.Subscribe(FRANCISCO, "n", FRANCISCO.bare(), form("pubsub#expire", "2026-11-23T12:01:00Z")));
        assertThat(f.publish(HAMLET, "n", "1", ENTRY).notifications()).hasSize(1);
        f.now.addAndGet(61_000);
        assertThat(f.publish(HAMLET, "n", "2", ENTRY).notifications()).isEmpty();
        assertThat(f.service.sweep()).hasSize(1);
        assertThat(f.service.node("n").subscriptions()).isEmpty();
    }

    @Test
    void presenceBasedDeliveryAndShowValues() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#presence_based_delivery", "1")));
        f.subscribe(FRANCISCO, "n");
        f.ok(new Command.Subscribe(BERNARDO, "n", BERNARDO.bare(), java.util.Map.of("pubsub#show-values", List.of("chat", "online"))));
        f.subscribe(HORATIO, "n");
        f.online(FRANCISCO, "online");
        f.online(BERNARDO, "dnd");
        Notification n = f.publish(HAMLET, "n", "1", ENTRY).notifications().get(0);
        assertThat(n.recipients()).extracting(Notification.Recipient::jid).containsExactly(FRANCISCO.bare());
        f.online(BERNARDO, "chat");
        n = f.publish(HAMLET, "n", "2", ENTRY).notifications().get(0);
        assertThat(n.recipients()).extracting(Notification.Recipient::jid).containsExactly(FRANCISCO.bare(), BERNARDO.bare());
    }

    @Test
    void invalidOptionsAreRejected() {
        f.createOpenNode("n");
        assertThat(f.run(new Command.Subscribe(FRANCISCO, "n", FRANCISCO.bare(), form("pubsub#deliver", "maybe"))).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.INVALID_OPTIONS)
                        .withText("not a boolean: maybe"));
    }

    private List<String> items(Command.GetItems c) {
        Outcome o = f.ok(c);
        return ((Reply.Items) o.reply()).items().stream().map(Item::id).toList();
    }

    static Jid bare(Jid j) {
        return j.bare();
    }

    @Test
    void temporarySubscriptionsEndAndPurgeOfflineRemovesTheItemsWhenTheirOwnerLeaves() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#purge_offline", "1")));
        f.online(FRANCISCO, "online");
        f.ok(new Command.Subscribe(FRANCISCO, "n", FRANCISCO, form("pubsub#expire", "presence")));
        f.subscribe(BERNARDO, "n");
        f.online(HAMLET, "online");
        f.publish(HAMLET, "n", "1", ENTRY);
        f.available.clear(); // everybody went offline
        Outcome o = f.service.resourceUnavailable(FRANCISCO, f);
        assertThat(o.records()).extracting(r -> r.getClass().getSimpleName()).containsExactly("SubscriptionRemoved");
        assertThat(f.service.node("n").subscriptionsOf(FRANCISCO)).isEmpty();
        assertThat(f.service.node("n").subscriptionsOf(BERNARDO.bare())).hasSize(1); // not temporary
        f.service.resourceUnavailable(HAMLET, f);
        assertThat(f.service.node("n").items()).isEmpty(); // §16.4.3 purge_offline
    }
}
