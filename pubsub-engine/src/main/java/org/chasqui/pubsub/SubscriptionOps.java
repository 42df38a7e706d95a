package org.chasqui.pubsub;

import org.chasqui.xmpp.jid.Jid;

/** Finding a subscription by SubID or, without one, the only subscription of a JID. */
final class SubscriptionOps {

    private SubscriptionOps() {
    }

    static Subscription find(Node node, Jid jid, String subId) {
        if (subId != null) {
            Subscription s = node.subscriptions.get(subId);
            return s != null && s.jid().equals(jid) ? s : null;
        }
        return SubscriberOps.pick(node, jid, null);
    }
}
