package org.chasqui.broker.pubsub;

import java.util.List;

/**
 * XEP-0060 §10 features this service implements end to end, advertised in disco#info as
 * {@code http://jabber.org/protocol/pubsub#<feature>} — exactly these, no more. Not listed because not
 * built: presence-subscribe and auto-subscribe at pubsub.domain (PEP has auto-subscribe).
 */
final class PubSubFeatures {

    static final List<String> FEATURES = List.of(
            "access-authorize", "access-open", "access-presence", "access-roster", "access-whitelist",
            "auto-create", "collections", "config-node", "config-node-max", "create-and-configure", "create-nodes",
            "delete-items", "delete-nodes", "digest", "get-pending", "instant-nodes", "item-ids", "last-published", "leased-subscription",
            "manage-subscriptions", "member-affiliation", "meta-data", "modify-affiliations", "multi-collection",
            "multi-items", "multi-subscribe", "outcast-affiliation", "persistent-items", "presence-notifications",
            "publish", "publish-node-full", "publish-only-affiliation", "publish-options", "publisher-affiliation",
            "purge-nodes", "retract-items", "retrieve-affiliations", "retrieve-default", "retrieve-default-sub", "retrieve-items",
            "retrieve-subscriptions", "rsm", "shim", "subscribe", "subscription-notifications", "subscription-options");

    private PubSubFeatures() {
    }
}
