package org.chasqui.broker.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.chasqui.persistence.pubsub.EventFeed;
import org.chasqui.pubsub.NodeConfig;
import org.chasqui.pubsub.NodeConfigFields;
import org.chasqui.pubsub.PubSubRecord;
import org.chasqui.pubsub.PubSubRecord.AffiliationSet;
import org.chasqui.pubsub.PubSubRecord.ItemPublished;
import org.chasqui.pubsub.PubSubRecord.ItemsRemoved;
import org.chasqui.pubsub.PubSubRecord.NodeConfigured;
import org.chasqui.pubsub.PubSubRecord.NodeCreated;
import org.chasqui.pubsub.PubSubRecord.NodeDeleted;
import org.chasqui.pubsub.PubSubRecord.NodePurged;
import org.chasqui.pubsub.PubSubRecord.SubscriptionRemoved;
import org.chasqui.pubsub.PubSubRecord.SubscriptionSaved;
import org.chasqui.pubsub.SubscriptionOptions;

/**
 * One journaled pubsub event as the JSON object {@code chasqui events} prints on a line:
 * {@code position}, {@code service}, {@code node}, {@code event} (the kind), then the kind's fields.
 * Times are ISO-8601 instants in UTC. The kinds and their fields:
 * <pre>
 *   node-created     creator, time, config {var: [values]}   (the pubsub#node_config fields)
 *   node-configured  config
 *   node-deleted, node-purged
 *   item-published   item, publisher, time, payload (the item's XML; null for a notification-only item)
 *   items-removed    items [ids]   (retracted, expired, or pushed out by pubsub#max_items)
 *   affiliation      jid, affiliation ("none" removes it)
 *   subscription     subid, jid, state, options {deliver, digest, digest_frequency, expire,
 *                    include_body, show-values, subscription_type, subscription_depth}
 *   unsubscribed     subid
 * </pre>
 */
final class EventJson {

    private EventJson() {
    }

    static JsonObject of(EventFeed.Event event) {
        PubSubRecord r = event.record();
        JsonObject json = new JsonObject()
                .put("position", event.position())
                .put("service", event.service().toString())
                .put("node", r.node());
        if (r instanceof NodeCreated c) {
            json.put("event", "node-created").put("creator", c.creator().toString()).put("time", time(c.atMillis()))
                    .put("config", config(c.config()));
        } else if (r instanceof NodeConfigured c) {
            json.put("event", "node-configured").put("config", config(c.config()));
        } else if (r instanceof NodeDeleted) {
            json.put("event", "node-deleted");
        } else if (r instanceof NodePurged) {
            json.put("event", "node-purged");
        } else if (r instanceof ItemPublished p) {
            json.put("event", "item-published").put("item", p.item().id())
                    .put("publisher", p.item().publisher().toString()).put("time", time(p.item().publishedAtMillis()))
                    .put("payload", p.item().payloadXml());
        } else if (r instanceof ItemsRemoved x) {
            json.put("event", "items-removed").put("items", new JsonArray(x.itemIds()));
        } else if (r instanceof AffiliationSet a) {
            json.put("event", "affiliation").put("jid", a.jid().toString()).put("affiliation", a.affiliation().wire());
        } else if (r instanceof SubscriptionSaved s) {
            json.put("event", "subscription").put("subid", s.subscription().subId())
                    .put("jid", s.subscription().jid().toString()).put("state", s.subscription().state().wire())
                    .put("options", options(s.subscription().options()));
        } else if (r instanceof SubscriptionRemoved s) {
            json.put("event", "unsubscribed").put("subid", s.subId());
        } else {
            throw new IllegalArgumentException("no JSON form for " + r);
        }
        return json;
    }

    private static String time(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    private static JsonObject config(NodeConfig config) {
        JsonObject fields = new JsonObject();
        NodeConfigFields.of(config).forEach((var, values) -> fields.put(var, new JsonArray(values)));
        return fields;
    }

    /** XEP-0060 §6.3 subscribe_options, by their field names without {@code pubsub#}. */
    private static JsonObject options(SubscriptionOptions o) {
        Object expire = o.expireAtMillis() == 0 ? null : o.expireAtMillis() < 0 ? "presence" : time(o.expireAtMillis());
        return new JsonObject()
                .put("deliver", o.deliver())
                .put("digest", o.digest())
                .put("digest_frequency", o.digestFrequency())
                .put("expire", expire)
                .put("include_body", o.includeBody())
                .put("show-values", new JsonArray(o.showValues().stream().sorted().toList()))
                .put("subscription_type", o.subscriptionType())
                .put("subscription_depth", o.depth() == 0 ? "all" : String.valueOf(o.depth()));
    }
}
