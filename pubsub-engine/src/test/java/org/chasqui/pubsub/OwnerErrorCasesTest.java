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
class OwnerErrorCasesTest {

    final EngineFixture f = new EngineFixture();

    // ---- §8.5.3 purge ----

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
}
