package org.chasqui.broker.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.chasqui.broker.carbons.CarbonCopier;
import org.chasqui.broker.iq.IqHandlers;
import org.chasqui.broker.iq.IqRequest;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StanzaError;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.stanza.Stanzas;
import org.chasqui.xmpp.xml.Element;

/**
 * Delivers stanzas whose 'from' the sending session has already stamped, following RFC 6120 §10 and
 * the local delivery rules of RFC 6121 §8.5. Stateless apart from the registry it reads; runs on the
 * sender's event loop and hands each delivery to the recipient session's loop.
 */
public final class Router {

    private final Jid domain;
    private final SessionRegistry registry;
    private final Predicate<String> accountExists;
    private final IqHandlers iqHandlers;
    private final CarbonCopier carbons;
    private final Map<String, Component> components = new ConcurrentHashMap<>();
    private volatile ServerRequests serverRequests;
    private volatile BiConsumer<Element, Jid> offline = (message, bare) -> bounce(message, StanzaErrorCondition.SERVICE_UNAVAILABLE);
    private volatile BlockingPolicy blocking = BlockingPolicy.NONE;

    public Router(Jid domain, SessionRegistry registry, Predicate<String> accountExists, IqHandlers iqHandlers) {
        this.domain = domain;
        this.registry = registry;
        this.accountExists = accountExists;
        this.iqHandlers = iqHandlers;
        this.carbons = new CarbonCopier(registry);
    }

    public Jid domain() {
        return domain;
    }

    /** Where answers to the server's own IQ requests go; set while wiring the server. */
    public void serverRequests(ServerRequests requests) {
        this.serverRequests = requests;
    }

    /**
     * Routes a stanza the server generated on behalf of {@code from} (pubsub notifications): the
     * delivery rules of {@link #route} without the carbons that only a client's own message gets.
     */
    public void routeGenerated(Element stanza, Jid from, Jid to) {
        // XEP-0163 §4.3: no notification to a recipient the publishing account blocked (XEP-0191), nor
        // to one who blocked it; dropped silently, as the service itself generated it
        if ((from.localpart() != null && blocking.blocks(from.bare(), to))
                || (to.localpart() != null && to.domainpart().equals(domain.domainpart()) && blocking.blocks(to.bare(), from))) {
            return;
        }
        dispatch(stanza, from, to, true);
    }

    /** Serves a subdomain (e.g. pubsub.domain) in-process; set while wiring the server. */
    public void component(Jid address, Component component) {
        components.put(address.domainpart(), component);
    }

    /**
     * Where messages for an account without an available resource go (XEP-0160 offline storage).
     * Set once while wiring the server, before it serves; without it such messages bounce.
     */
    public void offlineStorage(BiConsumer<Element, Jid> storage) {
        this.offline = storage;
    }

    /** The XEP-0191 block lists that routing obeys. Set once while wiring the server, before it serves. */
    public void blocking(BlockingPolicy policy) {
        this.blocking = policy;
    }

    /** True when the local account {@code userBare} has blocked {@code other} (XEP-0191). Any thread. */
    public boolean blocks(Jid userBare, Jid other) {
        return blocking.blocks(userBare, other);
    }

    /**
     * XEP-0191 §3.3 for a stanza that does not go through {@link #route} (subscription requests and
     * probes, which the server processes itself): true when it was stopped (dropped or answered).
     */
    public boolean blocked(Element stanza, Jid from, Jid to) {
        return blocking.stops(stanza, from, to);
    }

    /**
     * Routes a stanza from a local session. {@code to} is the parsed 'to' attribute (null if absent,
     * which addresses the sender's own account: RFC 6120 §10.3).
     */
    public void route(Element stanza, Jid from, Jid to) {
        Jid target = to == null ? from.bare() : to;
        if (blocking.stops(stanza, from, target)) {
            return; // XEP-0191 §3.3: to or from a JID that one side blocks
        }
        if (stanza.name().equals("message") && !target.bare().equals(from.bare())) {
            // XEP-0280 §8; a message to the sender's own account gets only the copies of §7
            carbons.sent(stanza, from);
        }
        dispatch(stanza, from, target, false);
    }

