package org.chasqui.broker.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chasqui.xmpp.jid.Jid;

/**
 * The bound resources of each local account, for routing. Updated by the owning sessions (bind,
 * close), read by any thread without blocking. Each account's resources are an immutable snapshot
 * replaced on bind and unbind, so routing a stanza (the hot path: every notification) reads a ready
 * list instead of copying one.
 */
public final class SessionRegistry {

    /** One account's bound sessions: by resource, and the same sessions as a list. */
    private record Resources(Map<String, LocalSession> byResource, List<LocalSession> list) {

        static Resources of(Map<String, LocalSession> byResource) {
            return new Resources(Map.copyOf(byResource), List.copyOf(byResource.values()));
        }
    }

    private final ConcurrentHashMap<Jid, Resources> byBareJid = new ConcurrentHashMap<>();

    /**
     * Registers a bound session; returns the session that held the same full JID before, which the
     * caller ends with {@code conflict} (RFC 6120 §7.7.2.2, the "override" policy), or null.
     */
    public LocalSession bind(LocalSession session) {
        Jid jid = session.jid();
        LocalSession[] previous = new LocalSession[1];
        byBareJid.compute(jid.bare(), (bare, resources) -> {
            Map<String, LocalSession> map = resources == null ? new HashMap<>() : new HashMap<>(resources.byResource());
            previous[0] = map.put(jid.resourcepart(), session);
            return Resources.of(map);
        });
        return previous[0];
    }

    /**
     * Removes the session if it is still the one bound to its JID; returns false if it was not
     * (e.g. a newer session took the JID over).
     */
    public boolean unbind(LocalSession session) {
        Jid jid = session.jid();
        boolean[] removed = new boolean[1];
        byBareJid.computeIfPresent(jid.bare(), (bare, resources) -> {
            if (resources.byResource().get(jid.resourcepart()) != session) {
                return resources;
            }
            removed[0] = true;
            Map<String, LocalSession> map = new HashMap<>(resources.byResource());
            map.remove(jid.resourcepart());
            return map.isEmpty() ? null : Resources.of(map);
        });
        return removed[0];
    }

    /** The session bound to a full JID, or null. */
    public LocalSession get(Jid fullJid) {
        Resources resources = byBareJid.get(fullJid.bare());
        return resources == null ? null : resources.byResource().get(fullJid.resourcepart());
    }

    /** All sessions of an account (an immutable snapshot; empty if none). */
    public List<LocalSession> sessionsOf(Jid bareJid) {
        Resources resources = byBareJid.get(bareJid);
        return resources == null ? List.of() : resources.list();
    }

    /** Every bound session (a snapshot). */
    public List<LocalSession> all() {
        List<LocalSession> list = new ArrayList<>();
        byBareJid.values().forEach(r -> list.addAll(r.list()));
        return list;
    }

    public boolean hasResourceTaken(Jid fullJid) {
        return get(fullJid) != null;
    }
}
