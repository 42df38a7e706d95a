package org.chasqui.broker.config;

import org.chasqui.pubsub.ServiceLimits;

/**
 * The XEP-0060 service (the {@code pubsub} section).
 *
 * @param subdomain               the service's address is {@code <subdomain>.<domain>}; empty disables it
 * @param maxItemsPerNode         the largest {@code pubsub#max_items} (what "max" means)
 * @param maxPayloadBytes         the largest item payload, in bytes of XML
 * @param maxNodesPerOwner        nodes one account may create
 * @param maxSubscriptionsPerNode subscriptions on one node
 */
public record PubSubConfig(String subdomain, int maxItemsPerNode, int maxPayloadBytes, int maxNodesPerOwner,
                           int maxSubscriptionsPerNode) {

    public static final String DEFAULT_SUBDOMAIN = "pubsub";
    public static final int DEFAULT_MAX_ITEMS_PER_NODE = 1000;
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 262_144;
    public static final int DEFAULT_MAX_NODES_PER_OWNER = 1000;
    public static final int DEFAULT_MAX_SUBSCRIPTIONS_PER_NODE = 100_000;

    public static final IntRange MAX_ITEMS_PER_NODE_RANGE = new IntRange(1, 1_000_000);
    /** At most 2 MiB, as {@code limits.max_stanza_bytes} (LimitsConfig): an item is one journal record. */
    public static final IntRange MAX_PAYLOAD_BYTES_RANGE = new IntRange(256, 2_097_152);
    public static final IntRange MAX_NODES_PER_OWNER_RANGE = new IntRange(1, 1_000_000);
    public static final IntRange MAX_SUBSCRIPTIONS_PER_NODE_RANGE = new IntRange(1, 10_000_000);

    /** Subscriptions one JID may hold on one node (XEP-0060 §6.1.6 multi-subscribe). */
    public static final int MAX_SUBSCRIPTIONS_PER_JID = 16;

    public static final PubSubConfig DEFAULTS = new PubSubConfig(DEFAULT_SUBDOMAIN, DEFAULT_MAX_ITEMS_PER_NODE,
            DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_NODES_PER_OWNER, DEFAULT_MAX_SUBSCRIPTIONS_PER_NODE);

    public PubSubConfig {
        if (subdomain == null || !(subdomain.isEmpty() || subdomain.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"))) {
            throw ConfigException.invalid("pubsub.subdomain", "must be one DNS label (letters, digits, inner hyphens) or empty", subdomain);
        }
        MAX_ITEMS_PER_NODE_RANGE.check("pubsub.max_items_per_node", maxItemsPerNode);
        MAX_PAYLOAD_BYTES_RANGE.check("pubsub.max_payload_bytes", maxPayloadBytes);
        MAX_NODES_PER_OWNER_RANGE.check("pubsub.max_nodes_per_owner", maxNodesPerOwner);
        MAX_SUBSCRIPTIONS_PER_NODE_RANGE.check("pubsub.max_subscriptions_per_node", maxSubscriptionsPerNode);
    }

    public boolean enabled() {
        return !subdomain.isEmpty();
    }

    public ServiceLimits limits() {
        return new ServiceLimits(maxItemsPerNode, maxPayloadBytes, maxNodesPerOwner, maxSubscriptionsPerNode,
                MAX_SUBSCRIPTIONS_PER_JID);
    }

    public PubSubConfig withSubdomain(String value) {
        return new PubSubConfig(value, maxItemsPerNode, maxPayloadBytes, maxNodesPerOwner, maxSubscriptionsPerNode);
    }

    public PubSubConfig withMaxItemsPerNode(int value) {
        return new PubSubConfig(subdomain, value, maxPayloadBytes, maxNodesPerOwner, maxSubscriptionsPerNode);
    }
}
