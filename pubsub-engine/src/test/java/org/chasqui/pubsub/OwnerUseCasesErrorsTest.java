package org.chasqui.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.pubsub.EngineFixture.BERNARDO;
import static org.chasqui.pubsub.EngineFixture.FRANCISCO;
import static org.chasqui.pubsub.EngineFixture.HAMLET;
import static org.chasqui.pubsub.EngineFixture.form;

import java.util.List;
import java.util.Map;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The error cases of XEP-0060 §8 (create, configure, default configuration, delete, purge, pending
 * requests, subscriptions, affiliations) that the engine decides, one test per error section of the
 * spec, named after it; the stanza-level ones are in the broker's PubSubErrorTranscriptTest.
 */
class OwnerUseCasesErrorsTest {

    final EngineFixture f = new EngineFixture();

    // ---- §8.1.1 create: the general error cases (the spec gives them no sections of their own) ----

    @Test
    @DisplayName("§8.1.1 General Considerations: conflict for an existing NodeID; the other cases do not arise")
    void create_8_1_1_generalErrorCases() {
        f.createOpenNode("princely_musings");
        assertThat(f.run(new Command.Create(FRANCISCO, "princely_musings", null)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.CONFLICT));
        // Node creation is supported (no <unsupported feature='create-nodes'/>), every requester is an
        // account of the server (no registration-required), any account may create nodes (no forbidden:
        // the only limit is the number of nodes per owner, not-allowed + max-nodes-exceeded), and
        // instant nodes are supported (no not-acceptable + nodeid-required): a create without a node works.
        assertThat(f.ok(new Command.Create(FRANCISCO, null, null)).reply()).isInstanceOf(Reply.Created.class);
        EngineFixture small = new EngineFixture(new ServiceLimits(10, 1000, 1, 100, 4), true);
        small.ok(new Command.Create(HAMLET, "a", null));
        assertThat(small.run(new Command.Create(HAMLET, "b", null)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.NOT_ALLOWED, PubSubCondition.MAX_NODES_EXCEEDED));
        // an empty NodeID is no NodeID at all
        assertThat(f.run(new Command.Create(HAMLET, "", null)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.NODEID_REQUIRED));
    }

    @Test
    @DisplayName("§8.1.3 Create and Configure: a configuration that cannot be applied is not-acceptable, nothing created")
    void create_8_1_3_badConfiguration() {
        assertThat(f.run(new Command.Create(HAMLET, "n", form("pubsub#max_items", "-1"))).error().condition())
                .isEqualTo(StanzaErrorCondition.NOT_ACCEPTABLE);
        assertThat(f.service.node("n")).isNull();
    }

    // ---- §8.2.3 configure ----

    @Test
    @DisplayName("§8.2.3.1 Node Configuration Not Supported: not applicable, config-node is supported")
    void configure_8_2_3_1_nodeConfigurationNotSupported() {
        f.createOpenNode("n");
        assertThat(f.ok(new Command.GetConfig(HAMLET, "n")).reply()).isInstanceOf(Reply.ConfigForm.class);
    }

