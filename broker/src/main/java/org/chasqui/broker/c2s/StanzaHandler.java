package org.chasqui.broker.c2s;

import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.HexFormat;
import org.chasqui.broker.carbons.CarbonCopier;
import org.chasqui.broker.iq.IqRequest;
import org.chasqui.xmpp.jid.InvalidJidException;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StanzaError;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.stanza.Stanzas;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.xml.Element;

/**
 * Stanzas a client sends on its stream: what is allowed before authentication (XEP-0077
 * registration), resource binding (RFC 6120 §7), then the checks and 'from' stamping of §8 before a
 * stanza is routed. Presence without 'to' updates the resource's availability (RFC 6121 §4).
 * Owned by the session's event loop.
 */
final class StanzaHandler {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** RFC 6121 §3: the presence types that manage subscriptions. */
    private static final Set<String> SUBSCRIPTION_TYPES = Set.of("subscribe", "subscribed", "unsubscribe", "unsubscribed");

    private final ClientSession session;
    private final C2sServices services;
    /** RFC 6121 §4.6: directed presence recipients of this session (owned by its event loop). */
    private final Set<Jid> directed = new LinkedHashSet<>();
    private boolean registrationPending;
    private int registered;

    StanzaHandler(ClientSession session, C2sServices services) {
        this.session = session;
        this.services = services;
    }

    void handle(Element element) {
        if (!Stanzas.isStanza(element) || !element.namespace().equals(Namespaces.CLIENT)) {
            // RFC 6120 §4.9.3.24: a first-level element the server does not understand
            session.close(StreamError.of(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE));
            return;
        }
        if (session.username() == null) {
            beforeAuthentication(element);
        } else if (!session.isBound()) {
            beforeBinding(element);
        } else {
            bound(element);
        }
    }

    /**
     * XEP-0077 §3.1 registration is the only thing allowed before SASL; anything else ends the stream
     * with not-authorized (RFC 6120 §4.9.3.12).
     */
    private void beforeAuthentication(Element stanza) {
        Element payload = stanza.firstElement();
        boolean tlsOk = session.secured() || !services.config().c2s().requireTls();
        if (tlsOk && stanza.name().equals("iq") && isRequest(stanza) && payload != null
                && payload.is("query", Namespaces.REGISTER) && addressedToServerOrNobody(stanza)) {
            register(stanza);
            return;
        }
        session.close(StreamError.of(StreamErrorCondition.NOT_AUTHORIZED));
    }

    /**
     * XEP-0077 §3.1 (and its advice to limit registrations): one registration at a time, and at
     * most {@code registration.max_per_connection} accounts per connection; beyond, not-acceptable.
     */
    private void register(Element iq) {
        boolean set = "set".equals(iq.attribute("type"));
        int max = services.config().registration().maxPerConnection();
        if (set && (registrationPending || registered >= max)) {
            reject(iq, StanzaError.of(StanzaErrorCondition.NOT_ACCEPTABLE, registrationPending
                    ? "a registration is in progress" : "no more accounts from this connection"));
            return;
        }
        if (set) {
            registrationPending = true;
        }
        services.iqHandlers().dispatch(new IqRequest(iq, null, services.domain(), reply -> {
            if (set) {
                registrationPending = false;
                if ("result".equals(reply.attribute("type"))) {
                    registered++;
                }
            }
            session.send(reply);
        }));
    }


    private boolean addressedToServerOrNobody(Element stanza) {
        String to = stanza.attribute("to");
        return to == null || Jid.tryParse(to).map(services.domain()::equals).orElse(false);
    }

    /** RFC 6120 §7.1: nothing but binding before a resource is bound (else not-authorized). */
    private void beforeBinding(Element stanza) {
        Element payload = stanza.firstElement();
        if (stanza.name().equals("iq") && "set".equals(stanza.attribute("type")) && payload != null
                && payload.is("bind", Namespaces.BIND)) {
            if (stanza.attribute("id") == null) {
                // RFC 6120 §8.2.3: an IQ without id cannot be answered with a result
                reject(stanza, StanzaError.of(StanzaErrorCondition.BAD_REQUEST, "an IQ needs an id"));
                return;
            }
            bind(stanza, payload);
            return;
        }
        session.close(StreamError.of(StreamErrorCondition.NOT_AUTHORIZED));
    }

    /** RFC 6120 §7.6 (server-generated resource) and §7.7 (client-submitted). */
    private void bind(Element iq, Element bind) {
        Jid bare = Jid.of(session.username(), services.domain().domainpart(), null);
        String requested = bind.childText("resource", Namespaces.BIND);
        Jid full;
        if (requested == null || requested.isBlank()) {
            full = bare.withResource(randomResource());
        } else {
            try {
                full = bare.withResource(requested);
            } catch (InvalidJidException e) {
                // RFC 6120 §7.7.2.1: a resource that cannot be prepared is a bad request
                session.send(Stanzas.errorReply(iq, StanzaError.of(StanzaErrorCondition.BAD_REQUEST, e.getMessage())));
                return;
            }
        }
        session.bound(full);
        Element result = Element.builder("bind", Namespaces.BIND).textChild("jid", full.toString()).build();
        session.send(Stanzas.iqResult(iq, result).withoutAttribute("from").withoutAttribute("to"));
    }