    /**
     * RFC 6120 §10 and RFC 6121 §8.5 by address. A {@code generated} stanza (a notification the server
     * made on behalf of {@code from}) gets no carbon copies, and a message of it for a resource that is
     * gone goes to the account instead (except groupchat).
     */
    private void dispatch(Element stanza, Jid from, Jid target, boolean generated) {
        Component component = components.get(target.domainpart());
        if (component != null) {
            component.handle(stanza, from, target);
        } else if (!target.domainpart().equals(domain.domainpart())) {
            // RFC 6120 §10.4: no server-to-server connections yet, so no remote domain is reachable.
            bounce(stanza, StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND);
        } else if (target.isDomainOnly()) {
            toServer(stanza, from, target);
        } else if (!accountExists.test(target.localpart())) {
            toMissingAccount(stanza);
        } else if (target.hasResource()) {
            toFullJid(stanza, from, target, generated);
        } else {
            toBareJid(stanza, from, target, !generated);
        }
    }

    /** Sends a stanza generated by the server to a local entity, without any bounce. */
    public void deliver(Element stanza, Jid to) {
        if (to.hasResource()) {
            LocalSession s = registry.get(to);
            if (s != null) {
                s.deliver(stanza);
            }
        } else {
            registry.sessionsOf(to).forEach(s -> s.deliver(stanza));
        }
    }

    /**
     * A message that was sent to a session which then went away without acknowledging it (XEP-0198
     * §5: the server treats it as undelivered). It goes to the account as if addressed to the bare
     * JID: another available resource, or offline storage. No carbons: they were made the first time.
     */
    public void redeliver(Element message) {
        if (!message.name().equals("message") || message.attribute("to") == null) {
            return;
        }
        Jid to = Jid.tryParse(message.attribute("to")).orElse(null);
        String type = message.attribute("type");
        if (to == null || "error".equals(type) || "groupchat".equals(type) || "headline".equals(type)
                || !to.domainpart().equals(domain.domainpart()) || to.isDomainOnly()
                || !accountExists.test(to.localpart())) {
            return;
        }
        messageToBareJid(message, to.bare(), false);
    }

    /** RFC 6120 §10.5.1 / §8.2.3: stanzas for the server itself. */
    private void toServer(Element stanza, Jid from, Jid target) {
        switch (stanza.name()) {
            case "iq" -> serverIq(stanza, from, target);
            case "message" -> bounce(stanza, StanzaErrorCondition.SERVICE_UNAVAILABLE);
            default -> {
                // Presence to the server itself is absorbed (RFC 6121 §4.6 concerns contacts only).
            }
        }
    }

    private void serverIq(Element iq, Jid from, Jid target) {
        String type = iq.attribute("type");
        if ("get".equals(type) || "set".equals(type)) {
            iqHandlers.dispatch(new IqRequest(iq, from, target, reply -> deliver(reply, from)));
        }
        // RFC 6120 §8.2.3: results and errors addressed to the server end here, unless they answer
        // one of the server's own requests.
        ServerRequests requests = serverRequests;
        if (requests != null && ("result".equals(type) || "error".equals(type))) {
            requests.answered(iq, from);
        }
    }

    /** RFC 6121 §8.5.1: the account does not exist. */
    private void toMissingAccount(Element stanza) {
        if (stanza.name().equals("presence")) {
            return; // RFC 6121 §8.5.1: the server MUST ignore presence
        }
        bounce(stanza, StanzaErrorCondition.SERVICE_UNAVAILABLE);
    }

    /** RFC 6121 §8.5.3: to a full JID. */
    private void toFullJid(Element stanza, Jid from, Jid target, boolean generated) {
        LocalSession session = registry.get(target);
        if (session != null) {
            session.deliver(stanza);
            if (stanza.name().equals("message") && !generated) {
                carbons.received(stanza, target.bare(), List.of(session)); // XEP-0280 §7
            }
            return;
        }
        if (generated && stanza.name().equals("message") && !"groupchat".equals(stanza.attribute("type"))) {
            messageToBareJid(stanza, target.bare(), false); // a notification follows the account
            return;
        }
        switch (stanza.name()) {
            // RFC 6121 §8.5.3.2.1 (and the table of §8.5.4): only a chat message to an unknown
            // resource is handled as if sent to the bare JID (another resource or offline storage);
            // normal and groupchat are ignored or answered with an error (here: service-unavailable,
            // so that the sender learns the resource is gone), headline and error are ignored. A
            // message without a type, or of an unknown type, is normal (§5.2.2).
            case "message" -> {
                String type = stanza.attribute("type");
                if ("chat".equals(type)) {
                    toBareJid(stanza, from, target.bare(), true);
                } else if (!"headline".equals(type)) {
                    bounce(stanza, StanzaErrorCondition.SERVICE_UNAVAILABLE); // never for type error
                }
            }
            // RFC 6121 §8.5.3.2.3: an IQ to an unknown resource gets service-unavailable.
            case "iq" -> bounce(stanza, StanzaErrorCondition.SERVICE_UNAVAILABLE);
            default -> {
                // RFC 6121 §8.5.3.2.2: presence to an unknown resource is ignored.
            }
        }
    }

