package org.chasqui.broker.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chasqui.xmpp.jid.Jid;

/**
 * The bound resources of each local account, for routing. Updated by the owning sessions (bind,
 * close), read by any thread without blocking.
 */
public final class SessionRegistry {

    private final ConcurrentHashMap<Jid, Map<String, LocalSession>> byBareJid = new ConcurrentHashMap<>();

    /**
     * Registers a bound session; returns the session that held the same full JID before, which the
     * caller ends with {@code conflict} (RFC 6120 §7.7.2.2, the "override" policy), or null.
     */
    public LocalSession bind(LocalSession session) {
        Jid jid = session.jid();
        LocalSession[] previous = new LocalSession[1];
        byBareJid.compute(jid.bare(), (bare, resources) -> {
            Map<String, LocalSession> map = resources == null ? new ConcurrentHashMap<>() : resources;
            previous[0] = map.put(jid.resourcepart(), session);
            return map;
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
            removed[0] = resources.remove(jid.resourcepart(), session);
            return resources.isEmpty() ? null : resources;
        });
        return removed[0];
    }

    /** The session bound to a full JID, or null. */
    public LocalSession get(Jid fullJid) {
        Map<String, LocalSession> resources = byBareJid.get(fullJid.bare());
        return resources == null ? null : resources.get(fullJid.resourcepart());
    }

    /** All sessions of an account (a snapshot; empty if none). */
    public List<LocalSession> sessionsOf(Jid bareJid) {
        Map<String, LocalSession> resources = byBareJid.get(bareJid);
        return resources == null ? List.of() : new ArrayList<>(resources.values());
    }

    /** Every bound session (a snapshot). */
    public List<LocalSession> all() {
        List<LocalSession> list = new ArrayList<>();
        byBareJid.values().forEach(m -> list.addAll(m.values()));
        return list;
    }

    public boolean hasResourceTaken(Jid fullJid) {
        return get(fullJid) != null;
    }
}
