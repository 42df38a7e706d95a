package org.chasqui.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.chasqui.persistence.pubsub.EventFeed;
import org.chasqui.pubsub.Affiliation;
import org.chasqui.pubsub.Item;
import org.chasqui.pubsub.NodeConfig;
import org.chasqui.pubsub.NodeDefaults;
import org.chasqui.pubsub.PubSubRecord;
import org.chasqui.pubsub.ServiceLimits;
import org.chasqui.pubsub.Subscription;
import org.chasqui.pubsub.SubscriptionOptions;
import org.chasqui.pubsub.SubscriptionState;
import org.chasqui.xmpp.jid.Jid;
import org.junit.jupiter.api.Test;

/** The JSON line of each kind of pubsub record, as {@code chasqui events} prints it. */
class EventJsonTest {

    private static final Jid SERVICE = Jid.parse("pubsub.localhost");
    private static final Jid HAMLET = Jid.parse("hamlet@localhost");
    private static final String HEAD = "{\"position\":42,\"service\":\"pubsub.localhost\",\"node\":\"news\",";

    private static String line(PubSubRecord r) {
        return EventJson.of(new EventFeed.Event(42, SERVICE, r)).encode();
    }

    @Test
    void anItemPublishedCarriesItsIdPublisherTimeAndPayloadXml() {
        assertThat(line(new PubSubRecord.ItemPublished("news", new Item("ae890ac52d",
                "<entry xmlns='http://www.w3.org/2005/Atom'>\"quoted\"</entry>", HAMLET, 1_764_000_001_234L))))
                .isEqualTo(HEAD + "\"event\":\"item-published\",\"item\":\"ae890ac52d\",\"publisher\":\"hamlet@localhost\","
                        + "\"time\":\"2025-11-24T16:00:01.234Z\","
                        + "\"payload\":\"<entry xmlns='http://www.w3.org/2005/Atom'>\\\"quoted\\\"</entry>\"}");
        assertThat(new JsonObject(line(new PubSubRecord.ItemPublished("news", new Item("n", (String) null, HAMLET, 0))))
                .getValue("payload")).as("a notification-only item").isNull();
    }

    @Test
    void removalsPurgesDeletionsAndUnsubscriptions() {
        assertThat(line(new PubSubRecord.ItemsRemoved("news", List.of("1", "2"))))
                .isEqualTo(HEAD + "\"event\":\"items-removed\",\"items\":[\"1\",\"2\"]}");
        assertThat(line(new PubSubRecord.NodePurged("news"))).isEqualTo(HEAD + "\"event\":\"node-purged\"}");
        assertThat(line(new PubSubRecord.NodeDeleted("news"))).isEqualTo(HEAD + "\"event\":\"node-deleted\"}");
        assertThat(line(new PubSubRecord.SubscriptionRemoved("news", "sub1")))
                .isEqualTo(HEAD + "\"event\":\"unsubscribed\",\"subid\":\"sub1\"}");
        assertThat(line(new PubSubRecord.AffiliationSet("news", Jid.parse("bernardo@localhost"), Affiliation.NONE)))
                .isEqualTo(HEAD + "\"event\":\"affiliation\",\"jid\":\"bernardo@localhost\",\"affiliation\":\"none\"}");
    }

    @Test
    void aSubscriptionCarriesItsStateAndOptions() {
        SubscriptionOptions options = new SubscriptionOptions(false, true, 3_600_000, -1, true, Set.of("dnd", "chat"),
                "nodes", 0);
        assertThat(line(new PubSubRecord.SubscriptionSaved("news",
                new Subscription("sub1", Jid.parse("francisco@localhost/barracks"), SubscriptionState.PENDING, options))))
                .isEqualTo(HEAD + "\"event\":\"subscription\",\"subid\":\"sub1\",\"jid\":\"francisco@localhost/barracks\","
                        + "\"state\":\"pending\",\"options\":{\"deliver\":false,\"digest\":true,"
                        + "\"digest_frequency\":3600000,\"expire\":\"presence\",\"include_body\":true,"
                        + "\"show-values\":[\"chat\",\"dnd\"],\"subscription_type\":\"nodes\",\"subscription_depth\":\"all\"}}");
        JsonObject leased = new JsonObject(line(new PubSubRecord.SubscriptionSaved("news", new Subscription("s2",
                HAMLET, SubscriptionState.SUBSCRIBED, new SubscriptionOptions(true, false, 0, 1_764_000_000_000L, false,
                Set.of(), "items", 1)))));
        assertThat(leased.getJsonObject("options").getString("expire")).isEqualTo("2025-11-24T16:00:00Z");
    }

    @Test
    void aNodeCreatedOrConfiguredCarriesItsConfigurationAsFormFields() {
        NodeConfig config = NodeDefaults.leaf(ServiceLimits.DEFAULTS).toBuilder().maxItems(77).build();
        JsonObject created = new JsonObject(line(new PubSubRecord.NodeCreated("news", config, HAMLET, 1_764_000_000_000L)));
        assertThat(created.getString("event")).isEqualTo("node-created");
        assertThat(created.getString("creator")).isEqualTo("hamlet@localhost");
        assertThat(created.getString("time")).isEqualTo("2025-11-24T16:00:00Z");
        assertThat(created.getJsonObject("config").getJsonArray("pubsub#max_items").getList()).containsExactly("77");
        JsonObject configured = new JsonObject(line(new PubSubRecord.NodeConfigured("news", config)));
        assertThat(configured.getString("event")).isEqualTo("node-configured");
        assertThat(configured.getJsonObject("config")).isEqualTo(created.getJsonObject("config"));
    }
}
