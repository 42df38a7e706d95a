package org.chasqui.pubsub;

import java.util.ArrayList;
import java.util.List;
import org.chasqui.pubsub.Command.Authorize;
import org.chasqui.pubsub.Command.GetNodeSubscriptions;
import org.chasqui.pubsub.Command.GetPending;
import org.chasqui.pubsub.Command.SetNodeSubscriptions;
import org.chasqui.pubsub.Command.SubscriptionChange;
import org.chasqui.pubsub.PubSubRecord.SubscriptionRemoved;
import org.chasqui.pubsub.PubSubRecord.SubscriptionSaved;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;

/** XEP-0060 §8.6 to §8.8: an owner approves requests and manages the node's subscriptions. */
final class SubscriptionAdmin {

    private final Context ctx;

    SubscriptionAdmin(Context ctx) {
        this.ctx = ctx;
    }

    /** §8.8.1.2: the subscribed and unconfigured subscriptions; pending ones are for §8.6 / §8.7 (SHOULD NOT list). */
    Outcome subscriptions(GetNodeSubscriptions c) {
        Node node = ctx.state().node(c.node());
        PubSubError e = OwnerOps.ownerCheck(node, c.actor(), c.node());
        if (e != null) {
            return Outcome.fail(e);
        }
        List<Reply.NodeSubscription> out = new ArrayList<>();
        for (Subscription s : node.subscriptions.values()) {
            if (s.state() != SubscriptionState.PENDING) {
                out.add(new Reply.NodeSubscription(node.id(), s));
            }
        }
        return Outcome.ok(new Reply.Subscriptions(node.id(), out));
    }

    /**
     * §8.8.2: each change applies on its own; a change naming an unknown SubID fails and is returned
     * (§8.8.2.4); the subscriber hears of its new state (§8.8.4).
     */
    Outcome setSubscriptions(SetNodeSubscriptions c) {
        Node node = ctx.state().node(c.node());
        PubSubError e = OwnerOps.ownerCheck(node, c.actor(), c.node());
        if (e != null) {
            return Outcome.fail(e);
        }
        Changes changes = new Changes(ctx.state());
        List<Reply.NodeSubscription> failed = new ArrayList<>();
        for (SubscriptionChange change : c.changes()) {
            Subscription current = SubscriptionOps.find(node, change.jid(), change.subId());
            if (change.subId() != null && current == null) {
                failed.add(new Reply.NodeSubscription(node.id(),
                        new Subscription(change.subId(), change.jid(), SubscriptionState.NONE, SubscriptionOptions.DEFAULTS)));
                continue;
            }
            if (change.state() == SubscriptionState.NONE) {
                if (current != null) {
                    changes.record(new SubscriptionRemoved(node.id(), current.subId()));
                }
            } else {
                Subscription next = current != null ? current.withState(change.state())
                        : new Subscription(ctx.ids().get(), change.jid(), change.state(), SubscriptionOptions.DEFAULTS);
                changes.record(new SubscriptionSaved(node.id(), next));
            }
            changes.notify(new Notification.SubscriptionChanged(node.id(), change.jid(), change.state(),
                            current == null ? null : current.subId()),
                    List.of(new Notification.Recipient(change.jid(), List.of(), null)), NotificationType.NORMAL);
        }
        if (!failed.isEmpty()) {
            return Outcome.partial(PubSubError.of(StanzaErrorCondition.NOT_ACCEPTABLE),
                    new Reply.Subscriptions(node.id(), failed), changes.records, changes.notifications);
        }
        return changes.ok(new Reply.Done());
    }

    /** §8.6: the owner's answer to a pending request; the subscriber is told (§8.6 "notification of approval/denial"). */
    Outcome authorize(Authorize c) {
        Node node = ctx.state().node(c.node());
        PubSubError e = OwnerOps.ownerCheck(node, c.actor(), c.node());
        if (e != null) {
            return Outcome.fail(e);
        }
        Subscription s = SubscriptionOps.find(node, c.jid(), c.subId());
        if (s == null || s.state() != SubscriptionState.PENDING) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.UNEXPECTED_REQUEST, PubSubCondition.NOT_SUBSCRIBED));
        }
        Changes changes = new Changes(ctx.state());
        if (c.allow()) {
            approve(node, s, changes);
        } else {
            deny(node, s, changes);
        }
        return changes.ok(new Reply.Done());
    }

    /**
     * §8.6: the subscription is approved; the subscriber hears of it (§12.14), so do the owners when
     * the node notifies subscriptions (pubsub#notify_sub: a new subscriber), and the last item follows
     * (§6.1.7 / §12.10: on approval by an owner).
     */
    static void approve(Node node, Subscription pending, Changes changes) {
        Subscription approved = pending.withState(SubscriptionState.SUBSCRIBED);
        changes.record(new SubscriptionSaved(node.id(), approved));
        Notification.SubscriptionChanged event = new Notification.SubscriptionChanged(node.id(), approved.jid(),
                SubscriptionState.SUBSCRIBED, approved.subId());
        changes.notify(event, List.of(new Notification.Recipient(approved.jid(), List.of(approved.subId()), null)),
                NotificationType.NORMAL);
        if (node.config().notifySub()) {
            changes.notify(event, SubscriberOps.owners(node), node.config().notificationType());
        }
        SubscriberOps.lastItem(node, approved, changes);
    }

    /** §8.6 denial, or any cancellation by the service (§12.14): the subscription ends and its subscriber hears of it. */
    static void deny(Node node, Subscription s, Changes changes) {
        changes.record(new SubscriptionRemoved(node.id(), s.subId()));
        changes.notify(new Notification.SubscriptionChanged(node.id(), s.jid(), SubscriptionState.NONE, s.subId()),
                List.of(new Notification.Recipient(s.jid(), List.of(s.subId()), null)), NotificationType.NORMAL);
    }

    /**
     * §8.7: the pending requests, one authorization request per pending subscription, to the asking
     * owner (§8.7.4); without a node, the nodes the actor owns (§8.7.2), and forbidden if it owns none
     * (§8.7.3.3: it may approve no subscription requests).
     */
    Outcome pending(GetPending c) {
        if (c.node() == null) {
            List<String> owned = new ArrayList<>();
            for (Node n : ctx.state().nodes.values()) {
                if (n.affiliation(c.actor()) == Affiliation.OWNER) {
                    owned.add(n.id());
                }
            }
            return owned.isEmpty() ? Outcome.fail(PubSubError.of(StanzaErrorCondition.FORBIDDEN))
                    : Outcome.ok(new Reply.PendingNodes(owned));
        }
        Node node = ctx.state().node(c.node());
        PubSubError e = OwnerOps.ownerCheck(node, c.actor(), c.node());
        if (e != null) {
            return Outcome.fail(e);
        }
        Changes changes = new Changes(ctx.state());
        for (Subscription s : node.subscriptions.values()) {
            if (s.state() == SubscriptionState.PENDING) {
                changes.notify(new Notification.AuthorizationRequest(node.id(), s.jid(), s.subId()),
                        List.of(new Notification.Recipient(c.actor(), List.of(), null)), NotificationType.NORMAL);
            }
        }
        return changes.ok(new Reply.Done());
    }
}
