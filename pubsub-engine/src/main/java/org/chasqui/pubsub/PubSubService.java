package org.chasqui.pubsub;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.chasqui.pubsub.Command.Authorize;
import org.chasqui.pubsub.Command.Configure;
import org.chasqui.pubsub.Command.Create;
import org.chasqui.pubsub.Command.Delete;
import org.chasqui.pubsub.Command.GetAffiliations;
import org.chasqui.pubsub.Command.GetConfig;
import org.chasqui.pubsub.Command.GetDefaultConfig;
import org.chasqui.pubsub.Command.GetDefaultOptions;
import org.chasqui.pubsub.Command.GetItems;
import org.chasqui.pubsub.Command.GetNodeAffiliations;
import org.chasqui.pubsub.Command.GetNodeSubscriptions;
import org.chasqui.pubsub.Command.GetOptions;
import org.chasqui.pubsub.Command.GetPending;
import org.chasqui.pubsub.Command.GetSubscriptions;
import org.chasqui.pubsub.Command.Publish;
import org.chasqui.pubsub.Command.Purge;
import org.chasqui.pubsub.Command.Retract;
import org.chasqui.pubsub.Command.SetNodeAffiliations;
import org.chasqui.pubsub.Command.SetNodeSubscriptions;
import org.chasqui.pubsub.Command.SetOptions;
import org.chasqui.pubsub.Command.Subscribe;
import org.chasqui.pubsub.Command.Unsubscribe;
import org.chasqui.pubsub.PubSubRecord.ItemsRemoved;
import org.chasqui.pubsub.PubSubRecord.SubscriptionRemoved;
import org.chasqui.xmpp.jid.Jid;

/**
 * One XEP-0060 publish-subscribe service (pubsub.domain, or an account's PEP service): an I/O-free
 * state machine. {@link #handle} turns a command into an {@link Outcome} (reply or error, the
 * notifications to send, the records to journal) and applies those records to itself; {@link #apply}
 * replays journaled records. Not thread-safe: one owner (a shard) calls it.
 */
public final class PubSubService {

    private final Context ctx;
    private final OwnerOps owner;
    private final PublishOps publisher;
    private final SubscriberOps subscriber;
    private final SubscriptionAdmin admin;

    /**
     * @param service    the service's address
     * @param defaults   the configuration of a new leaf (e.g. {@link NodeDefaults#leaf} or {@link NodeDefaults#pep})
     * @param autoCreate publishing to a missing node creates it (XEP-0060 §7.1.4)
     * @param ids        fresh ids for instant nodes, items and subscriptions (unique, unguessable)
     */
    public PubSubService(Jid service, ServiceLimits limits, NodeConfig defaults, boolean autoCreate,
                         InstantSource clock, Supplier<String> ids) {
        this(service, limits, new ServicePolicy(defaults, autoCreate, actor -> true, false), clock, ids);
    }

    /** A service whose behaviour is given by {@code policy} (e.g. {@link ServicePolicy#pep}), payloads on the heap. */
    public PubSubService(Jid service, ServiceLimits limits, ServicePolicy policy, InstantSource clock, Supplier<String> ids) {
        this(service, limits, policy, clock, ids, PayloadStore.HEAP);
    }

    /** {@link #PubSubService(Jid, ServiceLimits, ServicePolicy, InstantSource, Supplier)} keeping payloads in {@code payloads}. */
    public PubSubService(Jid service, ServiceLimits limits, ServicePolicy policy, InstantSource clock, Supplier<String> ids,
                         PayloadStore payloads) {
        this.ctx = new Context(Objects.requireNonNull(service, "service"), new ServiceState(), limits, policy.defaults(),
                clock, ids, policy, Objects.requireNonNull(payloads, "payloads"));
        Recipients recipients = new Recipients(ctx.state(), policy.personal() ? service : null);
        this.owner = new OwnerOps(ctx, recipients);
        this.publisher = new PublishOps(ctx, recipients, policy.autoCreate());
        this.subscriber = new SubscriberOps(ctx);
        this.admin = new SubscriptionAdmin(ctx);
    }

    public Jid address() {
        return ctx.service();
    }

    /**
     * XEP-0163 §7: on a PEP service the account's bare JID is the root collection: a subscription
     * without a node is to it (node id {@value #ROOT}), and it passes on every node's notifications.
     */
    public static final String ROOT = "";

