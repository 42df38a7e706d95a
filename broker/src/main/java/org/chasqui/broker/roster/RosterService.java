package org.chasqui.broker.roster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chasqui.broker.iq.IqHandler;
import org.chasqui.broker.iq.IqRequest;
import org.chasqui.broker.users.UserState;
import org.chasqui.broker.users.UserStore;
import org.chasqui.persistence.users.Subscription;
import org.chasqui.persistence.users.UserRecord;
import org.chasqui.persistence.users.UserRecord.PendingInCleared;
import org.chasqui.persistence.users.UserRecord.RosterItem;
import org.chasqui.persistence.users.UserRecord.RosterItemRemoved;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StanzaError;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.xml.Element;

/**
 * RFC 6121 §2: roster get (with versioning, §2.6), set and remove, answered on the user's shard once
 * the change is journaled. Limits (name and group length, items per roster) are constructor values.
 */
public final class RosterService implements IqHandler {

    /** RFC 6121 §2.3.3 leaves these limits to the server. */
    public static final int MAX_NAME_CHARS = 1024;
    public static final int MAX_GROUP_CHARS = 1024;
    public static final int MAX_GROUPS = 64;

    private final UserStore store;
    private final RosterPushes pushes;
    private final SubscriptionService subscriptions;
    private final int maxItems;

    public RosterService(UserStore store, RosterPushes pushes, SubscriptionService subscriptions, int maxItems) {
        this.store = store;
        this.pushes = pushes;
        this.subscriptions = subscriptions;
        this.maxItems = maxItems;
    }

    @Override
    public void handle(IqRequest request) {
        Jid user = request.from().bare();
        if (!request.to().equals(user)) {
            // RFC 6121 §2.1.5 / §2.3.3: only the account itself reads or changes its roster
            request.error(StanzaErrorCondition.FORBIDDEN);
            return;
        }
        Element query = request.payload();
        if (!query.name().equals("query")) {
            request.error(StanzaErrorCondition.BAD_REQUEST);
        } else if (request.isGet()) {
            store.withUser(user.localpart(),
                    s -> store.afterJournaled(user.localpart(), get(s, request, query.attribute("ver"))));
        } else {
            set(request, user, query);
        }
    }

    /** RFC 6121 §2.1.3 and §2.6.3: the answer, from the roster as it is now, to send once journaled. */
    private Runnable get(UserState s, IqRequest request, String clientVersion) {
        s.interestedResources().add(request.from().resourcepart()); // §2.2: an interested resource
        Long known = parseVersion(clientVersion);
        long current = s.rosterVersion();
        if (known != null && known == current) {
            return request::result; // §2.6.3: nothing changed, an empty result
        }
        if (known != null && known < current) {
            List<Change> changes = changesSince(s, known);
            if (changes.size() < Math.max(1, s.roster().size())) {
                // §2.6.3: an empty result, then one push per change since the client's version, in
                // the order of the changes
                return () -> {
                    request.result();
                    changes.forEach(c -> pushes.pushTo(request.from(), c.version(), c.item()));
                };
            }
        }
        List<Element> items = new ArrayList<>();
        for (RosterItem i : s.roster().values()) {
            items.add(RosterXml.item(i));
        }
        Element query = RosterXml.query(current, items);
        return () -> request.result(query);
    }

    /** A change since a roster version: the item as it is now (or its removal) at its version. */
    private record Change(long version, Element item) {
    }

    /** The items changed or removed after version {@code known}, oldest change first. */
    private static List<Change> changesSince(UserState s, long known) {
        List<Change> out = new ArrayList<>();
        for (RosterItem i : s.roster().values()) {
            if (i.version() > known) {
                out.add(new Change(i.version(), RosterXml.item(i)));
            }
        }
        for (Map.Entry<Jid, Long> removed : s.removedAt().entrySet()) {
            if (removed.getValue() > known) {
                out.add(new Change(removed.getValue(), RosterXml.removedItem(removed.getKey().toString())));
            }
        }
        out.sort(Comparator.comparingLong(Change::version));
        return out;
    }

