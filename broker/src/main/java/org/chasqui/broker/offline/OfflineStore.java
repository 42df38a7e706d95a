package org.chasqui.broker.offline;

import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.chasqui.broker.routing.LocalSession;
import org.chasqui.broker.routing.SessionRegistry;
import org.chasqui.broker.users.UserState;
import org.chasqui.broker.users.UserStore;
import org.chasqui.persistence.users.UserRecord.OfflineCleared;
import org.chasqui.persistence.users.UserRecord.OfflineStored;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StanzaError;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.stream.StoredStanzas;
import org.chasqui.xmpp.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XEP-0160 offline messages: a message for an account with no available resource of non-negative
 * priority is journaled and delivered, with a XEP-0203 delay stamp, when the account next sends
 * available presence with a non-negative priority. Both happen on the account's shard, so a message
 * is never both stored and missed: storing re-checks for an available resource first.
 */
public final class OfflineStore {

    public static final String FEATURE = "msgoffline";
    static final String DELAY = "urn:xmpp:delay";
    private static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
    private static final String HINTS = "urn:xmpp:hints";
    private static final Logger LOG = LoggerFactory.getLogger(OfflineStore.class);

    private final UserStore store;
    private final SessionRegistry registry;
    private final String domain;
    private final int quota;
    private final InstantSource clock;
    private final BiConsumer<Element, StanzaError> bounce;

    /**
     * @param quota  messages kept per account; past it the sender gets service-unavailable (XEP-0160 §2)
     * @param bounce sends an error reply for a stanza to its sender
     */
    public OfflineStore(UserStore store, SessionRegistry registry, String domain, int quota, InstantSource clock,
                        BiConsumer<Element, StanzaError> bounce) {
        this.store = store;
        this.registry = registry;
        this.domain = domain;
        this.quota = quota;
        this.clock = clock;
        this.bounce = bounce;
    }

    /** A message of type normal or chat for {@code bare}, which had no available resource. Any thread. */
    public void store(Element message, Jid bare) {
        if (!worthStoring(message)) {
            return;
        }
        store.withUser(bare.localpart(), s -> {
            List<LocalSession> now = highestPriority(bare);
            if (!now.isEmpty()) {
                now.forEach(x -> x.deliver(message)); // a resource became available meanwhile
                return;
            }
            if (s.offline().size() >= quota) {
                bounce.accept(message, StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE,
                        "the recipient's offline storage is full"));
                return;
            }
            OfflineStored record = new OfflineStored(s.user(), s.lastOfflineId() + 1, clock.millis(),
                    StoredStanzas.toText(message));
            store.commit(record, failure -> {
                if (failure != null) {
                    bounce.accept(message, StanzaError.of(StanzaErrorCondition.INTERNAL_SERVER_ERROR, "could not store the message"));
                }
            });
        });
    }

    /**
     * XEP-0160 §2: delivers every stored message to the session that sent available presence with a
     * non-negative priority, then forgets them. On the account's shard.
     */
    public void flush(UserState s, LocalSession session) {
        List<OfflineStored> pending = s.offline();
        if (pending.isEmpty()) {
            return;
        }
        long upTo = pending.get(pending.size() - 1).id();
        for (OfflineStored m : pending) {
            try {
                session.deliver(withDelay(StoredStanzas.parse(m.stanzaXml()), m.storedAtMillis()));
            } catch (IllegalArgumentException e) {
                LOG.warn("offline message {} of {} is unreadable and dropped: {}", m.id(), s.user(), e.getMessage());
            }
        }
        store.commit(new OfflineCleared(s.user(), upTo), failure -> {
            // a failure leaves them stored: delivered again next time rather than lost
        });
    }

    /** XEP-0160 §3 and XEP-0085 §5.5: chat states alone are not kept; XEP-0334 hints are honoured. */
    static boolean worthStoring(Element message) {
        if (message.child("no-store", HINTS) != null || message.child("no-permanent-store", HINTS) != null) {
            return false;
        }
        if (message.child("store", HINTS) != null) {
            return true;
        }
        List<Element> children = message.elements();
        if (children.isEmpty()) {
            return false;
        }
        for (Element child : children) {
            if (!CHAT_STATES.equals(child.namespace()) && !child.name().equals("thread")) {
                return true;
            }
        }
        return false;
    }

    /** XEP-0203 §3: when and where the message was held. */
    private Element withDelay(Element message, long storedAtMillis) {
        Instant at = Instant.ofEpochMilli(storedAtMillis).truncatedTo(ChronoUnit.MILLIS);
        Element delay = Element.builder("delay", DELAY)
                .attribute("from", domain)
                .attribute("stamp", at.toString())
                .text("Offline Storage")
                .build();
        return message.toBuilder().child(delay).build();
    }

    private List<LocalSession> highestPriority(Jid bare) {
        List<LocalSession> list = new ArrayList<>();
        int max = Integer.MIN_VALUE;
        for (LocalSession s : registry.sessionsOf(bare)) {
            if (s.isAvailable() && s.priority() >= 0) {
                if (s.priority() > max) {
                    list.clear();
                    max = s.priority();
                }
                if (s.priority() == max) {
                    list.add(s);
                }
            }
        }
        return list;
    }
}
