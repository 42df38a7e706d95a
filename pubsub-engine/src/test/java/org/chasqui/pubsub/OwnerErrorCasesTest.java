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
}
