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
 * The error cases of XEP-0060 §7 (publish, retract) that the engine decides, one test per
 * {@code <section4>} of the spec, named after it; the stanza-level ones are in the broker's
 * PubSubErrorTranscriptTest.
 */
class PublisherUseCasesErrorsTest {

    static final String ENTRY = PublishSubscribeTest.ENTRY;

    final EngineFixture f = new EngineFixture();

    // ---- §7.1.3 publish ----

    @Test
    @DisplayName("§7.1.3.1 Insufficient Privileges: forbidden unless owner, publisher or publish-only (or the model lets one)")
    void publish_7_1_3_1_insufficientPrivileges() {
        f.createOpenNode("n");
        PubSubError forbidden = PubSubError.of(StanzaErrorCondition.FORBIDDEN);
        assertThat(f.publish(FRANCISCO, "n", "1", ENTRY).error()).isEqualTo(forbidden); // none
        f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(FRANCISCO.bare(), Affiliation.MEMBER)));
        assertThat(f.publish(FRANCISCO, "n", "1", ENTRY).error()).isEqualTo(forbidden); // member
        f.ok(new Command.Create(HAMLET, "open", form("pubsub#publish_model", "open")));
        f.ok(new Command.SetNodeAffiliations(HAMLET, "open", Map.of(BERNARDO.bare(), Affiliation.OUTCAST)));
        assertThat(f.publish(BERNARDO, "open", "1", ENTRY).error()).isEqualTo(forbidden); // an outcast, even on an open model
        assertThat(f.publish(FRANCISCO, "open", "1", ENTRY).failed()).isFalse();
    }

    @Test
    @DisplayName("§7.1.3.2 Item Publication Not Supported: unsupported feature='publish' on a collection")
    void publish_7_1_3_2_itemPublicationNotSupported() {
        f.ok(new Command.Create(HAMLET, "blogs", form("pubsub#node_type", "collection")));
        assertThat(f.publish(HAMLET, "blogs", "1", ENTRY).error()).isEqualTo(PubSubError.unsupported("publish"));
    }

    @Test
    @DisplayName("§7.1.3.3 Node Does Not Exist: item-not-found without auto-create")
    void publish_7_1_3_3_nodeDoesNotExist() {
        EngineFixture strict = new EngineFixture(ServiceLimits.DEFAULTS, false);
        assertThat(strict.publish(HAMLET, "princely_musings", "1", ENTRY).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
        // pubsub.<domain> has auto-create (§7.1.4): the same request creates the node, owned by its publisher
        assertThat(f.publish(HAMLET, "princely_musings", "1", ENTRY).failed()).isFalse();
        assertThat(f.service.node("princely_musings").affiliation(HAMLET)).isEqualTo(Affiliation.OWNER);
        // §7.1.1 without a node: nodeid-required
        assertThat(f.publish(HAMLET, null, "1", ENTRY).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.NODEID_REQUIRED));
    }

    @Test
    @DisplayName("§7.1.3.4 Node is full: conflict + node-full when pubsub#publish_node_full is reject")
    void publish_7_1_3_4_nodeIsFull() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#max_items", "2", "pubsub#publish_node_full", "reject")));
        f.publish(HAMLET, "n", "1", ENTRY);
        f.publish(HAMLET, "n", "2", ENTRY);
        assertThat(f.publish(HAMLET, "n", "3", ENTRY).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.CONFLICT, PubSubCondition.NODE_FULL));
        assertThat(f.publish(HAMLET, "n", "2", ENTRY).failed()).isFalse(); // overwriting adds nothing (§7.1.3)
        // §7.1.2.5: retract-oldest (the default) and discard-oldest make room instead
        f.ok(new Command.Configure(HAMLET, "n", form("pubsub#publish_node_full", "discard-oldest")));
        assertThat(f.publish(HAMLET, "n", "3", ENTRY).failed()).isFalse();
        assertThat(f.service.node("n").items()).extracting(Item::id).containsExactly("2", "3");
    }

    @Test
    @DisplayName("§7.1.3.5 Payload Too Big: not-acceptable + payload-too-big")
    void publish_7_1_3_5_payloadTooBig() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#max_payload_size", "32")));
        assertThat(f.publish(HAMLET, "n", "1", ENTRY).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.NOT_ACCEPTABLE, PubSubCondition.PAYLOAD_TOO_BIG));
        assertThat(f.service.node("n").items()).isEmpty();
    }

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

    @Test
    @DisplayName("§7.1.3.7 Request Does Not Match Configuration: item-required, payload-required, item-forbidden")
    void publish_7_1_3_7_requestDoesNotMatchConfiguration() {
        f.createOpenNode("persistent"); // persistent, with payloads
        assertThat(f.run(new Command.Publish(HAMLET, "persistent", List.of(), null)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.ITEM_REQUIRED));
        assertThat(f.publish(HAMLET, "persistent", "1", null).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.PAYLOAD_REQUIRED));
        assertThat(f.publish(HAMLET, "persistent", null, ENTRY).failed()).isFalse(); // no ItemID: generated, not bounced
        f.ok(new Command.Create(HAMLET, "transient", form("pubsub#persist_items", "0", "pubsub#deliver_payloads", "0")));
        assertThat(f.publish(HAMLET, "transient", "1", null).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.ITEM_FORBIDDEN));
        // §12.11: a batch larger than the node: not-allowed + max-items-exceeded, and nothing published
        f.ok(new Command.Create(HAMLET, "small", form("pubsub#max_items", "1")));
        assertThat(f.run(new Command.Publish(HAMLET, "small", List.of(new Command.NewItem("a", ENTRY),
                new Command.NewItem("b", ENTRY)), null)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.NOT_ALLOWED, PubSubCondition.MAX_ITEMS_EXCEEDED));
        assertThat(f.service.node("small").items()).isEmpty();
    }

    // ---- §7.2.3 retract ----

    @Test
    @DisplayName("§7.2.3.1 Insufficient Privileges: forbidden; publish-only entities retract only their own items")
    void retract_7_2_3_1_insufficientPrivileges() {
        f.createOpenNode("n");
        f.publish(HAMLET, "n", "hamlets", ENTRY);
        PubSubError forbidden = PubSubError.of(StanzaErrorCondition.FORBIDDEN);
        assertThat(f.run(new Command.Retract(FRANCISCO, "n", List.of("hamlets"), false)).error()).isEqualTo(forbidden);
        f.ok(new Command.SetNodeAffiliations(HAMLET, "n", Map.of(FRANCISCO.bare(), Affiliation.PUBLISH_ONLY)));
        f.publish(FRANCISCO, "n", "franciscos", ENTRY);
        assertThat(f.run(new Command.Retract(FRANCISCO, "n", List.of("hamlets"), false)).error()).isEqualTo(forbidden);
        // §12.11: a batch with one forbidden item fails whole
        assertThat(f.run(new Command.Retract(FRANCISCO, "n", List.of("franciscos", "hamlets"), false)).error()).isEqualTo(forbidden);
        assertThat(f.service.node("n").item("franciscos")).isNotNull();
        assertThat(f.run(new Command.Retract(FRANCISCO, "n", List.of("franciscos"), false)).failed()).isFalse();
    }

    @Test
    @DisplayName("§7.2.3.2 Node Does Not Exist: item-not-found, for the node or the item")
    void retract_7_2_3_2_nodeDoesNotExist() {
        assertThat(f.run(new Command.Retract(HAMLET, "missing", List.of("1"), false)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
        f.createOpenNode("n");
        assertThat(f.run(new Command.Retract(HAMLET, "n", List.of("1"), false)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
    }

    @Test
    @DisplayName("§7.2.3.3 NodeID Required: bad-request + nodeid-required")
    void retract_7_2_3_3_nodeIdRequired() {
        assertThat(f.run(new Command.Retract(HAMLET, null, List.of("1"), false)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.NODEID_REQUIRED));
    }

    @Test
    @DisplayName("§7.2.3.4 Item or ItemID Required: bad-request + item-required")
    void retract_7_2_3_4_itemRequired() {
        f.createOpenNode("n");
        assertThat(f.run(new Command.Retract(HAMLET, "n", List.of(), false)).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.ITEM_REQUIRED));
        // an <item/> without an id is refused by the stanza translation: PubSubErrorTranscriptTest
    }


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

    @Test
    @DisplayName("§7.2.3.6 Item Deletion Not Supported: not applicable, delete-items is supported")
    void retract_7_2_3_6_itemDeletionNotSupported() {
        // The service supports (and advertises) delete-items, so a retraction by the publisher succeeds.
        f.createOpenNode("n");
        f.publish(HAMLET, "n", "1", ENTRY);
        assertThat(f.run(new Command.Retract(HAMLET, "n", List.of("1"), false)).failed()).isFalse();
    }
}
