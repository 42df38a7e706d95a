package org.chasqui.broker.roster;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.chasqui.broker.roster.SubscriptionRules.Event;
import org.chasqui.broker.roster.SubscriptionRules.Transition;
import org.chasqui.broker.routing.Router;
import org.chasqui.broker.users.UserState;
import org.chasqui.broker.users.UserStore;
import org.chasqui.persistence.users.Subscription;
import org.chasqui.persistence.users.UserRecord;
import org.chasqui.persistence.users.UserRecord.PendingIn;
import org.chasqui.persistence.users.UserRecord.PendingInCleared;
import org.chasqui.persistence.users.UserRecord.RosterItem;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stream.StoredStanzas;
import org.chasqui.xmpp.xml.Element;

/**
 * Carries out RFC 6121 §3 for local accounts: an outbound subscription stanza is processed on the
 * sender's shard, then (for a local contact) the same stanza is processed as inbound on the contact's
 * shard, exactly as two servers would do it. Roster pushes, deliveries and presence follow only once
 * the state change is in the journal.
 */
public final class SubscriptionService {

    private final UserStore store;
    private final RosterPushes pushes;
    private final ContactDelivery delivery;
    private final Router router;
    private final Jid domain;
    private final Predicate<String> accountExists;

    public SubscriptionService(UserStore store, RosterPushes pushes, ContactDelivery delivery, Router router,
                               Jid domain, Predicate<String> accountExists) {
        this.store = store;
        this.pushes = pushes;
        this.delivery = delivery;
        this.router = router;
        this.domain = domain;
        this.accountExists = accountExists;
    }

    /** The state of {@code contact} in the user's roster; on the user's shard. */
    public static SubscriptionState stateOf(UserState s, Jid contact) {
        RosterItem item = s.rosterItem(contact);
        boolean pendingIn = s.pendingIn().containsKey(contact);
        return item == null
                ? new SubscriptionState(false, Subscription.NONE, false, pendingIn, false)
                : new SubscriptionState(true, item.subscription(), item.askOut(), pendingIn, item.approved());
    }

    /**
     * A subscription stanza sent by the user (RFC 6121 §3.1.2, §3.1.5, §3.2.2, §3.3.2), already stamped
     * with both bare JIDs. Any thread.
     */
    public void outbound(Jid user, Jid contact, Element stanza) {
        Event event = Event.of(stanza.attribute("type"), true);
        store.withUser(user.localpart(), s -> {
            Transition t = SubscriptionRules.apply(stateOf(s, contact), event);
            List<UserRecord> records = records(s, contact, t, null);
            store.commit(records, failure -> {
                if (failure != null) {
                    return; // nothing was acknowledged; the client may retry
                }
                pushItemOf(s, records);
                Runnable presence = presenceAfter(t, user, contact);
                if (t.route()) {
                    toContact(user, contact, stanza, presence);
                } else {
                    presence.run();
                }
            });
        });
    }

    /**
     * A subscription stanza from {@code contact} for the local account {@code user} (bare JIDs);
     * {@code then} runs once the user's server has done all it does for it. Any thread.
     */
    private void inbound(Jid contact, Jid user, Element stanza, Runnable then) {
        Event event = Event.of(stanza.attribute("type"), false);
        if (event == Event.IN_SUBSCRIBE && !accountExists.test(user.localpart())) {
            // RFC 6121 §3.1.2: a request that cannot be delivered because the local contact does not
            // exist is answered, else the requester stays in "Pending Out" for ever; of the two
            // answers §8.5.1 allows (silence or 'unsubscribed'), 'unsubscribed' is the one that also
            // resets the requester's roster item (A.3.4)
            toContact(user, contact, subscriptionStanza(user, contact, "unsubscribed"), then);
            return;
        }
        if (event == null || !accountExists.test(user.localpart())) {
            then.run();
            return; // RFC 6121 §8.5.1: other subscription stanzas for a missing account are ignored
        }
        store.withUser(user.localpart(), s -> {
            SubscriptionState before = stateOf(s, contact);
            Transition t = SubscriptionRules.apply(before, event);
            Element stamped = stanza.withAttribute("from", contact.toString()).withAttribute("to", user.toString());
            List<UserRecord> records = records(s, contact, t, stamped);
            store.commit(records, failure -> {
                if (failure == null) {
                    pushItemOf(s, records);
                    // §3.1.3: a request already pending is not delivered again (it is at the next login)
                    if (t.deliver() && !(event == Event.IN_SUBSCRIBE && before.pendingIn())) {
                        delivery.toAvailable(user, stamped);
                    }
                    Runnable presence = presenceAfter(t, user, contact);
                    if (t.autoReply() != null) {
                        toContact(user, contact, subscriptionStanza(user, contact, t.autoReply()), presence);
                    } else {
                        presence.run();
                    }
                }
                then.run();
            });
        });
    }

