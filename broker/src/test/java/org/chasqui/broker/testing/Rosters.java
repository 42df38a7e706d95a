package org.chasqui.broker.testing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chasqui.broker.users.UserStore;
import org.chasqui.persistence.users.Subscription;
import org.chasqui.persistence.users.UserRecord.RosterItem;

/**
 * Seeds roster state the way the subscription handshake of RFC 6121 §3 leaves it, through the same
 * journaled records, for tests of features that only read it (blocking, last activity). Call while
 * the users concerned have no session, as nothing is pushed.
 */
public final class Rosters {

    private Rosters() {
    }

    /** {@code a} and {@code b} see each other's presence: 'both' on each side. */
    public static void mutual(TestServer server, String a, String b) {
        item(server, a, b, Subscription.BOTH);
        item(server, b, a, Subscription.BOTH);
    }

    /** {@code watcher} sees {@code watched}'s presence only: 'to' for the watcher, 'from' for the watched. */
    public static void oneWay(TestServer server, String watcher, String watched) {
        item(server, watcher, watched, Subscription.TO);
        item(server, watched, watcher, Subscription.FROM);
    }

    /** Puts {@code contact} into {@code user}'s roster with this subscription and waits for the journal. */
    public static void item(TestServer server, String user, String contact, Subscription subscription) {
        UserStore store = server.server().users();
        String contactJid = contact + "@" + server.domain();
        CompletableFuture<Void> done = new CompletableFuture<>();
        store.withUser(user, s -> store.commit(new RosterItem(user, contactJid, null, List.of(), subscription,
                false, false, s.rosterVersion() + 1), failure -> {
                    if (failure == null) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(failure);
                    }
                }));
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not seed the roster of " + user, e);
        }
    }
}
