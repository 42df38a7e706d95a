package org.chasqui.broker.pep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.chasqui.broker.caps.Caps;
import org.chasqui.broker.presence.PresenceListener;
import org.chasqui.broker.pubsub.NotificationSender;
import org.chasqui.broker.pubsub.PubSubServices;
import org.chasqui.broker.routing.LocalSession;
import org.chasqui.broker.users.RosterView;
import org.chasqui.pubsub.Item;
import org.chasqui.pubsub.Notification;
import org.chasqui.pubsub.Outcome;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.xml.Element;

/**
 * XEP-0163 §4.3.4: when a resource becomes available, or first advertises interest in a node through
 * its capabilities, it receives the last item of each PEP node it may see and wants — of its own
 * account and of every contact whose presence it receives — exactly once per presence session: a later
 * presence update sends nothing again, only nodes newly of interest.
 *
 * <p>An item reaches a resource either as the publish's notification (its interest was known when the
 * service's shard ran the publish) or as a last item (its interest became known later): a publish marks
 * the items its notifications carry to each resource on the service's shard before anything else runs
 * there, so a last-item look-up queued behind it (the caps answer raced the publish) does not send the
 * same item again, and one queued before it sends the older item, not the new one.
 */
public final class PepPresence implements PresenceListener {

    private final Caps caps;
    private final PubSubServices services;
    private final RosterView rosters;
    private final NotificationSender sender;
    private final String domain;
    /**
     * Per available resource, the items it already got as "last item" (service, node, item id, time):
     * the same item is never sent twice in a presence session, a newer one is.
     */
    private final Map<Jid, Set<String>> sent = new ConcurrentHashMap<>();

    /** The general service (pubsub.domain) whose on_sub_and_presence nodes also send on presence, or null. */
    private final Jid generalService;

    public PepPresence(Caps caps, PubSubServices services, RosterView rosters, NotificationSender sender, String domain,
                       Jid generalService) {
        this.generalService = generalService;
        this.caps = caps;
        this.services = services;
        this.rosters = rosters;
        this.sender = sender;
        this.domain = domain;
        caps.onResolved(this::interestsKnown);
        services.onHandled(this::notified);
    }

    @Override
    public void available(LocalSession session, Element presence, boolean initial) {
        Jid full = session.jid();
        if (initial) {
            sent.put(full, ConcurrentHashMap.newKeySet());
        }
        caps.presence(full, presence);
        if (initial) {
            lastItems(full);
        }
    }

    @Override
    public void unavailable(LocalSession session) {
        sent.remove(session.jid());
        caps.gone(session.jid());
    }

    /** The resource's capabilities became known or changed: nodes it now wants may owe it a last item. */
    private void interestsKnown(Jid full) {
        if (sent.containsKey(full)) {
            lastItems(full);
        }
    }

    /**
     * A command ran on {@code service}'s shard: the newest item each notification of a PEP service
     * carries to a resource counts as sent to it (the last item is what {@link #lastItems} would send).
     * Runs on that shard, like every look-up of that service's keys.
     */
    private void notified(Jid service, Outcome outcome) {
        if (service.localpart() == null || outcome.notifications().isEmpty()) {
            return; // only PEP: the general service's recipients are mostly bare JIDs
        }
        for (Notification n : outcome.notifications()) {
            if (!(n.event() instanceof Notification.ItemsPublished p) || p.items().isEmpty()) {
                continue;
            }
            String key = null;
            for (Notification.Recipient r : n.recipients()) {
                Set<String> already = r.jid().hasResource() ? sent.get(r.jid()) : null;
                if (already != null) {
                    if (key == null) {
                        key = key(service, p.node(), p.items().get(p.items().size() - 1));
                    }
                    already.add(key);
                }
            }
        }
    }

    private static String key(Jid account, Notification n) {
        Notification.ItemsPublished p = (Notification.ItemsPublished) n.event(); // lastItemsFor: one item each
        return key(account, p.node(), p.items().get(p.items().size() - 1));
    }

    private static String key(Jid account, String node, Item item) {
        return account + " " + node + " " + item.id() + " " + item.publishedAtMillis();
    }

    private void lastItems(Jid full) {
        List<Jid> accounts = new ArrayList<>();
        accounts.add(full.bare());
        if (generalService != null) {
            accounts.add(generalService); // XEP-0060 on_sub_and_presence: its explicit subscribers too
        }
        rosters.roster(full.localpart()).forEach((contact, item) -> {
            if (item.subscription().hasTo() && contact.domainpart().equals(domain) && contact.localpart() != null) {
                accounts.add(contact);
            }
        });
        for (Jid account : accounts) {
            services.readIfExists(account, service -> {
                Set<String> already = sent.get(full);
                if (already == null) {
                    return; // gone meanwhile
                }
                List<Notification> fresh = new ArrayList<>();
                for (Notification n : service.lastItemsFor(full, services.facts())) {
                    if (already.add(key(account, n))) {
                        fresh.add(n);
                    }
                }
                if (!fresh.isEmpty()) {
                    // a last item published an instant ago may still be on its way to the journal
                    services.afterJournaled(account, () -> sender.send(account, fresh));
                }
            });
        }
    }
}