    @Test
    @DisplayName("§8.2.3.2 Insufficient Privileges: forbidden for all but owners")
    void configure_8_2_3_2_insufficientPrivileges() {
        f.createOpenNode("n");
        f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(FRANCISCO.bare(), Affiliation.PUBLISHER)));
        PubSubError forbidden = PubSubError.of(StanzaErrorCondition.FORBIDDEN);
        assertThat(f.run(new Command.GetConfig(FRANCISCO, "n")).error()).isEqualTo(forbidden);
        assertThat(f.run(new Command.Configure(FRANCISCO, "n", form("pubsub#title", "mine"))).error()).isEqualTo(forbidden);
        assertThat(f.run(new Command.Configure(BERNARDO, "n", form("pubsub#title", "mine"))).error()).isEqualTo(forbidden);
        assertThat(f.service.node("n").config().title()).isNull();
    }

    @Test
    @DisplayName("§8.2.3.3 NodeID Required: bad-request + nodeid-required")
    void configure_8_2_3_3_nodeIdRequired() {
        PubSubError required = PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.NODEID_REQUIRED);
        assertThat(f.run(new Command.GetConfig(HAMLET, null)).error()).isEqualTo(required);
        assertThat(f.run(new Command.Configure(HAMLET, null, form("pubsub#title", "t"))).error()).isEqualTo(required);
    }

    @Test
    @DisplayName("§8.2.3.4 No Configuration Options: not applicable, no node is locked down")
    void configure_8_2_3_4_noConfigurationOptions() {
        // Every node's configuration can be changed by its owners, so not-allowed never answers a
        // configuration request; a change the service cannot make is §8.2.5.2's not-acceptable.
        f.createOpenNode("n");
        assertThat(f.run(new Command.Configure(HAMLET, "n", form("pubsub#title", "t"))).failed()).isFalse();
    }

    @Test
    @DisplayName("§8.2.3.5 Node Does Not Exist: item-not-found")
    void configure_8_2_3_5_nodeDoesNotExist() {
        assertThat(f.run(new Command.GetConfig(HAMLET, "missing")).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
        assertThat(f.run(new Command.Configure(HAMLET, "missing", form("pubsub#title", "t"))).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
    }

    @Test
    @DisplayName("§8.2.5.2 Form Processing, Failure: not-acceptable, and the configuration unchanged")
    void configure_8_2_5_2_failure() {
        f.createOpenNode("n");
        NodeConfig before = f.service.node("n").config();
        for (Map<String, List<String>> bad : List.of(form("pubsub#access_model", "secret"), form("pubsub#max_items", "lots"),
                form("pubsub#deliver_payloads", "perhaps"), form("pubsub#no_such_field", "1"),
                form("pubsub#title", "t", "pubsub#node_type", "collection"))) {
            assertThat(f.run(new Command.Configure(HAMLET, "n", bad)).error().condition()).isEqualTo(StanzaErrorCondition.NOT_ACCEPTABLE);
        }
        assertThat(f.service.node("n").config()).isEqualTo(before);
    }

    // ---- §8.3.4 default configuration ----

    @Test
    @DisplayName("§8.3.4.1 / §8.3.4.2: not applicable, configuration and its defaults are supported")
    void default_8_3_4_defaultsAreSupported() {
        // config-node and retrieve-default are both supported and advertised: the defaults come back,
        // for a leaf or (§8.3.2) a collection, instead of <unsupported/>.
        assertThat(((Reply.ConfigForm) f.ok(new Command.GetDefaultConfig(HAMLET, null)).reply()).config().nodeType())
                .isEqualTo(NodeType.LEAF);
        assertThat(((Reply.ConfigForm) f.ok(new Command.GetDefaultConfig(HAMLET, NodeType.COLLECTION)).reply()).config().nodeType())
                .isEqualTo(NodeType.COLLECTION);
    }

    // ---- §8.4.3 delete ----

    @Test
    @DisplayName("§8.4.3.1 Insufficient Privileges: forbidden for all but owners")
    void delete_8_4_3_1_insufficientPrivileges() {
        f.createOpenNode("n");
        f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(FRANCISCO.bare(), Affiliation.PUBLISHER)));
        assertThat(f.run(new Command.Delete(FRANCISCO, "n", null)).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        assertThat(f.service.node("n")).isNotNull();
    }

    @Test
    @DisplayName("§8.4.3.2 Node Does Not Exist: item-not-found")
    void delete_8_4_3_2_nodeDoesNotExist() {
        assertThat(f.run(new Command.Delete(HAMLET, "missing", null)).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
    }

    // ---- §8.5.3 purge ----

    @Test
    @DisplayName("§8.5.3.1 Node Purging Not Supported: not applicable, purge-nodes is supported")
    void purge_8_5_3_1_nodePurgingNotSupported() {
        f.createOpenNode("n");
        f.publish(HAMLET, "n", "1", "<x xmlns='urn:x'/>");
        assertThat(f.run(new Command.Purge(HAMLET, "n")).failed()).isFalse();
        assertThat(f.service.node("n").items()).isEmpty();
    }

    @Test
    @DisplayName("§8.5.3.2 Insufficient Privileges: forbidden; owners purge, and publishers (the MAY of §4.1)")
    void purge_8_5_3_2_insufficientPrivileges() {
        f.createOpenNode("n");
        f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(FRANCISCO.bare(), Affiliation.PUBLISH_ONLY,
                BERNARDO.bare(), Affiliation.PUBLISHER)));
        assertThat(f.run(new Command.Purge(FRANCISCO, "n")).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        assertThat(f.run(new Command.Purge(EngineFixture.HORATIO, "n")).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        assertThat(f.run(new Command.Purge(BERNARDO, "n")).failed()).isFalse(); // Permissions: a publisher may purge
    }

    @Test
    @DisplayName("§8.5.3.3 Node Does Not Persist Items: a transient node or a collection")
    void purge_8_5_3_3_nodeDoesNotPersistItems() {
        f.ok(new Command.Create(HAMLET, "transient", form("pubsub#persist_items", "0")));
        assertThat(f.run(new Command.Purge(HAMLET, "transient")).error()).isEqualTo(PubSubError.unsupported("persistent-items"));
        f.ok(new Command.Create(HAMLET, "blogs", form("pubsub#node_type", "collection")));
        assertThat(f.run(new Command.Purge(HAMLET, "blogs")).error())
                .isEqualTo(PubSubError.unsupported("persistent-items")); // was purge-nodes
        assertThat(f.run(new Command.Purge(FRANCISCO, "blogs")).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN)); // privileges are checked first
    }

    @Test
    @DisplayName("§8.5.3.4 Node Does Not Exist: item-not-found")
    void purge_8_5_3_4_nodeDoesNotExist() {
        assertThat(f.run(new Command.Purge(HAMLET, "missing")).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
    }

    // ---- §8.7.3 get-pending ----

    @Test
    @DisplayName("§8.7.2 / §8.7.4: the owner's nodes, then one authorization request per pending subscription")
    void getPending_8_7_success() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#access_model", "authorize")));
        f.createOpenNode("other");
        f.subscribe(FRANCISCO, "n");
        f.subscribe(BERNARDO, "n");
        assertThat(f.ok(new Command.GetPending(HAMLET, null)).reply()).isEqualTo(new Reply.PendingNodes(List.of("n", "other")));
        Outcome o = f.ok(new Command.GetPending(HAMLET, "n"));
        assertThat(o.notifications()).extracting(n -> ((Notification.AuthorizationRequest) n.event()).jid())
                .containsExactly(FRANCISCO.bare(), BERNARDO.bare());
        assertThat(o.notifications()).allSatisfy(n ->
                assertThat(n.recipients()).extracting(Notification.Recipient::jid).containsExactly(HAMLET));
        assertThat(o.records()).isEmpty();
    }

    @Test
    @DisplayName("§8.7.3.3 Insufficient Privileges: forbidden, for a node or for an entity that owns none")
    void getPending_8_7_3_3_insufficientPrivileges() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#access_model", "authorize")));
        assertThat(f.run(new Command.GetPending(FRANCISCO, "n")).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        assertThat(f.run(new Command.GetPending(FRANCISCO, null)).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(FRANCISCO.bare(), Affiliation.PUBLISHER)));
        assertThat(f.run(new Command.GetPending(FRANCISCO, "n")).error()) // only owners approve (§8.6)
                .isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
    }

    @Test
    @DisplayName("§8.7.3.4 Node Does Not Exist: item-not-found")
    void getPending_8_7_3_4_nodeDoesNotExist() {
        assertThat(f.run(new Command.GetPending(HAMLET, "missing")).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
        // §8.7.3.1 (ad-hoc commands not supported) and §8.7.3.2 (get-pending not supported) cannot happen:
        // the service has the command; the XEP-0050 layer is tested in PubSubFeatureTranscriptTest
    }

    // ---- §8.8.1.3 and §8.8.2.3 subscriptions ----

    @Test
    @DisplayName("§8.8.1.3 Retrieve Subscriptions List errors: forbidden, item-not-found (management is supported)")
    void subscriptions_8_8_1_3_retrieveErrors() {
        f.createOpenNode("n");
        f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(FRANCISCO.bare(), Affiliation.PUBLISHER)));
        assertThat(f.run(new Command.GetNodeSubscriptions(FRANCISCO, "n")).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        assertThat(f.run(new Command.GetNodeSubscriptions(HAMLET, "missing")).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
        // manage-subscriptions is supported: the list comes back instead of <unsupported/>
        assertThat(f.ok(new Command.GetNodeSubscriptions(HAMLET, "n")).reply()).isInstanceOf(Reply.Subscriptions.class);
    }

    @Test
    @DisplayName("§8.8.2.3 Modify Subscriptions errors: forbidden, item-not-found (management is supported)")
    void subscriptions_8_8_2_3_modifyErrors() {
        f.createOpenNode("n");
        List<Command.SubscriptionChange> change = List.of(
                new Command.SubscriptionChange(BERNARDO.bare(), SubscriptionState.SUBSCRIBED, null));
        assertThat(f.run(new Command.SetNodeSubscriptions(FRANCISCO, "n", change)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        assertThat(f.run(new Command.SetNodeSubscriptions(HAMLET, "missing", change)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
        assertThat(f.service.node("n").subscriptions()).isEmpty();
        assertThat(f.run(new Command.SetNodeSubscriptions(HAMLET, "n", change)).failed()).isFalse();
    }

    @Test
    @DisplayName("§8.8.2.4 Multiple Simultaneous Modifications: not-acceptable with the invalid entries; the rest applied")
    void subscriptions_8_8_2_4_multipleModifications() {
        f.createOpenNode("n");
        Outcome o = f.run(new Command.SetNodeSubscriptions(HAMLET, "n", List.of(
                new Command.SubscriptionChange(BERNARDO.bare(), SubscriptionState.SUBSCRIBED, null),
                new Command.SubscriptionChange(FRANCISCO.bare(), SubscriptionState.SUBSCRIBED, "no-such-subid"))));
        assertThat(o.error().condition()).isEqualTo(StanzaErrorCondition.NOT_ACCEPTABLE);
        assertThat(((Reply.Subscriptions) o.reply()).subscriptions()).singleElement().satisfies(x -> {
            assertThat(x.subscription().jid()).isEqualTo(FRANCISCO.bare());
            assertThat(x.subscription().state()).isEqualTo(SubscriptionState.NONE); // its unaltered state
        });
        assertThat(f.service.node("n").subscriptionsOf(BERNARDO.bare())).hasSize(1);
    }

    // ---- §8.9.1.3 and §8.9.2.3 affiliations ----

    @Test
    @DisplayName("§8.9.1.3 Retrieve Affiliations List errors: forbidden, item-not-found (modification is supported)")
    void affiliations_8_9_1_3_retrieveErrors() {
        f.createOpenNode("n");
        f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(FRANCISCO.bare(), Affiliation.PUBLISHER)));
        assertThat(f.run(new Command.GetNodeAffiliations(FRANCISCO, "n")).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        assertThat(f.run(new Command.GetNodeAffiliations(HAMLET, "missing")).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
        assertThat(((Reply.Affiliations) f.ok(new Command.GetNodeAffiliations(HAMLET, "n")).reply()).affiliations())
                .extracting(Reply.NodeAffiliation::jid).containsExactly(HAMLET.bare(), FRANCISCO.bare());
    }

    @Test
    @DisplayName("§8.9.2.3 Modify Affiliation errors: forbidden, item-not-found; every affiliation is supported")
    void affiliations_8_9_2_3_modifyErrors() {
        f.createOpenNode("n");
        assertThat(f.run(new Command.SetNodeAffiliations(FRANCISCO, "n", Map.of(FRANCISCO.bare(), Affiliation.OWNER))).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        assertThat(f.run(new Command.SetNodeAffiliations(HAMLET, "missing", Map.of(FRANCISCO.bare(), Affiliation.MEMBER))).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
        // "Affiliation Not Supported" cannot happen: each affiliation of §4.1 can be set (and is advertised)
        for (Affiliation a : List.of(Affiliation.MEMBER, Affiliation.PUBLISHER, Affiliation.PUBLISH_ONLY, Affiliation.OUTCAST,
                Affiliation.OWNER, Affiliation.NONE)) {
            f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(FRANCISCO.bare(), a)));
            assertThat(f.service.node("n").affiliation(FRANCISCO)).isEqualTo(a);
        }
    }

    @Test
    @DisplayName("§8.9.2.4 Multiple Simultaneous Modifications: the last owner stays, returned with 'owner'")
    void affiliations_8_9_2_4_multipleModifications() {
        f.createOpenNode("n");
        Outcome o = f.run(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(HAMLET.bare(), Affiliation.NONE,
                BERNARDO.bare(), Affiliation.PUBLISHER)));
        assertThat(o.error().condition()).isEqualTo(StanzaErrorCondition.NOT_ACCEPTABLE);
        assertThat(o.reply()).isEqualTo(new Reply.Affiliations("n", List.of(new Reply.NodeAffiliation("n", HAMLET.bare(), Affiliation.OWNER))));
        assertThat(f.service.node("n").affiliation(BERNARDO)).isEqualTo(Affiliation.PUBLISHER);
        // two entries for one entity are refused by the stanza translation (bad-request): PubSubErrorTranscriptTest
    }
}