    private static String randomResource() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "chasqui-" + HexFormat.of().formatHex(bytes);
    }

    private void bound(Element stanza) {
        Jid from = session.jid();
        // RFC 6120 §8.1.2.1: the server stamps the full JID; any other 'from' is spoofing (§4.9.3.9).
        String claimed = stanza.attribute("from");
        if (claimed != null) {
            Jid claimedJid = Jid.tryParse(claimed).orElse(null);
            if (claimedJid == null || !(claimedJid.equals(from) || claimedJid.equals(from.bare()))) {
                session.close(new StreamError(StreamErrorCondition.INVALID_FROM, "'from' does not match the bound JID"));
                return;
            }
        }
        Element stamped = stanza.withAttribute("from", from.toString());
        Jid to;
        try {
            to = stanza.attribute("to") == null ? null : Jid.parse(stanza.attribute("to"));
        } catch (InvalidJidException e) {
            // the reply comes from the server: the malformed address cannot be its sender
            reject(stamped.withoutAttribute("to"), StanzaError.of(StanzaErrorCondition.JID_MALFORMED, e.getMessage()));
            return; // RFC 6120 §8.3.3.8
        }
        switch (stanza.name()) {
            case "iq" -> iq(stamped, from, to);
            case "presence" -> presence(stamped, from, to);
            default -> services.router().route(stamped, from, to);
        }
    }

    /** RFC 6120 §8.2.3: the type, id and payload rules of IQ. */
    private void iq(Element iq, Jid from, Jid to) {
        String type = iq.attribute("type");
        boolean request = isRequest(iq);
        boolean response = "result".equals(type) || "error".equals(type);
        int children = iq.elements().size();
        if (iq.attribute("id") == null || (!request && !response) || (request && children != 1)
                || ("result".equals(type) && children > 1)) {
            reject(iq, StanzaError.of(StanzaErrorCondition.BAD_REQUEST, "malformed IQ (RFC 6120 §8.2.3)"));
            return;
        }
        Element payload = iq.firstElement();
        if (request && to == null && payload.is("bind", Namespaces.BIND)) {
            reject(iq, StanzaError.of(StanzaErrorCondition.NOT_ALLOWED, "a resource is already bound"));
            return;
        }
        if ("set".equals(type) && to == null && payload.is("session", Namespaces.SESSION)) {
            session.send(Stanzas.iqResult(iq).withoutAttribute("from")); // RFC 3921 §3, kept for old clients
            return;
        }
        if ("set".equals(type) && (to == null || to.equals(from.bare())) && CarbonCopier.isToggle(payload)) {
            // XEP-0280 §4 / §5: a per-session flag, answered from the account's bare JID
            session.carbons(payload.name().equals("enable"));
            session.send(Stanzas.iqResult(iq).withAttribute("from", from.bare().toString()));
            return;
        }
        services.router().route(iq, from, to);
    }

    /** RFC 6121 §4.2 / §4.5: presence without 'to' is broadcast; with 'to' it is directed. */
    private void presence(Element presence, Jid from, Jid to) {
        String type = presence.attribute("type");
        // (Set.of rejects null: an available presence has no type)
        if (to != null && type != null && SUBSCRIPTION_TYPES.contains(type)) {
            // RFC 6121 §3.1.2, §3.1.5, §3.2.2, §3.3.2: the server stamps an outbound subscription
            // stanza with the sender's bare JID; §3.1.3: a full JID in 'to' is treated as the bare JID.
            Jid bareFrom = from.bare();
            Jid bareTo = to.bare();
            services.subscriptions().outbound(bareFrom, bareTo, presence.withAttribute("from", bareFrom.toString())
                    .withAttribute("to", bareTo.toString()));
            return;
        }
        if (to != null && "probe".equals(type)) {
            // RFC 6121 §4.3: probes are the server's business; one from a client is answered the same way
            if (to.domainpart().equals(services.domain().domainpart()) && !to.isDomainOnly()) {
                services.presence().probe(from, to.bare());
            }
            return;
        }
        if (to != null) {
            trackDirected(to, type, from);
            services.router().route(presence, from, to);
            return;
        }
        boolean wasAvailable = session.isAvailable();
        if (type == null) {
            session.presenceChanged(presence, priorityOf(presence));
        } else if (type.equals("unavailable")) {
            session.presenceChanged(null, 0);
        } else {
            return; // subscription management and probes without 'to' have no meaning here
        }
        services.presence().broadcast(session, presence, type == null && !wasAvailable, List.copyOf(directed));
        if (type != null) {
            directed.clear(); // §4.6.3: they got the unavailable presence
        }
    }

    /** RFC 6121 §4.6: who received directed presence gets the unavailable presence at the end. */
    private void trackDirected(Jid to, String type, Jid from) {
        if (to.isDomainOnly() || to.bare().equals(from.bare())) {
            return;
        }
        if (type == null) {
            directed.add(to);
        } else if (type.equals("unavailable") || type.equals("error")) {
            directed.remove(to);
        }
    }

    /** Called when the connection is gone: the contacts and other resources learn it is unavailable (RFC 6121 §4.5.2). */
    void connectionLost() {
        boolean wasAvailable = session.isAvailable();
        session.presenceChanged(null, 0);
        services.presence().sessionLost(session, List.copyOf(directed), wasAvailable);
        directed.clear();
    }

    /** RFC 6121 §4.7.2.3: an integer from -128 to 127, 0 when absent or invalid. */
    private static int priorityOf(Element presence) {
        String text = presence.childText("priority", Namespaces.CLIENT);
        if (text == null) {
            return 0;
        }
        try {
            return Math.max(-128, Math.min(127, Integer.parseInt(text.strip())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isRequest(Element iq) {
        String type = iq.attribute("type");
        return "get".equals(type) || "set".equals(type);
    }

    private void reject(Element stanza, StanzaError error) {
        if (!"error".equals(stanza.attribute("type"))) {
            Element reply = Stanzas.errorReply(stanza, error);
            session.send(reply.attribute("from") == null ? reply.withAttribute("from", services.domain().toString()) : reply);
        }
    }
}
