package org.chasqui.broker.users;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chasqui.persistence.users.UserRecord.RosterItem;
import org.chasqui.xmpp.jid.Jid;

/**
 * A read-only copy of every roster, readable from any thread without locks: each user's roster is an
 * immutable map replaced by the user's shard after each change (copy on write; rosters are small and
 * change rarely). Used where another owner needs roster facts, e.g. pubsub access models (XEP-0060
 * §4.5) evaluated on a pubsub shard.
 */
public final class RosterView {

    private final ConcurrentHashMap<String, Map<Jid, RosterItem>> rosters = new ConcurrentHashMap<>();

    /** The user's roster item for {@code contact}, or null. */
    public RosterItem item(String user, Jid contact) {
        Map<Jid, RosterItem> roster = rosters.get(user);
        return roster == null ? null : roster.get(contact.bare());
    }

    /** Only on the user's shard (or during replay). */
    void update(String user, Map<Jid, RosterItem> roster) {
        if (roster.isEmpty()) {
            rosters.remove(user);
        } else {
            rosters.put(user, Map.copyOf(roster));
        }
    }

    void remove(String user) {
        rosters.remove(user);
    }
}
