package org.chasqui.broker.pubsub;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.chasqui.broker.routing.LocalSession;
import org.chasqui.broker.routing.SessionRegistry;
import org.chasqui.broker.users.RosterView;
import org.chasqui.persistence.users.UserRecord.RosterItem;
import org.chasqui.pubsub.Facts;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;

/**
 * The engine's facts from the server's lock-free indexes: rosters from the {@link RosterView}, presence
 * from the {@link SessionRegistry}. Only local accounts have rosters here (no server-to-server yet).
 */
public final class PubSubFacts implements Facts {

    private final RosterView rosters;
    private final SessionRegistry registry;
    private final String domain;

    public PubSubFacts(RosterView rosters, SessionRegistry registry, String domain) {
        this.rosters = rosters;
        this.registry = registry;
        this.domain = domain;
    }

    @Override
    public boolean presenceSubscribed(Jid owner, Jid entity) {
        if (owner.bare().equals(entity.bare())) {
            return true; // RFC 6121: an account is implicitly subscribed to itself
        }
        RosterItem item = item(owner, entity);
        return item != null && item.subscription().hasFrom();
    }

    @Override
    public Set<String> rosterGroups(Jid owner, Jid entity) {
        RosterItem item = item(owner, entity);
        return item == null ? Set.of() : Set.copyOf(item.groups());
    }

    @Override
    public Map<Jid, String> availableResources(Jid bare) {
        Map<Jid, String> out = new LinkedHashMap<>();
        for (LocalSession s : registry.sessionsOf(bare.bare())) {
            Element presence = s.lastPresence();
            if (s.isAvailable() && presence != null) {
                String show = presence.childText("show", Namespaces.CLIENT);
                out.put(s.jid(), show == null || show.isBlank() ? "online" : show.strip()); // RFC 6121 §4.7.2.1
            }
        }
        return out;
    }

    private RosterItem item(Jid owner, Jid entity) {
        if (owner.localpart() == null || !owner.domainpart().equals(domain)) {
            return null;
        }
        return rosters.item(owner.localpart(), entity.bare());
    }
}
