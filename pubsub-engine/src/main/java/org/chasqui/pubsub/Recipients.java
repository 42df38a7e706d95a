package org.chasqui.pubsub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chasqui.xmpp.jid.Jid;

/**
 * Who receives a node's item notifications (XEP-0060 §7.1.2, §12): the subscribers in state
 * 'subscribed' with delivery on and no expired lease, still allowed by the access model, filtered by
 * presence where the node or the subscription asks for it (§12.2, {@code pubsub#show-values}), grouped
 * by JID with their SubIDs (§12.3); plus, for XEP-0248, the subscribers of the collections above the node.
 */
final class Recipients {

    private final ServiceState state;
    /** The account of a PEP service (XEP-0163), or null for a general service. */
    private final Jid personalOwner;

    Recipients(ServiceState state, Jid personalOwner) {
        this.state = state;
        this.personalOwner = personalOwner == null ? null : personalOwner.bare();
    }

    /**
     * The recipients of item events; a recipient gets a message body when one of its subscriptions
     * asks for it (pubsub#include_body; §12.8: then all its notifications have one).
     */
    List<Notification.Recipient> forItems(Node node, Facts facts, long now) {
        Map<Jid, List<String>> byJid = new LinkedHashMap<>();
        Map<Jid, String> collectionOf = new LinkedHashMap<>();
        Set<Jid> withBody = new HashSet<>();
        Map<Jid, Long> digest = new HashMap<>();
        collect(node, node, facts, now, "items", 0, byJid, collectionOf, withBody, digest);
        Set<String> seen = new HashSet<>();
        seen.add(node.id());
        ancestors(node, facts, now, 1, seen, byJid, collectionOf, withBody, digest);
        if (personalOwner != null) {
            Node root = state.node(PubSubService.ROOT);
            if (root != null && root != node && seen.add(PubSubService.ROOT)) {
                collect(root, node, facts, now, "items", 1, byJid, collectionOf, withBody, digest); // XEP-0163 §7
                collectionOf.values().removeIf(String::isEmpty); // the root is the service itself: no header
            }
            implicit(node, facts, byJid);
        }
        List<Notification.Recipient> out = new ArrayList<>();
        byJid.forEach((jid, subIds) -> out.add(
                new Notification.Recipient(jid, subIds, collectionOf.get(jid), withBody.contains(jid),
                        digest.getOrDefault(jid, 0L))));
        return out;
    }

    /**
     * XEP-0163 §4: the account's own resources and its contacts with a presence subscription are
     * subscribed implicitly; each of their available resources that advertised "NODE+notify" gets one
     * notification at its full JID, if the access model lets the contact in.
     */
    private void implicit(Node node, Facts facts, Map<Jid, List<String>> byJid) {
        List<Jid> candidates = new ArrayList<>();
        candidates.add(personalOwner);
        candidates.addAll(facts.presenceSubscribers(personalOwner));
        for (Jid contact : candidates) {
            Jid bare = contact.bare();
            if (byJid.containsKey(bare) || (!bare.equals(personalOwner) && AccessPolicy.check(node, bare, facts) != null)) {
                continue; // an explicit bare-JID subscriber is served by its subscription
            }
            for (Jid resource : facts.availableResources(bare).keySet()) {
                if (!byJid.containsKey(resource) && facts.wantsNotifications(resource, node.id())) {
                    byJid.put(resource, List.of());
                }
            }
        }
    }

    /** XEP-0248 §4: "all" covers both the "items" and the "nodes" events. */
    private static boolean wants(String subscriptionType, String eventType) {
        return subscriptionType.equals(eventType) || subscriptionType.equals("all");
    }

    /**
     * XEP-0248 §4 "nodes" events (a node associated with or dissociated from {@code collection}): its
     * subscribers whose subscription type is "nodes" or "all".
     */
    List<Notification.Recipient> forNodesEvent(Node collection, Facts facts, long now) {
        Map<Jid, List<String>> byJid = new LinkedHashMap<>();
        for (Subscription s : collection.subscriptions.values()) {
            SubscriptionOptions o = s.options();
            if (s.state() == SubscriptionState.SUBSCRIBED && o.deliver() && wants(o.subscriptionType(), "nodes")
                    && !(o.expireAtMillis() > 0 && o.expireAtMillis() <= now) && stillAllowed(collection, s.jid(), facts)) {
                byJid.computeIfAbsent(s.jid(), j -> new ArrayList<>()).add(s.subId());
            }
        }
        List<Notification.Recipient> out = new ArrayList<>();
        byJid.forEach((jid, subIds) -> out.add(new Notification.Recipient(jid, subIds, null)));
        return out;
    }