    /** Carries out a command; {@code facts} answers roster and presence questions. */
    public Outcome handle(Command c, Facts facts) {
        if (ctx.policy().personal() && c instanceof Subscribe s && s.node() == null) {
            return subscribeToRoot(s, facts);
        }
        if (ctx.policy().personal() && c instanceof Unsubscribe u && u.node() == null) {
            return subscriber.unsubscribe(new Unsubscribe(u.actor(), ROOT, u.jid(), u.subId()));
        }
        if (c instanceof Publish p) {
            return publisher.publish(p, facts);
        } else if (c instanceof Retract r) {
            return publisher.retract(r, facts);
        } else if (c instanceof Subscribe s) {
            return subscriber.subscribe(s, facts);
        } else if (c instanceof Unsubscribe u) {
            return subscriber.unsubscribe(u);
        } else if (c instanceof GetItems g) {
            return subscriber.items(g, facts);
        } else if (c instanceof GetOptions g) {
            return subscriber.options(g);
        } else if (c instanceof SetOptions s) {
            return subscriber.setOptions(s);
        } else if (c instanceof GetDefaultOptions d) {
            return subscriber.defaultOptions(d);
        } else if (c instanceof GetSubscriptions g) {
            return subscriber.subscriptions(g);
        } else if (c instanceof GetAffiliations g) {
            return subscriber.affiliations(g);
        } else if (c instanceof Create cr) {
            return owner.create(cr, facts);
        } else if (c instanceof GetConfig g) {
            return owner.getConfig(g);
        } else if (c instanceof Configure cf) {
            return owner.configure(cf, facts);
        } else if (c instanceof GetDefaultConfig d) {
            return Outcome.ok(new Reply.ConfigForm(null, ctx.defaults(d.type() == null ? NodeType.LEAF : d.type())));
        } else if (c instanceof Delete d) {
            return owner.delete(d, facts);
        } else if (c instanceof Purge p) {
            return owner.purge(p, facts);
        } else if (c instanceof GetNodeAffiliations g) {
            return owner.affiliations(g);
        } else if (c instanceof SetNodeAffiliations s) {
            return owner.setAffiliations(s);
        } else if (c instanceof GetNodeSubscriptions g) {
            return admin.subscriptions(g);
        } else if (c instanceof SetNodeSubscriptions s) {
            return admin.setSubscriptions(s);
        } else if (c instanceof Authorize a) {
            return admin.authorize(a);
        } else if (c instanceof GetPending g) {
            return admin.pending(g);
        }
        throw new IllegalArgumentException("unknown command " + c);
    }

    private Outcome subscribeToRoot(Subscribe s, Facts facts) {
        List<PubSubRecord> created = List.of();
        if (ctx.state().node(ROOT) == null) {
            NodeConfig root = ctx.defaults(NodeType.COLLECTION).toBuilder().accessModel(AccessModel.PRESENCE).build();
            PubSubRecord r = new PubSubRecord.NodeCreated(ROOT, root, ctx.service().bare(), ctx.now());
            ctx.state().apply(r);
            created = List.of(r);
        }
        Outcome o = subscriber.subscribe(new Subscribe(s.actor(), ROOT, s.jid(), s.options()), facts);
        if (o.failed()) {
            if (!created.isEmpty()) {
                ctx.state().apply(new PubSubRecord.NodeDeleted(ROOT)); // nothing half done
            }
            return o;
        }
        List<PubSubRecord> records = new ArrayList<>(created);
        records.addAll(o.records());
        return Outcome.ok(o.reply(), o.notifications(), records);
    }

    /** Applies a journaled record (replay at start). */
    public void apply(PubSubRecord r) {
        ctx.state().apply(r);
    }

    /**
     * Drops what time has ended: items older than {@code pubsub#item_expire} and leased subscriptions
     * past {@code pubsub#expire} (XEP-0060 §12.19, §6.3). The records must be journaled like any other.
     */
    public List<PubSubRecord> sweep() {
        long now = ctx.now();
        Changes changes = new Changes(ctx.state());
        for (Node node : List.copyOf(ctx.state().nodes.values())) {
            long expire = node.config().itemExpire();
            if (expire > 0) {
                List<String> old = new ArrayList<>();
                for (Item i : node.items.values()) {
                    if (i.publishedAtMillis() <= now - expire * 1000) {
                        old.add(i.id());
                    }
                }
                if (!old.isEmpty()) {
                    changes.record(new ItemsRemoved(node.id(), old));
                }
            }
            for (Subscription s : List.copyOf(node.subscriptions.values())) {
                long at = s.options().expireAtMillis();
                if (at > 0 && at <= now) {
                    changes.record(new SubscriptionRemoved(node.id(), s.subId()));
                }
            }
        }
        return List.copyOf(changes.records);
    }

