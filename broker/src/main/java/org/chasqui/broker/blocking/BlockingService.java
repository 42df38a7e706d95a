package org.chasqui.broker.blocking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.chasqui.broker.iq.IqHandler;
import org.chasqui.broker.iq.IqRequest;
import org.chasqui.broker.roster.ContactDelivery;
import org.chasqui.broker.users.UserState;
import org.chasqui.broker.users.UserStore;
import org.chasqui.persistence.users.UserRecord.Blocklist;
import org.chasqui.persistence.users.UserRecord.RosterItem;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StanzaError;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.xml.Element;

/**
 * XEP-0191 §3.2 to §3.5: the block list get, block and unblock commands, run on the user's shard and
 * answered once the new list is in the journal; then the {@link BlockingIndex} that routing reads is
 * updated, the list's owner appears offline to newly blocked contacts and online again to unblocked
 * ones, and the user's interested resources get a push. The push goes out before the result (as
 * roster pushes do, RFC 6121 §2.3.2), so a client that keeps its list from pushes, as Smack's
 * BlockingCommandManager does, has it up to date when the command returns.
 */
public final class BlockingService implements IqHandler {

    /** The largest block list; past it a block command gets policy-violation. */
    public static final int DEFAULT_MAX_ITEMS = 1000;

    private final UserStore store;
    private final BlockingIndex index;
    private final BlockingPushes pushes;
    private final ContactDelivery delivery;
    private final int maxItems;

    public BlockingService(UserStore store, BlockingIndex index, BlockingPushes pushes, ContactDelivery delivery,
                           int maxItems) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be positive");
        }
        this.store = store;
        this.index = index;
        this.pushes = pushes;
        this.delivery = delivery;
        this.maxItems = maxItems;
    }

    @Override
    public void handle(IqRequest request) {
        Jid user = request.from().bare();
        if (!request.to().equals(user)) {
            // §3: the commands have no 'to' (the user's own account); no one manages another's list
            request.error(StanzaErrorCondition.FORBIDDEN);
            return;
        }
        Element command = request.payload();
        if (request.isGet() && command.name().equals("blocklist")) {
            store.withUser(user.localpart(), s -> list(s, request));
        } else if (request.isSet() && command.name().equals("block")) {
            block(request, user, command);
        } else if (request.isSet() && command.name().equals("unblock")) {
            unblock(request, user, command);
        } else {
            request.error(StanzaErrorCondition.BAD_REQUEST);
        }
    }

    /** §3.2: the list, with or without items; the resource now gets pushes. */
    private void list(UserState s, IqRequest request) {
        s.blocklistResources().add(request.from().resourcepart());
        // the list as it is now, answered once it is journaled
        request.repliedThrough(reply -> store.afterJournaled(s.user(), reply))
                .result(BlockingXml.withItems("blocklist", s.blocklist()));
    }

    /** §3.3. */
    private void block(IqRequest request, Jid user, Element command) {
        BlockingXml.Items items = BlockingXml.items(command);
        if (items.error() != null) {
            request.error(items.error());
            return;
        }
        if (items.jids().isEmpty()) {
            request.error(StanzaError.of(StanzaErrorCondition.BAD_REQUEST, "a block command needs at least one item"));
            return;
        }
        store.withUser(user.localpart(), s -> {
            Set<Jid> added = new LinkedHashSet<>(items.jids());
            added.removeAll(s.blocklist());
            if (added.isEmpty()) {
                request.result(); // all of them were blocked already
                return;
            }
            if (s.blocklist().size() + added.size() > maxItems) {
                request.error(StanzaError.of(StanzaErrorCondition.POLICY_VIOLATION,
                        "a block list holds at most " + maxItems + " items"));
                return;
            }
            List<Jid> next = new ArrayList<>(s.blocklist());
            next.addAll(added);
            store.commit(new Blocklist(s.user(), BlockingXml.strings(next)), failure -> {
                if (failure != null) {
                    request.error(StanzaErrorCondition.INTERNAL_SERVER_ERROR);
                    return;
                }
                // §3.3: contacts allowed to see the user's presence see it go, before the block starts
                subscribers(s, added, List.of()).forEach(contact -> delivery.unavailable(user, contact));
                index.update(s.user(), next);
                pushes.push(s, BlockingXml.withItems("block", added));
                request.result();
            });
        });
    }

    /** §3.4 (the given items) and §3.5 (no items: all of them). */
    private void unblock(IqRequest request, Jid user, Element command) {
        BlockingXml.Items items = BlockingXml.items(command);
        if (items.error() != null) {
            request.error(items.error());
            return;
        }
        boolean all = items.jids().isEmpty();
        store.withUser(user.localpart(), s -> {
            Set<Jid> removed = new LinkedHashSet<>(s.blocklist());
            if (!all) {
                removed.retainAll(items.jids());
            }
            if (removed.isEmpty()) {
                request.result(); // none of them was blocked
                return;
            }
            List<Jid> next = new ArrayList<>(s.blocklist());
            next.removeAll(removed);
            store.commit(new Blocklist(s.user(), BlockingXml.strings(next)), failure -> {
                if (failure != null) {
                    request.error(StanzaErrorCondition.INTERNAL_SERVER_ERROR);
                    return;
                }
                index.update(s.user(), next);
                // §3.4: contacts allowed to see the user's presence get it again
                subscribers(s, removed, next).forEach(contact -> delivery.currentPresence(user, contact));
                pushes.push(s, all ? Element.empty("unblock", BlockingXml.NAMESPACE)
                        : BlockingXml.withItems("unblock", removed));
                request.result();
            });
        });
    }

    /**
     * The contacts that may receive the user's presence (RFC 6121: a 'from' or 'both' subscription)
     * and that {@code changed} matches but {@code rest} does not.
     */
    private static List<Jid> subscribers(UserState s, Collection<Jid> changed, Collection<Jid> rest) {
        Set<String> changedItems = BlockingIndex.items(changed);
        Set<String> restItems = BlockingIndex.items(rest);
        List<Jid> out = new ArrayList<>();
        for (RosterItem item : s.roster().values()) {
            if (item.subscription().hasFrom()) {
                Jid contact = Jid.parse(item.contact());
                if (BlockingIndex.matches(changedItems, contact) && !BlockingIndex.matches(restItems, contact)) {
                    out.add(contact);
                }
            }
        }
        return out;
    }
}
