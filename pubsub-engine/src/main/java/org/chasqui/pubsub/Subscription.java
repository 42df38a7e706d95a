package org.chasqui.pubsub;

import java.util.Objects;
import org.chasqui.xmpp.jid.Jid;

/** One subscription to a node (XEP-0060 §6.1): its SubID, the subscribed JID (bare or full), state, options. */
public record Subscription(String subId, Jid jid, SubscriptionState state, SubscriptionOptions options) {

    public Subscription {
        Objects.requireNonNull(subId, "subId");
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(options, "options");
    }

    public Subscription withState(SubscriptionState s) {
        return new Subscription(subId, jid, s, options);
    }

    public Subscription withOptions(SubscriptionOptions o) {
        return new Subscription(subId, jid, state, o);
    }
}
