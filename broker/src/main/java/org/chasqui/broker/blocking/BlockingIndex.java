package org.chasqui.broker.blocking;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.chasqui.broker.users.UserStore;
import org.chasqui.xmpp.jid.Jid;

/**
 * Every local account's block list, for lookups from any thread without locks: an immutable set of
 * canonical JID strings per account, replaced as a whole by the account's shard once a change is in
 * the journal (the shard's {@code UserState} stays the source of truth). Filled at start from the
 * replayed state.
 */
public final class BlockingIndex {

    private final ConcurrentHashMap<String, Set<String>> lists = new ConcurrentHashMap<>();
    private final String domain;

    public BlockingIndex(String domain) {
        this.domain = domain;
    }

    /** An index of the block lists in {@code store}. Call before serving, when no shard runs yet. */
    public static BlockingIndex load(UserStore store, String domain) {
        BlockingIndex index = new BlockingIndex(domain);
        for (String user : store.users()) {
            index.update(user, store.state(user).blocklist());
        }
        return index;
    }

    /** The user's list is now {@code jids}; called by the user's shard after the journal append. */
    public void update(String user, Collection<Jid> jids) {
        if (jids.isEmpty()) {
            lists.remove(user);
            return;
        }
        lists.put(user, items(jids));
    }

    /**
     * True when the local account {@code userBare} has blocked {@code other}. Usable by anything
     * that delivers to a user (routing, presence, pubsub notifications). Any thread.
     */
    public boolean blocks(Jid userBare, Jid other) {
        if (lists.isEmpty() || !userBare.hasLocalpart() || !userBare.domainpart().equals(domain)) {
            return false;
        }
        Set<String> items = lists.get(userBare.localpart());
        return items != null && matches(items, other);
    }

    /**
     * XEP-0191 §6 (as XEP-0016): an item user@domain/resource matches only that JID, user@domain any
     * of its resources, domain/resource only that JID, and domain the domain and every JID at it.
     */
    static boolean matches(Set<String> items, Jid other) {
        if (items.contains(other.toString())) {
            return true;
        }
        if (other.hasLocalpart() && other.hasResource()
                && items.contains(other.localpart() + "@" + other.domainpart())) {
            return true;
        }
        return !other.isDomainOnly() && items.contains(other.domainpart());
    }

    /** The canonical strings of {@code jids}, the form {@link #matches} takes. */
    static Set<String> items(Collection<Jid> jids) {
        Set<String> items = new HashSet<>();
        jids.forEach(j -> items.add(j.toString()));
        return Set.copyOf(items);
    }
}
