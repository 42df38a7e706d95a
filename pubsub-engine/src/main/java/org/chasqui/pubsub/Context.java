package org.chasqui.pubsub;

import java.time.InstantSource;
import java.util.function.Supplier;
import org.chasqui.xmpp.jid.Jid;

/** What every operation of one service shares: its address, state, limits, defaults, clock and ids. */
record Context(Jid service, ServiceState state, ServiceLimits limits, NodeConfig leafDefaults,
               InstantSource clock, Supplier<String> ids) {

    long now() {
        return clock.millis();
    }

    NodeConfig defaults(NodeType type) {
        return type == NodeType.COLLECTION
                ? leafDefaults.toBuilder().nodeType(NodeType.COLLECTION).build()
                : leafDefaults;
    }
}