    /** Subscribers for node-level events (configuration, deletion, purge): every subscribed JID. */
    List<Notification.Recipient> forNodeEvents(Node node, Facts facts, long now) {
        Map<Jid, List<String>> byJid = new LinkedHashMap<>();
        collect(node, node, facts, now, null, 0, byJid, new LinkedHashMap<>(), new HashSet<>(), new HashMap<>());
        List<Notification.Recipient> out = new ArrayList<>();
        byJid.forEach((jid, subIds) -> out.add(new Notification.Recipient(jid, subIds, null)));
        return out;
    }

    private void ancestors(Node node, Facts facts, long now, int distance, Set<String> seen,
                           Map<Jid, List<String>> byJid, Map<Jid, String> collectionOf, Set<Jid> withBody, Map<Jid, Long> digest) {
        for (String parentId : node.config().collections()) {
            Node parent = state.node(parentId);
            if (parent == null || !parent.isCollection() || !seen.add(parentId)) {
                continue; // XEP-0248: a missing parent or a cycle adds no one
            }
            collect(parent, node, facts, now, "items", distance, byJid, collectionOf, withBody, digest);
            ancestors(parent, facts, now, distance + 1, seen, byJid, collectionOf, withBody, digest);
        }
    }

    /**
     * Adds the eligible subscribers of {@code owner} (the node itself or a collection at
     * {@code distance} above it); {@code type} filters XEP-0248 subscription types (null: any).
     */
    private static void collect(Node owner, Node origin, Facts facts, long now, String type, int distance,
                                Map<Jid, List<String>> byJid, Map<Jid, String> collectionOf, Set<Jid> withBody, Map<Jid, Long> digest) {
        for (Subscription s : owner.subscriptions.values()) {
            SubscriptionOptions o = s.options();
            if (s.state() != SubscriptionState.SUBSCRIBED || !o.deliver()
                    || (o.expireAtMillis() > 0 && o.expireAtMillis() <= now)) {
                continue;
            }
            if (distance > 0 && (!wants(o.subscriptionType(), type) || (o.depth() != 0 && distance > o.depth()))) {
                continue;
            }
            if (!stillAllowed(owner, s.jid(), facts) || !presenceAllows(owner, s, facts)) {
                continue;
            }
            byJid.computeIfAbsent(s.jid(), j -> new ArrayList<>()).add(s.subId());
            if (o.includeBody()) {
                withBody.add(s.jid());
            }
            if (o.digest()) {
                digest.merge(s.jid(), Math.max(1, o.digestFrequency()), Math::min); // XEP-0060 §6.3 digests
            }
            if (distance > 0) {
                collectionOf.putIfAbsent(s.jid(), owner.id());
            }
        }
    }

    /** §4.5: a presence or roster node re-checks the owner's roster at delivery time. */
    private static boolean stillAllowed(Node node, Jid subscriber, Facts facts) {
        AccessModel m = node.config().accessModel();
        return (m != AccessModel.PRESENCE && m != AccessModel.ROSTER) || AccessPolicy.check(node, subscriber, facts) == null;
    }

    /** §12.2 presence-based delivery and the show-values subscription option (§6.3). */
    private static boolean presenceAllows(Node node, Subscription s, Facts facts) {
        Set<String> show = s.options().showValues();
        if (!node.config().presenceBasedDelivery() && show.isEmpty()) {
            return true;
        }
        Map<Jid, String> available = facts.availableResources(s.jid().bare());
        for (Map.Entry<Jid, String> e : available.entrySet()) {
            boolean resourceMatches = !s.jid().hasResource() || e.getKey().equals(s.jid());
            if (resourceMatches && (show.isEmpty() || show.contains(e.getValue()))) {
                return true;
            }
        }
        return false;
    }
}
