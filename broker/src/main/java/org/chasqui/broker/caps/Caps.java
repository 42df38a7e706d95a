package org.chasqui.broker.caps;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.chasqui.broker.routing.ServerRequests;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;

/**
 * XEP-0115 entity capabilities as the server sees its clients: presence carries {@code <c/>}; a
 * verification string not yet known is looked up once with disco#info (§6.2), verified (§5.4) and then
 * cached for every JID that advertises it (one cache for all users); results that fail verification,
 * use an unsupported hash or the legacy format stay with the one JID that sent them. Thread-safe.
 */
public final class Caps {

    public static final String NAMESPACE = "http://jabber.org/protocol/caps";
    /** A query unanswered this long no longer holds back the others that advertise its ver. */
    static final long QUERY_TIMEOUT_MS = 10_000;

    /**
     * The query in flight for one verification string: whom it asked, when, and every JID waiting for
     * the answer (the asked one included). Replaced, never changed, inside {@code waiting.compute}.
     */
    private record Pending(long query, Jid asked, long sentAtMillis, List<Jid> queue, String node) {

        Pending with(Jid jid) {
            List<Jid> q = new ArrayList<>(queue);
            q.add(jid);
            return new Pending(query, asked, sentAtMillis, List.copyOf(q), node);
        }

        Pending without(Jid jid) {
            return new Pending(query, asked, sentAtMillis, queue.stream().filter(j -> !j.equals(jid)).toList(), node);
        }
    }

    private final AtomicLong queries = new AtomicLong();

    private final Map<String, Set<String>> verified = new ConcurrentHashMap<>();
    private final Map<Jid, Set<String>> current = new ConcurrentHashMap<>();
    private final Map<String, Pending> waiting = new ConcurrentHashMap<>();
    private final ServerRequests requests;
    private final LongSupplier clock;
    private volatile Consumer<Jid> resolved = jid -> { };

    public Caps(ServerRequests requests) {
        this(requests, System::currentTimeMillis);
    }

    Caps(ServerRequests requests, LongSupplier clock) {
        this.requests = requests;
        this.clock = clock;
    }

    /** Called with a full JID whose features became known or changed. */
    public void onResolved(Consumer<Jid> listener) {
        this.resolved = listener;
    }

    /** The features of a resource (empty while unknown). */
    public Set<String> features(Jid full) {
        return current.getOrDefault(full, Set.of());
    }

    /** XEP-0163 §4.2: the resource wants notifications of {@code node}. */
    public boolean wantsNotifications(Jid full, String node) {
        return features(full).contains(node + "+notify");
    }

    /**
     * The resource left: its capabilities go with it, and a query it was asked and can no longer answer
     * goes to the next resource waiting for the same ver (else nobody would ever ask again).
     */
    public void gone(Jid full) {
        current.remove(full);
        for (Map.Entry<String, Pending> e : waiting.entrySet()) {
            Pending p = e.getValue();
            if (p.asked().equals(full)) {
                askNext(e.getKey(), p, full);
            } else if (p.queue().contains(full)) {
                waiting.computeIfPresent(e.getKey(), (k, now) -> now.without(full));
            }
        }
    }

    /** Broadcast presence from a resource; without {@code <c/>} the last known capabilities stay (§6.1). */
    public void presence(Jid full, Element presence) {
        Element c = presence.child("c", NAMESPACE);
        if (c == null || c.attribute("ver") == null || c.attribute("node") == null) {
            return;
        }
        String hash = c.attribute("hash");
        String ver = c.attribute("ver");
        String key = hash + " " + ver;
        Set<String> known = hash == null ? null : verified.get(key);
        if (known != null) {
            set(full, known);
            return;
        }
        String node = c.attribute("node") + "#" + ver;
        long now = clock.getAsLong();
        Pending[] ask = new Pending[1];
        // atomic with answer()'s removal: a JID joins the queue the answer will serve, or starts a new one
        waiting.compute(key, (k, pending) -> {
            if (pending == null || now - pending.sentAtMillis() > QUERY_TIMEOUT_MS) {
                List<Jid> queue = pending == null ? List.of(full) : pending.with(full).queue();
                ask[0] = new Pending(queries.incrementAndGet(), full, now, queue, node); // §6.2: one query per ver at a time; a lost one is retried
                return ask[0];
            }
            return pending.with(full);
        });
        if (ask[0] != null) {
            query(key, hash, ver, ask[0]);
        }
        Set<String> late = hash == null ? null : verified.get(key);
        if (late != null) {
            set(full, late); // answered between the first look and joining the queue
        }
    }

    private void query(String key, String hash, String ver, Pending p) {
        Element query = Element.builder("iq", Namespaces.CLIENT).attribute("type", "get")
                .child(Element.builder("query", Namespaces.DISCO_INFO).attribute("node", p.node()).build())
                .build();
        requests.send(query, p.asked(), reply -> answer(key, hash, ver, p, reply));
    }

    /** The query {@code p} will not be answered by {@code failed}: ask the next one waiting, if any. */
    private void askNext(String key, Pending p, Jid failed) {
        String[] hv = key.split(" ", 2);
        Pending[] ask = new Pending[1];
        waiting.computeIfPresent(key, (k, now) -> {
            if (now.query() != p.query()) {
                return now; // already answered, or asked again
            }
            List<Jid> rest = new ArrayList<>(now.queue());
            rest.remove(failed);
            if (rest.isEmpty()) {
                return null;
            }
            ask[0] = new Pending(queries.incrementAndGet(), rest.get(0), clock.getAsLong(), List.copyOf(rest), now.node());
            return ask[0];
        });
        if (ask[0] != null) {
            query(key, "null".equals(hv[0]) ? null : hv[0], hv[1], ask[0]);
        }
    }

    private void answer(String key, String hash, String ver, Pending p, Element reply) {
        Element result = "result".equals(reply.attribute("type")) ? reply.child("query", Namespaces.DISCO_INFO) : null;
        if (result == null) {
            askNext(key, p, p.asked()); // an error (or the asked resource went away): someone else may know
            return;
        }
        Set<String> features = features(result);
        if (hash != null && ver.equals(CapsVerifier.ver(result, hash))) {
            verified.put(key, features); // §5.4: valid, cached for every JID
            Pending served = waiting.remove(key);
            Set<Jid> queue = new LinkedHashSet<>(p.queue());
            if (served != null) {
                queue.addAll(served.queue());
            }
            queue.forEach(jid -> set(jid, features));
        } else {
            set(p.asked(), features); // §5.4: invalid or legacy, only for the JID that answered
            askNext(key, p, p.asked());
        }
    }

    private void set(Jid full, Set<String> features) {
        Set<String> before = current.put(full, features);
        if (!features.equals(before)) {
            resolved.accept(full);
        }
    }

    private static Set<String> features(Element query) {
        java.util.HashSet<String> out = new java.util.HashSet<>();
        for (Element e : query.elements()) {
            if (e.is("feature", Namespaces.DISCO_INFO) && e.attribute("var") != null) {
                out.add(e.attribute("var"));
            }
        }
        return Set.copyOf(out);
    }
}
