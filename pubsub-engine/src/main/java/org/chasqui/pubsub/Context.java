package org.chasqui.pubsub;

import java.time.InstantSource;
import java.util.function.Supplier;
import org.chasqui.xmpp.jid.Jid;

/**
 * What every operation of one service shares: its address, state, limits, defaults, clock, ids and where
 * payloads are kept.
 */
record Context(Jid service, ServiceState state, ServiceLimits limits, NodeConfig leafDefaults,
               InstantSource clock, Supplier<String> ids, ServicePolicy policy, PayloadStore payloads) {

    /** Whether {@code actor} may create a node here (XEP-0060 §8.1.3.1 "not allowed" otherwise). */
    boolean mayCreate(Jid actor) {
        return policy.mayCreate().test(actor);
    }

    long now() {
        return clock.millis();
    }

    NodeConfig defaults(NodeType type) {
        return type == NodeType.COLLECTION
                ? leafDefaults.toBuilder().nodeType(NodeType.COLLECTION).build()
                : leafDefaults;
    }
}