    /**
     * XEP-0163 §4.3.4 / XEP-0060 on_sub_and_presence: for a resource that just became available (or
     * just advertised its interests), the last item of each node it may see, wants (its capabilities)
     * and whose configuration sends it on presence; one notification per node, to that resource.
     */
    public List<Notification> lastItemsFor(Jid resource, Facts facts) {
        List<Notification> out = new ArrayList<>();
        Jid service = ctx.service();
        for (Node node : ctx.state().nodes.values()) {
            NodeConfig c = node.config();
            Item last = node.lastItem();
            if (last == null || c.sendLastPublishedItem() != SendLastPublished.ON_SUB_AND_PRESENCE || !c.deliverNotifications()
                    || (ctx.policy().personal() && !facts.wantsNotifications(resource, node.id()))) {
                continue;
            }
            boolean self = resource.bare().equals(service.bare());
            boolean subscribed = self || (ctx.policy().personal() && facts.presenceSubscribed(service, resource.bare()))
                    || !node.subscriptionsOf(resource.bare()).isEmpty() || !node.subscriptionsOf(resource).isEmpty();
            if (!subscribed || (!self && AccessPolicy.check(node, resource.bare(), facts) != null)) {
                continue;
            }
            List<Item> live = subscriber.live(node);
            if (live.isEmpty()) {
                continue;
            }
            out.add(new Notification(new Notification.ItemsPublished(node.id(), List.of(live.get(live.size() - 1)),
                    c.deliverPayloads()), List.of(new Notification.Recipient(resource, List.of(), null)), c.notificationType()));
        }
        return out;
    }

    /** XEP-0060 §4.5: whether {@code entity} may subscribe to or read the node (XEP-0163 §6.2 disco filtering). */
    public boolean mayAccess(Node node, Jid entity, Facts facts) {
        return node.affiliation(entity) == Affiliation.OWNER || AccessPolicy.check(node, entity, facts) == null;
    }

    /**
     * Deletes every node (the account of a PEP service is gone, XEP-0163 / XEP-0077 §3.2); subscribers
     * that asked for it hear of each deletion (pubsub#notify_delete).
     */
    public Outcome deleteAllNodes(Facts facts) {
        Changes changes = new Changes(ctx.state());
        Recipients recipients = new Recipients(ctx.state(), null);
        for (Node node : List.copyOf(ctx.state().nodes.values())) {
            if (node.config().notifyDelete()) {
                changes.notify(new Notification.Deleted(node.id(), null), recipients.forNodeEvents(node, facts, ctx.now()),
                        node.config().notificationType());
            }
            changes.record(new PubSubRecord.NodeDeleted(node.id()));
        }
        return changes.ok(new Reply.Done());
    }

    /**
     * A resource of {@code full}'s account went offline ({@code facts} no longer lists it): temporary
     * subscriptions end (XEP-0060 §6.3 {@code pubsub#expire} = presence, and every subscription of a
     * {@code pubsub#tempsub} node) — a full-JID subscription with that resource, a bare-JID one with the
     * account's last resource — and nodes with {@code pubsub#purge_offline} lose the items that account
     * published once it has no resource left (§16.4.3). The records must be journaled like any other.
     */
    public Outcome resourceUnavailable(Jid full, Facts facts) {
        boolean accountGone = facts.availableResources(full.bare()).isEmpty();
        Changes changes = new Changes(ctx.state());
        for (Node node : List.copyOf(ctx.state().nodes.values())) {
            for (Subscription s : List.copyOf(node.subscriptions.values())) {
                boolean temporary = node.config().tempsub() || s.options().expireAtMillis() == OptionsForms.EXPIRE_ON_PRESENCE;
                boolean ended = s.jid().hasResource() ? s.jid().equals(full) : (accountGone && s.jid().equals(full.bare()));
                if (temporary && ended) {
                    changes.record(new PubSubRecord.SubscriptionRemoved(node.id(), s.subId()));
                }
            }
            if (accountGone && node.config().purgeOffline()) {
                List<String> theirs = new ArrayList<>();
                node.items.values().forEach(i -> {
                    if (i.publisher().equals(full.bare())) {
                        theirs.add(i.id());
                    }
                });
                if (!theirs.isEmpty()) {
                    changes.record(new PubSubRecord.ItemsRemoved(node.id(), theirs));
                }
            }
        }
        return changes.ok(new Reply.Done());
    }

    /** The nodes, in creation order (disco#items, XEP-0060 §5.2). */
    public List<Node> nodes() {
        return List.copyOf(ctx.state().nodes.values());
    }

    /** A node, or null. */
    public Node node(String id) {
        return ctx.state().node(id);
    }

    /** Items of a node that have not expired (disco#items of a node, §5.5). */
    public List<Item> liveItems(Node node) {
        return subscriber.live(node);
    }
}