    /**
     * The presence a transition sends the contact: the user's current presence (§3.1.5) or unavailable
     * presence (§3.2.2, §3.3.3). It must reach the contact after the subscription stanza that caused
     * it, as it would over one server-to-server stream (RFC 6120 §10.1): a client that sees the
     * presence before the 'subscribed' and its roster push does not yet know the contact as one.
     */
    private Runnable presenceAfter(Transition t, Jid user, Jid contact) {
        return () -> {
            if (t.sendPresence()) {
                delivery.currentPresence(user, contact);
            }
            if (t.sendUnavailable()) {
                delivery.unavailable(user, contact);
            }
        };
    }

    /**
     * RFC 6121 §2.5.2: removing an item cancels the subscriptions both ways. Called on the user's shard
     * after the removal is journaled, with the state the item had; {@code done} runs (on any thread)
     * once the contact's side has processed the cancellations.
     */
    void afterRemoval(Jid user, Jid contact, SubscriptionState removed, Runnable done) {
        boolean unsubscribe = removed.subscription().hasTo() || removed.pendingOut();
        boolean unsubscribed = removed.subscription().hasFrom() || removed.pendingIn();
        boolean hadFrom = removed.subscription().hasFrom();
        Runnable cancelFrom = !unsubscribed ? done : () -> toContact(user, contact,
                subscriptionStanza(user, contact, "unsubscribed"), () -> {
                    if (hadFrom) {
                        delivery.unavailable(user, contact); // §3.2.2
                    }
                    done.run();
                });
        if (unsubscribe) {
            toContact(user, contact, subscriptionStanza(user, contact, "unsubscribe"), cancelFrom);
        } else {
            cancelFrom.run();
        }
    }

    /** The records that take the user's state for {@code contact} from {@code t.before()} to {@code t.after()}. */
    private static List<UserRecord> records(UserState s, Jid contact, Transition t, Element request) {
        List<UserRecord> out = new ArrayList<>();
        SubscriptionState after = t.after();
        if (t.pushDue() && after.inRoster()) {
            RosterItem old = s.rosterItem(contact);
            out.add(new RosterItem(s.user(), contact.toString(), old == null ? null : old.name(),
                    old == null ? List.of() : old.groups(), after.subscription(), after.pendingOut(), after.approved(),
                    s.rosterVersion() + 1));
        }
        if (after.pendingIn() && !t.before().pendingIn() && request != null) {
            out.add(new PendingIn(s.user(), contact.toString(), StoredStanzas.toText(request)));
        } else if (!after.pendingIn() && t.before().pendingIn()) {
            out.add(new PendingInCleared(s.user(), contact.toString()));
        }
        return out;
    }

    /**
     * RFC 6121 §2.1.6, §2.6.3: the push of the roster item this change wrote, with its own version;
     * not the item as it is by the time the journal answers, which a later change on the shard may
     * already have replaced (two changes would then push the last item twice, with one version).
     */
    private void pushItemOf(UserState s, List<UserRecord> records) {
        for (UserRecord r : records) {
            if (r instanceof RosterItem item) {
                pushes.pushItem(s, item);
            }
        }
    }

    /**
     * To a local contact: inbound processing on its shard; elsewhere: the router (no s2s yet). Then
     * {@code then}, which follows the stanza as the next stanza on the same stream would.
     */
    private void toContact(Jid user, Jid contact, Element stanza, Runnable then) {
        if (contact.domainpart().equals(domain.domainpart()) && !contact.isDomainOnly() && !contact.hasResource()) {
            inbound(user, contact, stanza, then);
        } else {
            router.route(stanza, user, contact);
            then.run();
        }
    }

    static Element subscriptionStanza(Jid from, Jid to, String type) {
        return Element.builder("presence", Namespaces.CLIENT)
                .attribute("from", from.toString())
                .attribute("to", to.toString())
                .attribute("type", type)
                .build();
    }
}
