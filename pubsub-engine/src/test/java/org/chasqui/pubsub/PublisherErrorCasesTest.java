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

    // ---- §7.1.3 publish ----

    @Test
    @DisplayName("§7.1.3.6 Bad Payload: the payload's namespace is not the node's pubsub#type")
    void publish_7_1_3_6_badPayload() {
        f.ok(new Command.Create(HAMLET, "atom", form("pubsub#type", "http://www.w3.org/2005/Atom")));
        Outcome wrong = f.run(new Command.Publish(HAMLET, "atom",
                List.of(new Command.NewItem("1", "<geoloc xmlns='http://jabber.org/protocol/geoloc'/>",
                        "http://jabber.org/protocol/geoloc")), null));
        assertThat(wrong.error()).isEqualTo(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.INVALID_PAYLOAD));
        assertThat(f.run(new Command.Publish(HAMLET, "atom",
                List.of(new Command.NewItem("1", ENTRY, "http://www.w3.org/2005/Atom")), null)).failed()).isFalse();
        f.createOpenNode("untyped"); // no pubsub#type: any namespace
        assertThat(f.run(new Command.Publish(HAMLET, "untyped",
                List.of(new Command.NewItem("1", "<x xmlns='urn:x'/>", "urn:x")), null)).failed()).isFalse();
        // more than one payload element is refused by the stanza translation: PubSubErrorTranscriptTest
    }

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
