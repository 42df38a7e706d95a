package org.chasqui.broker.presence;

import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.chasqui.broker.offline.OfflineStore;
import org.chasqui.broker.roster.ContactDelivery;
import org.chasqui.broker.routing.LocalSession;
import org.chasqui.broker.routing.Router;
import org.chasqui.broker.routing.SessionRegistry;
import org.chasqui.broker.users.UserState;
import org.chasqui.broker.users.UserStore;
import org.chasqui.persistence.users.UserRecord.LastSeen;
import org.chasqui.persistence.users.UserRecord.RosterItem;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stream.StoredStanzas;
import org.chasqui.xmpp.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 6121 §4: broadcast of a resource's presence to the contacts subscribed to it and to the user's
 * own resources, probes on initial presence and their answers, unavailable presence to everyone who
 * saw the resource (contacts and directed-presence recipients) when it leaves, and the delivery of
 * what waited for the user (pending subscription requests, offline messages). Runs on the user's
 * shard; the session has already recorded its own new availability.
 */
public final class PresenceService {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceService.class);

    private final UserStore store;
    private final SessionRegistry registry;
    private final Router router;
    private final ContactDelivery delivery;
    private final OfflineStore offline;
    private final Jid domain;
    private final InstantSource clock;
    private volatile PresenceListener listener = PresenceListener.NONE;

    public PresenceService(UserStore store, SessionRegistry registry, Router router, ContactDelivery delivery,
                           OfflineStore offline, Jid domain, InstantSource clock) {
        this.store = store;
        this.registry = registry;
        this.router = router;
        this.delivery = delivery;
        this.offline = offline;
        this.domain = domain;
        this.clock = clock;
    }

    /** Who else hears of local resources' broadcast presence; set while wiring the server. */
    public void listen(PresenceListener presenceListener) {
        this.listener = presenceListener;
    }

    /**
     * Presence without 'to' from {@code session} (§4.2 initial, §4.4 update, §4.5 unavailable), stamped
     * with its full JID. {@code initial} when the resource was not available before; {@code directed}
     * is the session's directed-presence list, for the unavailable case. Any thread.
     */
    public void broadcast(LocalSession session, Element presence, boolean initial, List<Jid> directed) {
        Jid full = session.jid();
        boolean unavailable = "unavailable".equals(presence.attribute("type"));
        if (unavailable) {
            listener.unavailable(session);
        } else {
            listener.available(session, presence, initial);
        }
        store.withUser(full.localpart(), s -> {
            Set<Jid> sentTo = toSubscribers(s, full, presence);
            toOwnResources(full, presence, session);
            if (unavailable) {
                // §4.6.3: everyone who received directed presence learns that the resource left
                for (Jid to : directed) {
                    if (!sentTo.contains(to.bare())) {
                        router.route(presence.withAttribute("to", to.toString()), full, to);
                    }
                }
                recordLastSeen(s, full, presence);
                return;
            }
            if (initial) {
                probeContacts(s, full);
                otherResourcesTo(full, session);
                pendingRequestsTo(s, session);
            }
            if (session.priority() >= 0) {
                offline.flush(s, session); // XEP-0160 §2
            }
        });
    }

    /** The session ended without saying so (§4.5.2 "unavailable on connection loss"). Any thread. */
    public void sessionLost(LocalSession session, List<Jid> directed, boolean wasAvailable) {
        Jid full = session.jid();
        // RFC 6121 §2.2: an interested resource is a connected one that asked for the roster; going
        // unavailable (§4.5) does not end that, only the end of the session does
        store.withUser(full.localpart(), s -> forgetInterest(s, full));
        if (!wasAvailable) {
            return;
        }
        Element unavailable = Element.builder("presence", Namespaces.CLIENT)
                .attribute("from", full.toString())
                .attribute("type", "unavailable")
                .build();
        broadcast(session, unavailable, false, directed);
    }

    /**
     * §4.3.2: a probe from {@code prober} (a full or bare JID) for the local account {@code contact}:
     * answered with the current presence of each available resource when the prober is subscribed,
     * with unavailable when it is subscribed but nothing is available, and not at all otherwise.
     */
    public void probe(Jid prober, Jid contact) {
        store.withUser(contact.localpart(), s -> {
            if (router.blocks(contact.bare(), prober)) {
                return; // XEP-0191 §3.3: a blocked entity's probe gets no answer
            }
            RosterItem item = s.rosterItem(prober.bare());
            boolean self = prober.bare().equals(contact.bare());
            if (!self && (item == null || !item.subscription().hasFrom())) {
                return; // §4.3.2: presence is not revealed to an unsubscribed entity
            }
            if (delivery.currentPresence(contact, prober) == 0 && !self) {
                Element unavailable = ContactDelivery.unavailableStanza(contact.bare(), prober);
                router.route(unavailable, contact.bare(), prober);
            }
        });
    }

    /** §4.2.2 / §4.4.2: to every contact with a 'from' or 'both' subscription; returns their bare JIDs. */
    private Set<Jid> toSubscribers(UserState s, Jid full, Element presence) {
        Set<Jid> sent = new HashSet<>();
        for (RosterItem item : s.roster().values()) {
            if (item.subscription().hasFrom()) {
                Jid contact = Jid.parse(item.contact());
                // XEP-0191 §3.3: a blocked contact is not sent the user's presence
                if (!contact.equals(full.bare()) && !router.blocks(full.bare(), contact)) {
                    router.route(presence.withAttribute("to", contact.toString()), full, contact);
                    sent.add(contact);
                }
            }
        }
        return sent;
    }

    /** §4.2.2: the user's available resources get it too, the sender included. */
    private void toOwnResources(Jid full, Element presence, LocalSession sender) {
        for (LocalSession other : registry.sessionsOf(full.bare())) {
            if (other.isAvailable() || other == sender) {
                other.deliver(presence);
            }
        }
    }

    /** §4.2.2: probes to every contact the user is subscribed to ('to' or 'both'). */
    private void probeContacts(UserState s, Jid full) {
        for (RosterItem item : s.roster().values()) {
            if (item.subscription().hasTo()) {
                Jid contact = Jid.parse(item.contact());
                if (isLocalAccount(contact)) {
                    probe(full, contact);
                }
                // remote contacts: no server-to-server yet
            }
        }
    }

    /** §4.2.2: the new resource learns the presence of the user's other available resources. */
    private void otherResourcesTo(Jid full, LocalSession session) {
        for (LocalSession other : registry.sessionsOf(full.bare())) {
            Element last = other.lastPresence();
            if (other != session && other.isAvailable() && last != null) {
                session.deliver(last.withAttribute("from", other.jid().toString()).withAttribute("to", full.toString()));
            }
        }
    }

    /** RFC 6121 §3.1.3: requests that arrived while the user was away, again at each login. */
    private void pendingRequestsTo(UserState s, LocalSession session) {
        for (String text : s.pendingIn().values()) {
            try {
                session.deliver(StoredStanzas.parse(text));
            } catch (IllegalArgumentException e) {
                LOG.warn("stored subscription request of {} is unreadable: {}", s.user(), e.getMessage());
            }
        }
    }

    /** XEP-0012 §4: when the last resource leaves, the time and status are kept. */
    private void recordLastSeen(UserState s, Jid full, Element presence) {
        for (LocalSession other : registry.sessionsOf(full.bare())) {
            if (other.isAvailable() && !other.jid().equals(full)) {
                return;
            }
        }
        String status = presence.childText("status", Namespaces.CLIENT);
        store.commit(new LastSeen(s.user(), clock.millis(), status), failure -> {
        });
    }

    /** RFC 6121 §2.2: a resource whose session ended is no longer interested in roster pushes. */
    private static void forgetInterest(UserState s, Jid full) {
        s.interestedResources().remove(full.resourcepart());
        s.blocklistResources().remove(full.resourcepart()); // XEP-0191 §3.3 pushes, likewise
    }

    private boolean isLocalAccount(Jid jid) {
        return jid.domainpart().equals(domain.domainpart()) && !jid.isDomainOnly();
    }
}
