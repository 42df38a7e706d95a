package org.chasqui.pubsub;

import java.util.Objects;
import java.util.function.Predicate;
import org.chasqui.xmpp.jid.Jid;

/**
 * How one kind of service behaves, as data: the configuration of new nodes, whether publishing creates
 * missing nodes (XEP-0060 §7.1.4), who may create nodes, and whether it is a personal (PEP) service,
 * whose contacts with a presence subscription are implicit subscribers filtered by their capabilities
 * (XEP-0163 §4).
 */
public record ServicePolicy(NodeConfig defaults, boolean autoCreate, Predicate<Jid> mayCreate, boolean personal) {

    public ServicePolicy {
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(mayCreate, "mayCreate");
    }

    /** A general service (pubsub.domain) where {@code mayCreate} entities create nodes. */
    public static ServicePolicy service(ServiceLimits limits, Predicate<Jid> mayCreate) {
        return new ServicePolicy(NodeDefaults.leaf(limits), true, mayCreate, false);
    }

    /** XEP-0163 §5: the PEP service of the account {@code owner}; only the owner creates nodes. */
    public static ServicePolicy pep(ServiceLimits limits, Jid owner) {
        Jid bare = owner.bare();
        return new ServicePolicy(NodeDefaults.pep(limits), true, actor -> actor.bare().equals(bare), true);
    }
}
