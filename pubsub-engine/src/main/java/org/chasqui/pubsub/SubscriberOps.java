package org.chasqui.pubsub;

import java.util.ArrayList;
import java.util.List;
import org.chasqui.pubsub.Command.GetAffiliations;
import org.chasqui.pubsub.Command.GetDefaultOptions;
import org.chasqui.pubsub.Command.GetItems;
import org.chasqui.pubsub.Command.GetOptions;
import org.chasqui.pubsub.Command.GetSubscriptions;
import org.chasqui.pubsub.Command.SetOptions;
import org.chasqui.pubsub.Command.Subscribe;
import org.chasqui.pubsub.Command.Unsubscribe;
import org.chasqui.pubsub.PubSubRecord.SubscriptionRemoved;
import org.chasqui.pubsub.PubSubRecord.SubscriptionSaved;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;

/** XEP-0060 §5.6, §5.7 and §6: subscriptions, their options, and retrieving items. */
final class SubscriberOps {

    private final Context ctx;

    SubscriberOps(Context ctx) {
        this.ctx = ctx;
    }

    /** §6.1: subscribe; §6.1.4 pending on authorize nodes; §6.1.7 the last item on subscription. */
    Outcome subscribe(Subscribe c, Facts facts) {
        Node node = ctx.state().node(c.node());
        if (c.node() == null) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.NODEID_REQUIRED));
        }
        if (c.jid() == null) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.JID_REQUIRED));
        }
        if (!c.jid().bare().equals(c.actor().bare())) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.INVALID_JID)); // §6.1.3.1
        }
        if (node == null) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND)); // §6.1.3.12
        }
        if (!node.config().subscribe()) {
            return Outcome.fail(PubSubError.unsupported("subscribe")); // §6.1.3.10
        }
        PubSubError denied = AccessPolicy.check(node, c.jid(), facts);
        if (denied != null) {
            return Outcome.fail(denied); // §6.1.3.2 to §6.1.3.4, §6.1.3.8
        }
        List<Subscription> existing = node.subscriptionsOf(c.jid());
        if (existing.stream().anyMatch(s -> s.state() == SubscriptionState.PENDING)) {
            // §6.1.3.7: whether or not the new request carries options
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.NOT_AUTHORIZED, PubSubCondition.PENDING_SUBSCRIPTION));
        }
        if (!existing.isEmpty() && c.options() == null) {
            // already subscribed: the same subscription again (§6.1.6 without new options)
            return Outcome.ok(new Reply.Subscribed(node.id(), existing.get(0), false));
        }
        if (existing.size() >= ctx.limits().maxSubscriptionsPerJid()
                || node.subscriptions.size() >= ctx.limits().maxSubscriptionsPerNode()) {
            // §6.1.3.9: policy-violation, not not-allowed
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.POLICY_VIOLATION, PubSubCondition.TOO_MANY_SUBSCRIPTIONS));
        }
        SubscriptionOptions options = SubscriptionOptions.DEFAULTS;
        if (c.options() != null) {
            OptionsForms.Applied applied = OptionsForms.apply(options, c.options());
            if (applied.error() != null) {
                return Outcome.fail(applied.error());
            }
            options = applied.options();
        }
        boolean needsApproval = node.config().accessModel() == AccessModel.AUTHORIZE
                && node.affiliation(c.jid()).compareTo(Affiliation.MEMBER) > 0;
        Subscription s = new Subscription(ctx.ids().get(), c.jid(),
                needsApproval ? SubscriptionState.PENDING : SubscriptionState.SUBSCRIBED, options);
        Changes changes = new Changes(ctx.state());
        changes.record(new SubscriptionSaved(node.id(), s));
        List<Notification.Recipient> owners = owners(node);
        if (needsApproval) {
            changes.notify(new Notification.AuthorizationRequest(node.id(), c.jid(), s.subId()), owners,
                    NotificationType.NORMAL); // §8.6: a message with a form to each owner
        } else {
            if (node.config().notifySub()) {
                changes.notify(new Notification.SubscriptionChanged(node.id(), c.jid(), s.state(), s.subId()), owners,
                        node.config().notificationType());
            }
            lastItem(node, s, changes);
        }
        return changes.ok(new Reply.Subscribed(node.id(), s, false));
    }

    /** §6.1.7: the last published item goes to a new subscriber unless the node says never. */
    static void lastItem(Node node, Subscription s, Changes changes) {
        Item last = node.lastItem();
        if (last != null && node.config().sendLastPublishedItem() != SendLastPublished.NEVER && s.options().deliver()) {
            changes.notify(new Notification.ItemsPublished(node.id(), List.of(last), node.config().deliverPayloads(),
                            node.config().itemsNamePublisher()),
                    List.of(new Notification.Recipient(s.jid(), List.of(s.subId()), null, s.options().includeBody())),
                    node.config().notificationType());
        }
    }

    /** §6.2: unsubscribe. */
    Outcome unsubscribe(Unsubscribe c) {
        Node node = ctx.state().node(c.node());
        if (c.node() == null) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.NODEID_REQUIRED));
        }
        if (c.jid() == null) {
            // §6.2.1: the request names the subscribed JID; bad-request + jid-required as §6.3.4.3 for options
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.JID_REQUIRED));
        }
        if (!c.jid().bare().equals(c.actor().bare())
                && (node == null || node.affiliation(c.actor()) != Affiliation.OWNER)) {
            // §6.2.3.3: only the subscriber (or an owner, as with §8.8) may end a subscription
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        }
        if (node == null) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND)); // §6.2.3.4
        }
        Subscription s = pick(node, c.jid(), c.subId());
        if (s == null) {
            return Outcome.fail(pickError(node, c.jid(), c.subId(), StanzaErrorCondition.UNEXPECTED_REQUEST));
        }
        Changes changes = new Changes(ctx.state());
        changes.record(new SubscriptionRemoved(node.id(), s.subId()));
        if (node.config().notifySub()) {
            changes.notify(new Notification.SubscriptionChanged(node.id(), s.jid(), SubscriptionState.NONE, s.subId()),
                    owners(node), node.config().notificationType());
        }
        return changes.ok(new Reply.Done());
    }

    /** §6.3.2: the options form of a subscription. */
    Outcome options(GetOptions c) {
        Node node = ctx.state().node(c.node());
        PubSubError e = subscriptionAccess(node, c.actor(), c.jid(), c.node());
        if (e != null) {
            return Outcome.fail(e);
        }
        Subscription s = pick(node, c.jid(), c.subId());
        if (s == null) {
            return Outcome.fail(pickError(node, c.jid(), c.subId(), StanzaErrorCondition.UNEXPECTED_REQUEST));
        }
        return Outcome.ok(new Reply.OptionsForm(node.id(), s.jid(), s.subId(), s.options()));
    }

    /** §6.3.5: submit options. */
    Outcome setOptions(SetOptions c) {
        Node node = ctx.state().node(c.node());
        PubSubError e = subscriptionAccess(node, c.actor(), c.jid(), c.node());
        if (e != null) {
            return Outcome.fail(e);
        }
        Subscription s = pick(node, c.jid(), c.subId());
        if (s == null) {
            return Outcome.fail(pickError(node, c.jid(), c.subId(), StanzaErrorCondition.UNEXPECTED_REQUEST));
        }
        OptionsForms.Applied applied = OptionsForms.apply(s.options(), c.options());
        if (applied.error() != null) {
            return Outcome.fail(applied.error());
        }
        Changes changes = new Changes(ctx.state());
        changes.record(new SubscriptionSaved(node.id(), s.withOptions(applied.options())));
        return changes.ok(new Reply.Done());
    }

    /**
     * §6.4: the options a new subscription gets. Every node has the service's defaults, so a node only
     * has to exist (§6.4.1 leaves a missing node open; item-not-found as everywhere else).
     */
    Outcome defaultOptions(GetDefaultOptions c) {
        if (c.node() != null && ctx.state().node(c.node()) == null) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
        }
        return Outcome.ok(new Reply.DefaultOptions(c.node(), SubscriptionOptions.DEFAULTS));
    }

    /** §6.5: retrieve items, all, the newest {@code max_items} (§6.5.7) or by id (§6.5.8). */
    Outcome items(GetItems c, Facts facts) {
        Node node = ctx.state().node(c.node());
        if (c.node() == null) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.NODEID_REQUIRED));
        }
        if (node == null) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND)); // §6.5.9.11
        }
        if (node.isCollection()) {
            return Outcome.fail(PubSubError.unsupported("retrieve-items")); // XEP-0248: items live in leaves
        }
        if (!node.config().persistItems()) {
            return Outcome.fail(PubSubError.unsupported("persistent-items")); // §6.5.9.4
        }
        Affiliation a = node.affiliation(c.actor());
        PubSubError denied = AccessPolicy.check(node, c.actor(), facts);
        if (denied != null) {
            return Outcome.fail(denied); // §6.5.9.6 to §6.5.9.8, §6.5.9.10
        }
        List<Subscription> mine = node.subscriptionsOf(c.actor().bare());
        mine = mine.isEmpty() ? node.subscriptionsOf(c.actor()) : mine;
        if (c.subId() == null && mine.size() > 1) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.SUBID_REQUIRED)); // §6.5.9.1
        }
        if (c.subId() != null && mine.stream().noneMatch(s -> s.subId().equals(c.subId()))) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.NOT_ACCEPTABLE, PubSubCondition.INVALID_SUBID)); // §6.5.9.2
        }
        if (node.config().accessModel() == AccessModel.AUTHORIZE && a.compareTo(Affiliation.MEMBER) > 0
                && mine.stream().noneMatch(s -> s.state() == SubscriptionState.SUBSCRIBED)) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.NOT_AUTHORIZED, PubSubCondition.NOT_SUBSCRIBED)); // §6.5.9.3
        }
        List<Item> live = live(node);
        List<Item> out;
        if (!c.itemIds().isEmpty()) {
            out = new ArrayList<>();
            for (String id : c.itemIds()) {
                live.stream().filter(i -> i.id().equals(id)).findFirst().ifPresent(out::add);
            }
        } else if (c.maxItems() != null) {
            int n = Math.max(0, c.maxItems());
            out = live.subList(Math.max(0, live.size() - n), live.size());
        } else {
            out = live;
        }
        boolean publisher = node.config().itemsNamePublisher();
        if (c.page() == null) {
            return Outcome.ok(new Reply.Items(node.id(), List.copyOf(out), c.subId(), null, publisher));
        }
        ResultSet.Page<Item> page = ResultSet.page(out, c.page(), Item::id); // §6.5.4 with XEP-0059
        return page.error() != null ? Outcome.fail(page.error())
                : Outcome.ok(new Reply.Items(node.id(), page.items(), c.subId(), page.info(), publisher));
    }

    /** Items that have not expired (pubsub#item_expire); expired ones are dropped by the next sweep. */
    List<Item> live(Node node) {
        long expire = node.config().itemExpire();
        if (expire <= 0) {
            return node.items();
        }
        long cutoff = ctx.now() - expire * 1000;
        List<Item> out = new ArrayList<>();
        for (Item i : node.items.values()) {
            if (i.publishedAtMillis() > cutoff) {
                out.add(i);
            }
        }
        return out;
    }

    /** §5.6: the actor's subscriptions (by bare JID: all of the account's, RFC 6120 §10 style). */
    Outcome subscriptions(GetSubscriptions c) {
        List<Reply.NodeSubscription> out = new ArrayList<>();
        for (Node node : ctx.state().nodes.values()) {
            if (c.node() != null && !c.node().equals(node.id())) {
                continue;
            }
            for (Subscription s : node.subscriptions.values()) {
                if (s.jid().bare().equals(c.actor().bare())) {
                    out.add(new Reply.NodeSubscription(node.id(), s));
                }
            }
        }
        if (c.node() != null && ctx.state().node(c.node()) == null) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
        }
        return Outcome.ok(new Reply.Subscriptions(c.node(), out));
    }

    /** §5.7: the actor's affiliations. */
    Outcome affiliations(GetAffiliations c) {
        List<Reply.NodeAffiliation> out = new ArrayList<>();
        for (Node node : ctx.state().nodes.values()) {
            if (c.node() != null && !c.node().equals(node.id())) {
                continue;
            }
            Affiliation a = node.affiliation(c.actor());
            if (a != Affiliation.NONE) {
                out.add(new Reply.NodeAffiliation(node.id(), c.actor().bare(), a));
            }
        }
        if (c.node() != null && ctx.state().node(c.node()) == null) {
            return Outcome.fail(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
        }
        return Outcome.ok(new Reply.Affiliations(c.node(), out));
    }

    /** The one subscription meant: by SubID, or the only one of the JID. */
    static Subscription pick(Node node, Jid jid, String subId) {
        List<Subscription> of = node.subscriptionsOf(jid);
        if (subId != null) {
            return of.stream().filter(s -> s.subId().equals(subId)).findFirst().orElse(null);
        }
        return of.size() == 1 ? of.get(0) : null;
    }

    /** §6.2.3 / §6.3.4: why {@link #pick} found nothing. */
    static PubSubError pickError(Node node, Jid jid, String subId, StanzaErrorCondition notSubscribed) {
        List<Subscription> of = node.subscriptionsOf(jid);
        if (of.isEmpty()) {
            return PubSubError.of(notSubscribed, PubSubCondition.NOT_SUBSCRIBED);
        }
        if (subId == null) {
            return PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.SUBID_REQUIRED);
        }
        return PubSubError.of(StanzaErrorCondition.NOT_ACCEPTABLE, PubSubCondition.INVALID_SUBID);
    }

    /** §6.3.4: the node exists and the actor may see the JID's options. */
    private static PubSubError subscriptionAccess(Node node, Jid actor, Jid jid, String nodeId) {
        if (nodeId == null) {
            return PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.NODEID_REQUIRED);
        }
        if (node == null) {
            return PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND);
        }
        if (jid == null) {
            return PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.JID_REQUIRED);
        }
        if (!jid.bare().equals(actor.bare()) && node.affiliation(actor) != Affiliation.OWNER) {
            return PubSubError.of(StanzaErrorCondition.FORBIDDEN); // §6.3.4.1
        }
        return null;
    }

    static List<Notification.Recipient> owners(Node node) {
        List<Notification.Recipient> out = new ArrayList<>();
        for (Jid owner : node.owners()) {
            out.add(new Notification.Recipient(owner, List.of(), null));
        }
        return out;
    }
}
