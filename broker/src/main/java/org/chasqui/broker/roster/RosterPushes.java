package org.chasqui.broker.roster;

import java.util.concurrent.atomic.AtomicLong;
import org.chasqui.broker.routing.LocalSession;
import org.chasqui.broker.routing.SessionRegistry;
import org.chasqui.broker.users.UserState;
import org.chasqui.persistence.users.UserRecord.RosterItem;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.xml.Element;

/** RFC 6121 §2.1.6: roster pushes to every interested resource (those that requested the roster). */
public final class RosterPushes {

    private static final AtomicLong IDS = new AtomicLong();

    private final SessionRegistry registry;
    private final String domain;

    public RosterPushes(SessionRegistry registry, String domain) {
        this.registry = registry;
        this.domain = domain;
    }

    /** Pushes the item's current form; on the user's shard. */
    public void pushItem(UserState s, RosterItem item) {
        push(s, item.version(), RosterXml.item(item));
    }

    /** Pushes a removal (§2.5.2); on the user's shard. */
    public void pushRemoval(UserState s, String contact, long version) {
        push(s, version, RosterXml.removedItem(contact));
    }

    /**
     * Pushes an item to one resource only: the changes a client missed, after it asked for the
     * roster with an older version (RFC 6121 §2.6.3). Any thread.
     */
    public void pushTo(Jid resource, long version, Element item) {
        LocalSession session = registry.get(resource);
        if (session != null) {
            session.deliver(RosterXml.push("push" + IDS.incrementAndGet(), resource.toString(), version, item));
        }
    }

    private void push(UserState s, long version, Element item) {
        Jid bare = Jid.of(s.user(), domain, null);
        for (String resource : s.interestedResources()) {
            LocalSession session = registry.get(bare.withResource(resource));
            if (session != null) {
                session.deliver(RosterXml.push("push" + IDS.incrementAndGet(), bare.withResource(resource).toString(), version, item));
            }
        }
    }
}
