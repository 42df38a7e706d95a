package org.chasqui.broker.users;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.chasqui.persistence.users.UserRecord.LastSeen;
import org.chasqui.persistence.users.UserRecord.OfflineStored;
import org.chasqui.persistence.users.UserRecord.RosterItem;
import org.chasqui.xmpp.jid.Jid;

/**
 * One account's IM state in memory. Touched only on the account's shard ({@link UserShards}); the
 * durable parts change only through {@link UserStore#commit}, which applies the same records a replay
 * applies.
 */
public final class UserState {

    final String user;
    /** RFC 6121 §2: contact bare JID -> item, in insertion order. */
    final Map<Jid, RosterItem> roster = new LinkedHashMap<>();
    /** RFC 6121 §2.6: the roster version at which each removed item went (for delta pushes). */
    final Map<Jid, Long> removedAt = new HashMap<>();
    long rosterVersion;
    /** RFC 6121 §3.1.3: contact bare JID -> the stored subscription request. */
    final Map<Jid, String> pendingIn = new LinkedHashMap<>();
    final Deque<OfflineStored> offline = new ArrayDeque<>();
    long lastOfflineId;
    final Set<Jid> blocklist = new LinkedHashSet<>();
    String vcard;
    LastSeen lastSeen;
    /** RFC 6121 §2.2: resources that requested the roster in their session (not durable). */
    final Set<String> interestedResources = new HashSet<>();

    UserState(String user) {
        this.user = user;
    }

    public String user() {
        return user;
    }

    public Map<Jid, RosterItem> roster() {
        return Collections.unmodifiableMap(roster);
    }

    public RosterItem rosterItem(Jid contact) {
        return roster.get(contact);
    }

    public long rosterVersion() {
        return rosterVersion;
    }

    public Map<Jid, Long> removedAt() {
        return Collections.unmodifiableMap(removedAt);
    }

    public Map<Jid, String> pendingIn() {
        return Collections.unmodifiableMap(pendingIn);
    }

    /** Oldest first. */
    public java.util.List<OfflineStored> offline() {
        return java.util.List.copyOf(offline);
    }

    public long lastOfflineId() {
        return lastOfflineId;
    }

    public Set<Jid> blocklist() {
        return Collections.unmodifiableSet(blocklist);
    }

    public String vcard() {
        return vcard;
    }

    public LastSeen lastSeen() {
        return lastSeen;
    }

    public Set<String> interestedResources() {
        return interestedResources;
    }
}
