package org.chasqui.broker.roster;

import org.chasqui.persistence.users.Subscription;

/**
 * The subscription state machine of RFC 6121 §3 and Appendix A, as a pure function: a state and a
 * subscription stanza the user sends (outbound) or receives (inbound) give the next state and what
 * the server must do. No I/O; {@link org.chasqui.broker.presence.PresenceService} carries it out.
 */
public final class SubscriptionRules {

    /** The four subscription stanzas, as sent by the user or received from the contact. */
    public enum Event {
        OUT_SUBSCRIBE, OUT_SUBSCRIBED, OUT_UNSUBSCRIBE, OUT_UNSUBSCRIBED,
        IN_SUBSCRIBE, IN_SUBSCRIBED, IN_UNSUBSCRIBE, IN_UNSUBSCRIBED;

        /** The event for a presence type ("subscribe", ...), or null. */
        public static Event of(String type, boolean outbound) {
            String prefix = outbound ? "OUT_" : "IN_";
            return switch (type == null ? "" : type) {
                case "subscribe", "subscribed", "unsubscribe", "unsubscribed" ->
                        valueOf(prefix + type.toUpperCase(java.util.Locale.ROOT));
                default -> null;
            };
        }
    }

    /**
     * The outcome. {@code route}: forward the (outbound) stanza to the contact. {@code deliver}: hand
     * the (inbound) stanza to the user's available resources. {@code autoReply}: a subscription stanza
     * type the server sends to the contact on the user's behalf, or null. {@code sendPresence}: the
     * current presence of the user's available resources goes to the contact; {@code sendUnavailable}:
     * unavailable presence from each of them does. A roster push is due when {@link #pushDue()}.
     */
    public record Transition(SubscriptionState before, SubscriptionState after, boolean route, boolean deliver,
                             String autoReply, boolean sendPresence, boolean sendUnavailable) {

        public boolean pushDue() {
            return before.itemDiffers(after);
        }

        public boolean changed() {
            return !before.equals(after);
        }
    }

    private SubscriptionRules() {
    }

    public static Transition apply(SubscriptionState s, Event event) {
        Subscription sub = s.subscription();
        return switch (event) {
            // §3.1.2: ask='subscribe' unless the subscription already exists; routed either way, the
            // contact's server answers an existing subscription itself (§3.1.3).
            case OUT_SUBSCRIBE -> new Transition(s, sub.hasTo() ? s : s.withPendingOut(true), true, false, null, false, false);
            // §3.1.5: approving a pending request; §3.4.1: without one, a pre-approval (never routed);
            // an existing 'from' subscription makes it moot.
            case OUT_SUBSCRIBED -> {
                if (s.pendingIn()) {
                    SubscriptionState next = s.withSubscription(sub.withFrom(true)).withPendingIn(false).withApproved(false);
                    yield new Transition(s, next, true, false, null, true, false);
                }
                if (sub.hasFrom()) {
                    yield new Transition(s, s, false, false, null, false, false);
                }
                yield new Transition(s, s.withApproved(true), false, false, null, false, false);
            }
            // §3.3.2: the user cancels its subscription to the contact (and any request of its own).
            case OUT_UNSUBSCRIBE -> new Transition(s, s.inRoster()
                    ? s.withSubscription(sub.withTo(false)).withPendingOut(false) : s, true, false, null, false, false);
            // §3.2.2: the user cancels the contact's subscription, denies a pending request, or
            // withdraws a pre-approval (§3.4.1); the contact no longer sees the user as available.
            case OUT_UNSUBSCRIBED -> {
                if (sub.hasFrom() || s.pendingIn()) {
                    SubscriptionState next = (s.inRoster() ? s.withSubscription(sub.withFrom(false)) : s)
                            .withPendingIn(false).withApproved(false);
                    yield new Transition(s, next, true, false, null, false, sub.hasFrom());
                }
                yield new Transition(s, s.approved() ? s.withApproved(false) : s, false, false, null, false, false);
            }
            // §3.1.3: an existing subscription or a pre-approval is answered by the server; otherwise
            // the request is kept (pending in) and delivered to the user.
            case IN_SUBSCRIBE -> {
                if (sub.hasFrom()) {
                    yield new Transition(s, s, false, false, "subscribed", true, false);
                }
                if (s.approved()) {
                    SubscriptionState next = s.withSubscription(sub.withFrom(true)).withApproved(false);
                    yield new Transition(s, next, false, false, "subscribed", true, false);
                }
                yield new Transition(s, s.withPendingIn(true), false, true, null, false, false);
            }
            // §3.1.6: only an answer to a request the user made counts; anything else is dropped.
            case IN_SUBSCRIBED -> s.pendingOut()
                    ? new Transition(s, s.withSubscription(sub.withTo(true)).withPendingOut(false), false, true, null, false, false)
                    : new Transition(s, s, false, false, null, false, false);
            // §3.3.3: the contact cancels its subscription to the user (or its pending request). The
            // text of §3.3.3 delivers the stanza only when it ends a 'from'/'both' subscription; the
            // table of A.3.3 also delivers it when it withdraws a pending request. We follow A.3.3, so
            // that the user's client can drop the request it is showing (as for 'unsubscribed', where
            // only A.3.4, not the text of §3.2.3, lets a denial reach the requester).
            case IN_UNSUBSCRIBE -> {
                if (sub.hasFrom() || s.pendingIn()) {
                    SubscriptionState next = (s.inRoster() ? s.withSubscription(sub.withFrom(false)) : s).withPendingIn(false);
                    yield new Transition(s, next, false, true, null, false, sub.hasFrom());
                }
                yield new Transition(s, s, false, false, null, false, false);
            }
            // §3.2.3: the contact cancels the user's subscription or denies its request.
            case IN_UNSUBSCRIBED -> (sub.hasTo() || s.pendingOut())
                    ? new Transition(s, s.withSubscription(sub.withTo(false)).withPendingOut(false), false, true, null, false, false)
                    : new Transition(s, s, false, false, null, false, false);
        };
    }
}
