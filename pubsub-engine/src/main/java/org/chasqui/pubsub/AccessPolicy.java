package org.chasqui.pubsub;

import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;

/**
 * XEP-0060 §4.5 access models, checked for subscribing (§6.1.3) and retrieving items (§6.5.9). Owners,
 * publishers and members pass every model (they are on the node's lists); outcasts pass none (§4.1).
 */
final class AccessPolicy {

    private AccessPolicy() {
    }

    /** Null when {@code entity} may subscribe to or read the node, else the error of §6.1.3 / §6.5.9. */
    static PubSubError check(Node node, Jid entity, Facts facts) {
        Affiliation a = node.affiliation(entity);
        if (a == Affiliation.OUTCAST) {
            return PubSubError.of(StanzaErrorCondition.FORBIDDEN); // §6.1.3.8, §6.5.9.10
        }
        if (a == Affiliation.OWNER || a == Affiliation.PUBLISHER || a == Affiliation.MEMBER) {
            return null;
        }
        return switch (node.config().accessModel()) {
            case OPEN, AUTHORIZE -> null; // authorize: the subscription waits for approval (§6.1.4)
            case PRESENCE -> node.owners().stream().anyMatch(o -> facts.presenceSubscribed(o, entity.bare()))
                    ? null
                    : PubSubError.of(StanzaErrorCondition.NOT_AUTHORIZED, PubSubCondition.PRESENCE_SUBSCRIPTION_REQUIRED);
            case ROSTER -> inAllowedGroup(node, entity, facts)
                    ? null
                    : PubSubError.of(StanzaErrorCondition.NOT_AUTHORIZED, PubSubCondition.NOT_IN_ROSTER_GROUP);
            case WHITELIST -> PubSubError.of(StanzaErrorCondition.NOT_ALLOWED, PubSubCondition.CLOSED_NODE);
        };
    }

    private static boolean inAllowedGroup(Node node, Jid entity, Facts facts) {
        for (Jid owner : node.owners()) {
            for (String group : facts.rosterGroups(owner, entity.bare())) {
                if (node.config().rosterGroupsAllowed().contains(group)) {
                    return true;
                }
            }
        }
        return false;
    }
}
