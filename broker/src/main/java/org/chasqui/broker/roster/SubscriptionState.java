package org.chasqui.broker.roster;

import org.chasqui.persistence.users.Subscription;

/**
 * What a user's server knows about one contact (RFC 6121 Appendix A): the subscription, an outgoing
 * request awaiting an answer ("pending out", {@code ask='subscribe'}), an incoming request awaiting
 * the user's answer ("pending in", kept outside the roster item), a pre-approval (§3.4), and whether
 * there is a roster item at all.
 */
public record SubscriptionState(boolean inRoster, Subscription subscription, boolean pendingOut,
                                boolean pendingIn, boolean approved) {

    /** No item and no pending request: "None" of Appendix A without an item. */
    public static final SubscriptionState NOTHING = new SubscriptionState(false, Subscription.NONE, false, false, false);

    SubscriptionState withSubscription(Subscription s) {
        return new SubscriptionState(true, s, pendingOut, pendingIn, approved);
    }

    SubscriptionState withPendingOut(boolean p) {
        return new SubscriptionState(inRoster || p, subscription, p, pendingIn, approved);
    }

    SubscriptionState withPendingIn(boolean p) {
        return new SubscriptionState(inRoster, subscription, pendingOut, p, approved);
    }

    SubscriptionState withApproved(boolean a) {
        return new SubscriptionState(inRoster || a, subscription, pendingOut, pendingIn, a);
    }

    /** The roster item as a client sees it changed (a roster push is due). */
    boolean itemDiffers(SubscriptionState other) {
        return inRoster != other.inRoster || subscription != other.subscription
                || pendingOut != other.pendingOut || approved != other.approved;
    }
}
