package org.chasqui.broker.last;

import java.time.InstantSource;
import org.chasqui.broker.iq.IqHandler;
import org.chasqui.broker.iq.IqRequest;
import org.chasqui.broker.routing.SessionRegistry;
import org.chasqui.broker.users.UserState;
import org.chasqui.broker.users.UserStore;
import org.chasqui.persistence.users.UserRecord.LastSeen;
import org.chasqui.persistence.users.UserRecord.RosterItem;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.xml.Element;

/**
 * XEP-0012: the server's uptime (§5), and for an account's bare JID the seconds since its last
 * resource left with the status it left with (§3), from the {@code LastSeen} record that presence
 * handling journals. Uptime counts from this object's creation, at server start.
 */
public final class LastActivityService implements IqHandler {

    public static final String NAMESPACE = "jabber:iq:last";

    private final UserStore store;
    private final SessionRegistry registry;
    private final InstantSource clock;
    private final long startedMillis;

    public LastActivityService(UserStore store, SessionRegistry registry, InstantSource clock) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
        this.startedMillis = clock.millis();
    }

    @Override
    public void handle(IqRequest request) {
        if (!request.isGet() || !request.payload().name().equals("query")) {
            request.error(StanzaErrorCondition.BAD_REQUEST);
        } else if (request.toDomain()) {
            request.result(query(secondsSince(startedMillis), null)); // §5: no character data
        } else {
            Jid account = request.to();
            // the answer, from the state as it is now, leaves once that state is journaled
            store.withUser(account.localpart(),
                    s -> account(s, request.repliedThrough(answer -> store.afterJournaled(s.user(), answer)), account));
        }
    }

    /** §3, on the account's shard. */
    private void account(UserState s, IqRequest request, Jid account) {
        Jid requester = request.from().bare();
        if (!requester.equals(account) && !subscribed(s, requester)) {
            // §3 and §8: only entities allowed to see the account's presence learn its last activity
            request.error(StanzaErrorCondition.FORBIDDEN);
            return;
        }
        if (!registry.sessionsOf(account).isEmpty()) {
            request.result(query(0, null)); // §3: a connected or available resource means 0 seconds
            return;
        }
        LastSeen last = s.lastSeen();
        if (last == null) {
            request.error(StanzaErrorCondition.ITEM_NOT_FOUND); // never seen since the server keeps records
            return;
        }
        request.result(query(secondsSince(last.atMillis()), last.status()));
    }

    /** RFC 6121 §4: the requester may see the presence when the account's roster says 'from' or 'both'. */
    private static boolean subscribed(UserState s, Jid requester) {
        RosterItem item = s.rosterItem(requester);
        return item != null && item.subscription().hasFrom();
    }

    private long secondsSince(long millis) {
        return Math.max(0, (clock.millis() - millis) / 1000);
    }

    private static Element query(long seconds, String status) {
        return Element.builder("query", NAMESPACE)
                .attribute("seconds", Long.toString(seconds))
                .text(status)
                .build();
    }
}
