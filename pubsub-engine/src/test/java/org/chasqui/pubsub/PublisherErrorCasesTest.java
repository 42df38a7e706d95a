package org.chasqui.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.pubsub.EngineFixture.FRANCISCO;
import static org.chasqui.pubsub.EngineFixture.HAMLET;
import static org.chasqui.pubsub.EngineFixture.form;

import java.util.List;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The error cases of XEP-0060 §7 (publish, retract) that the engine decides, one test per
 * {@code <section4>} of the spec, named after it; the stanza-level ones are in the broker's
 * PubSubErrorTranscriptTest.
 */
class PublisherErrorCasesTest {

    static final String ENTRY = PublishSubscribeTest.ENTRY;

    final EngineFixture f = new EngineFixture();

    // ---- §7.2.3 retract ----

    @Test
    @DisplayName("§7.2.3.5 Persistent Items Not Supported: a transient node or a collection")
    void retract_7_2_3_5_persistentItemsNotSupported() {
        f.ok(new Command.Create(HAMLET, "transient", form("pubsub#persist_items", "0")));
        assertThat(f.run(new Command.Retract(HAMLET, "transient", List.of("1"), false)).error())
                .isEqualTo(PubSubError.unsupported("persistent-items"));
        f.ok(new Command.Create(HAMLET, "blogs", form("pubsub#node_type", "collection")));
        assertThat(f.run(new Command.Retract(HAMLET, "blogs", List.of("1"), false)).error())
                .isEqualTo(PubSubError.unsupported("persistent-items")); // was item-not-found
    }
}
