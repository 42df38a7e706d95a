package org.chasqui.broker.roster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.chasqui.broker.users.UserStore;
import org.chasqui.persistence.users.UserRecord.UserRemoved;
import org.chasqui.xmpp.jid.Jid;

/**
 * A deleted account's IM state goes (XEP-0077 §3.2: the server removes the roster and other data),
 * and its contacts are told as if every roster item had been removed (RFC 6121 §2.5.2): subscriptions
 * are cancelled both ways and pending requests denied, so no contact keeps a subscription to an
 * account that no longer exists, nor one a new account of the same name would inherit.
 */
public final class AccountRemoval {

    private final UserStore store;
    private final SubscriptionService subscriptions;
    private final String domain;

    public AccountRemoval(UserStore store, SubscriptionService subscriptions, String domain) {
        this.store = store;
        this.subscriptions = subscriptions;
        this.domain = domain;
    }

    /** Any thread; the account is already gone from the account index. */
    public void removed(String user) {
        Jid bare = Jid.of(user, domain, null);
        store.withUser(user, s -> {
            List<Map.Entry<Jid, SubscriptionState>> contacts = new ArrayList<>();
            for (Jid contact : s.roster().keySet()) {
                contacts.add(Map.entry(contact, SubscriptionService.stateOf(s, contact)));
            }
            for (Jid contact : s.pendingIn().keySet()) {
                if (s.rosterItem(contact) == null) {
                    contacts.add(Map.entry(contact, SubscriptionService.stateOf(s, contact)));
                }
            }
            store.commit(new UserRemoved(user), failure -> {
                if (failure == null) {
                    contacts.forEach(c -> subscriptions.afterRemoval(bare, c.getKey(), c.getValue(), () -> { }));
                }
            });
        });
    }
}
