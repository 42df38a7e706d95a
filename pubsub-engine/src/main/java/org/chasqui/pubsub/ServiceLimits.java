package org.chasqui.pubsub;

/**
 * Limits of one pubsub service; exceeding one is an XEP-0060 error, never a crash.
 *
 * @param maxItemsPerNode       the largest {@code pubsub#max_items}, and what "max" means
 * @param maxPayloadBytes       the largest item payload (serialized XML bytes)
 * @param maxNodesPerOwner      nodes one entity may create (beyond: not-allowed + max-nodes-exceeded)
 * @param maxSubscriptionsPerNode subscriptions on one node (beyond: policy-violation + too-many-subscriptions, XEP-0060 §6.1.3.9)
 * @param maxSubscriptionsPerJid subscriptions one JID may hold on one node (multi-subscribe)
 */
public record ServiceLimits(int maxItemsPerNode, int maxPayloadBytes, int maxNodesPerOwner,
                            int maxSubscriptionsPerNode, int maxSubscriptionsPerJid) {

    public static final ServiceLimits DEFAULTS = new ServiceLimits(1000, 262_144, 1000, 100_000, 16);

    public ServiceLimits {
        if (maxItemsPerNode < 1 || maxPayloadBytes < 1 || maxNodesPerOwner < 1 || maxSubscriptionsPerNode < 1
                || maxSubscriptionsPerJid < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
