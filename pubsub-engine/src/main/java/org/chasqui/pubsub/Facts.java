package org.chasqui.pubsub;

import java.util.Map;
import java.util.Set;
import org.chasqui.xmpp.jid.Jid;

/**
 * What the engine needs to know about the IM world and cannot own: rosters (for the presence and roster
 * access models, XEP-0060 §4.5) and presence (for presence-based delivery, §12.6). Supplied by the
 * broker from its read-mostly indexes; a test supplies a table.
 */
public interface Facts {

    /** The owner's roster has {@code entity} with a 'from' or 'both' subscription (RFC 6121 §2.1.2.5). */
    boolean presenceSubscribed(Jid owner, Jid entity);

    /** The roster groups in which {@code owner} put {@code entity} (empty if none or not in the roster). */
    Set<String> rosterGroups(Jid owner, Jid entity);

    /** The available resources of a bare JID with their 'show' value ("online" when none, RFC 6121 §4.7.2.1). */
    Map<Jid, String> availableResources(Jid bare);

    /**
     * The contacts that receive {@code owner}'s presence (roster subscription 'from' or 'both'): the
     * implicit subscribers of a PEP service (XEP-0163 §4.1 "auto-subscribe").
     */
    default Set<Jid> presenceSubscribers(Jid owner) {
        return Set.of();
    }

    /**
     * Whether the resource {@code full} advertised interest in the node's notifications, i.e. the
     * feature "NODE+notify" in its XEP-0115 capabilities (XEP-0163 §4.2 "filtered-notifications").
     */
    default boolean wantsNotifications(Jid full, String node) {
        return false;
    }

    /** No roster, nobody available: what a service without IM state sees. */
    Facts NONE = new Facts() {
        @Override
        public boolean presenceSubscribed(Jid owner, Jid entity) {
            return false;
        }

        @Override
        public Set<String> rosterGroups(Jid owner, Jid entity) {
            return Set.of();
        }

        @Override
        public Map<Jid, String> availableResources(Jid bare) {
            return Map.of();
        }
    };
}
