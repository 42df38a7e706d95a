package org.chasqui.broker.blocking;

import java.util.concurrent.atomic.AtomicLong;
import org.chasqui.broker.routing.LocalSession;
import org.chasqui.broker.routing.SessionRegistry;
import org.chasqui.broker.users.UserState;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.xml.Element;

/**
 * XEP-0191 §3.3, §3.4, §3.5: block and unblock pushes to every resource of the user that requested
 * the block list in its session (the "interested" ones, as for roster pushes in RFC 6121 §2.2).
 */
public final class BlockingPushes {

    private final AtomicLong ids = new AtomicLong();
    private final SessionRegistry registry;
    private final String domain;

    public BlockingPushes(SessionRegistry registry, String domain) {
        this.registry = registry;
        this.domain = domain;
    }

    /** Sends {@code payload} ({@code <block/>} or {@code <unblock/>}); on the user's shard. */
    public void push(UserState s, Element payload) {
        Jid bare = Jid.of(s.user(), domain, null);
        for (String resource : s.blocklistResources()) {
            Jid full = bare.withResource(resource);
            LocalSession session = registry.get(full);
            if (session != null) {
                session.deliver(BlockingXml.push("block-push-" + ids.incrementAndGet(), full, payload));
            }
        }
    }
}
