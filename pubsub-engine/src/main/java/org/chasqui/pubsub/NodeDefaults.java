package org.chasqui.pubsub;

import java.util.List;

/** The default configurations (XEP-0060 §8.3 "Request Default Node Configuration Options"), as data. */
public final class NodeDefaults {

    private NodeDefaults() {
    }

    /** A leaf node of a pubsub service (pubsub.domain): open, publishers publish, items kept. */
    public static NodeConfig leaf(ServiceLimits limits) {
        return new NodeConfig(NodeType.LEAF, null, null, null, null, List.of(),
                AccessModel.OPEN, PublishModel.PUBLISHERS, List.of(),
                Math.min(10, limits.maxItemsPerNode()), 0, true, true, true,
                false, true, true, false, NotificationType.HEADLINE,
                false, false, SendLastPublished.NEVER, limits.maxPayloadBytes(), true, false,
                "retract-oldest", "publisher", null, null, List.of(), "owners", List.of(), 0);
    }

    /** A collection node (XEP-0248): no items, same access rules. */
    public static NodeConfig collection(ServiceLimits limits) {
        return leaf(limits).toBuilder().nodeType(NodeType.COLLECTION).build();
    }

    /**
     * A PEP node (XEP-0163 §5 "Recommended Defaults"): presence access model, the last item sent on
     * subscription and on presence, one item kept.
     */
    public static NodeConfig pep(ServiceLimits limits) {
        return leaf(limits).toBuilder()
                .accessModel(AccessModel.PRESENCE)
                .sendLastPublishedItem(SendLastPublished.ON_SUB_AND_PRESENCE)
                .maxItems(1)
                .build();
    }
}