    /** RFC 6121 §8.5.2: to the bare JID of an existing account. */
    private void toBareJid(Element stanza, Jid from, Jid bare, boolean copies) {
        switch (stanza.name()) {
            case "message" -> messageToBareJid(stanza, bare, copies);
            case "presence" -> available(bare).forEach(s -> s.deliver(stanza));
            // RFC 6121 §8.5.2.1.3: the server answers IQs to a bare JID on the account's behalf.
            default -> serverIq(stanza, from, bare);
        }
    }

    /** RFC 6121 §8.5.2.1.1 (available resources) and §8.5.2.2.1 (none). */
    private void messageToBareJid(Element message, Jid bare, boolean copies) {
        String type = message.attribute("type");
        if ("error".equals(type)) {
            return;
        }
        if ("groupchat".equals(type)) {
            bounce(message, StanzaErrorCondition.SERVICE_UNAVAILABLE);
            return;
        }
        boolean headline = "headline".equals(type);
        // Every notification to a bare JID comes here, so no list is built for the usual account with
        // one resource: one pass finds the highest non-negative priority among available resources.
        List<LocalSession> sessions = registry.sessionsOf(bare);
        int max = -1;
        for (LocalSession s : sessions) {
            if (s.isAvailable() && s.priority() > max) {
                max = s.priority();
            }
        }
        if (max < 0) {
            if (!headline) {
                offline.accept(message, bare); // RFC 6121 §8.5.2.2.1: storage, XEP-0160
            }
            return; // §8.5.2.2.1: a headline is silently dropped
        }
        List<LocalSession> targets = sessions.size() == 1 ? sessions : targets(sessions, headline ? 0 : max);
        targets.forEach(s -> s.deliver(message));
        if (copies) {
            carbons.received(message, bare, targets); // XEP-0280 §7
        }
    }

    /** The available resources of at least {@code minPriority} (§8.5.2.1.1: headline to all non-negative, else the highest). */
    private static List<LocalSession> targets(List<LocalSession> sessions, int minPriority) {
        List<LocalSession> list = new ArrayList<>(sessions.size());
        for (LocalSession s : sessions) {
            if (s.isAvailable() && s.priority() >= minPriority) {
                list.add(s);
            }
        }
        return list;
    }

    private List<LocalSession> available(Jid bare) {
        List<LocalSession> list = new ArrayList<>();
        for (LocalSession s : registry.sessionsOf(bare)) {
            if (s.isAvailable()) {
                list.add(s);
            }
        }
        return list;
    }

    /** Returns an error to the sender, unless the stanza is itself an error (RFC 6120 §8.3.1). */
    private void bounce(Element stanza, StanzaErrorCondition condition) {
        bounce(stanza, StanzaError.of(condition));
    }

    /** Returns this error to the stanza's sender, unless the stanza is itself an error (RFC 6120 §8.3.1). */
    public void bounce(Element stanza, StanzaError stanzaError) {
        if ("error".equals(stanza.attribute("type"))) {
            return;
        }
        if (stanza.name().equals("iq") && !"get".equals(stanza.attribute("type"))
                && !"set".equals(stanza.attribute("type"))) {
            return;
        }
        Element error = Stanzas.errorReply(stanza, stanzaError);
        if (stanza.attribute("from") != null) {
            Jid sender = Jid.parse(stanza.attribute("from"));
            Element stamped = error.attribute("from") == null ? error.withAttribute("from", domain.toString()) : error;
            deliver(stamped, sender);
        }
    }
}