    private static Long parseVersion(String v) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null; // not one of ours: the full roster
        }
    }

    /** RFC 6121 §2.3 (add or update) and §2.5 (remove), with the errors of §2.3.3. */
    private void set(IqRequest request, Jid user, Element query) {
        List<Element> items = query.elements();
        if (items.size() != 1 || !items.get(0).is("item", RosterXml.NAMESPACE)) {
            request.error(StanzaError.of(StanzaErrorCondition.BAD_REQUEST, "a roster set carries exactly one item"));
            return;
        }
        Element item = items.get(0);
        String jidText = item.attribute("jid");
        if (jidText == null) {
            request.error(StanzaError.of(StanzaErrorCondition.BAD_REQUEST, "the item has no 'jid'"));
            return;
        }
        Jid parsed = Jid.tryParse(jidText).orElse(null);
        if (parsed == null) {
            request.error(StanzaError.of(StanzaErrorCondition.JID_MALFORMED, "the item's 'jid' is not a JID"));
            return;
        }
        Jid contact = parsed.bare();
        if ("remove".equals(item.attribute("subscription"))) {
            store.withUser(user.localpart(), s -> remove(s, request, user, contact));
            return;
        }
        String name = item.attribute("name");
        if (name != null && name.length() > MAX_NAME_CHARS) {
            request.error(StanzaError.of(StanzaErrorCondition.NOT_ACCEPTABLE, "name longer than " + MAX_NAME_CHARS));
            return;
        }
        Set<String> groups = new LinkedHashSet<>();
        for (Element g : item.elements()) {
            if (!g.is("group", RosterXml.NAMESPACE)) {
                continue;
            }
            String text = g.text();
            if (text.isEmpty()) {
                request.error(StanzaError.of(StanzaErrorCondition.NOT_ACCEPTABLE, "empty group name"));
                return;
            }
            if (text.length() > MAX_GROUP_CHARS) {
                request.error(StanzaError.of(StanzaErrorCondition.NOT_ACCEPTABLE, "group name longer than " + MAX_GROUP_CHARS));
                return;
            }
            if (!groups.add(text)) {
                request.error(StanzaError.of(StanzaErrorCondition.BAD_REQUEST, "duplicate group " + text));
                return;
            }
        }
        if (groups.size() > MAX_GROUPS) {
            request.error(StanzaError.of(StanzaErrorCondition.NOT_ACCEPTABLE, "more than " + MAX_GROUPS + " groups"));
            return;
        }
        // §2.1.2.5: the subscription attribute other than "remove" is the server's business; ignored.
        store.withUser(user.localpart(), s -> update(s, request, contact, name, List.copyOf(groups)));
    }

    private void update(UserState s, IqRequest request, Jid contact, String name, List<String> groups) {
        RosterItem old = s.rosterItem(contact);
        if (old == null && s.roster().size() >= maxItems) {
            request.error(StanzaError.of(StanzaErrorCondition.NOT_ALLOWED, "the roster is full (" + maxItems + " items)"));
            return;
        }
        RosterItem next = old == null
                ? new RosterItem(s.user(), contact.toString(), name, groups, Subscription.NONE, false, false, s.rosterVersion() + 1)
                : new RosterItem(s.user(), contact.toString(), name, groups, old.subscription(), old.askOut(), old.approved(),
                        s.rosterVersion() + 1);
        store.commit(next, failure -> {
            if (failure != null) {
                request.error(StanzaErrorCondition.INTERNAL_SERVER_ERROR);
                return;
            }
            pushes.pushItem(s, next); // §2.3.2: a push to every interested resource, then the result
            request.result();
        });
    }

    private void remove(UserState s, IqRequest request, Jid user, Jid contact) {
        if (s.rosterItem(contact) == null) {
            request.error(StanzaErrorCondition.ITEM_NOT_FOUND); // §2.5.3
            return;
        }
        SubscriptionState removed = SubscriptionService.stateOf(s, contact);
        long version = s.rosterVersion() + 1;
        List<UserRecord> records = new ArrayList<>();
        records.add(new RosterItemRemoved(s.user(), contact.toString(), version));
        if (removed.pendingIn()) {
            records.add(new PendingInCleared(s.user(), contact.toString()));
        }
        store.commit(records, failure -> {
            if (failure != null) {
                request.error(StanzaErrorCondition.INTERNAL_SERVER_ERROR);
                return;
            }
            pushes.pushRemoval(s, contact.toString(), version);
            // §2.5.2: the subscriptions are cancelled as part of the removal, so the result comes
            // once the contact's side has processed the cancellations (and told the contact)
            subscriptions.afterRemoval(user, contact, removed, request::result);
        });
    }
}
