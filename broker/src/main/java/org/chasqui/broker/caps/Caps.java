package org.chasqui.broker.caps;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
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

    private final Map<String, Set<String>> verified = new ConcurrentHashMap<>();
    private final Map<Jid, Set<String>> current = new ConcurrentHashMap<>();
    private final Map<String, List<Jid>> waiting = new ConcurrentHashMap<>();
    private final ServerRequests requests;
    private volatile Consumer<Jid> resolved = jid -> { };

    public Caps(ServerRequests requests) {
        this.requests = requests;
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

    /** The resource left: its capabilities go with it. */
    public void gone(Jid full) {
        current.remove(full);
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
        List<Jid> queue = waiting.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
        boolean first = queue.isEmpty();
        queue.add(full);
        if (!first) {
            return; // one query per verification string at a time
        }
        Element query = Element.builder("iq", Namespaces.CLIENT).attribute("type", "get")
                .child(Element.builder("query", Namespaces.DISCO_INFO).attribute("node", c.attribute("node") + "#" + ver).build())
                .build();
        requests.send(query, full, reply -> answer(key, hash, ver, full, reply));
    }

    private void answer(String key, String hash, String ver, Jid asked, Element reply) {
        List<Jid> queue = waiting.remove(key);
        Element result = "result".equals(reply.attribute("type")) ? reply.child("query", Namespaces.DISCO_INFO) : null;
        if (result == null) {
            return;
        }
        Set<String> features = features(result);
        if (hash != null && ver.equals(CapsVerifier.ver(result, hash))) {
            verified.put(key, features); // §5.4: valid, cached for every JID
            if (queue != null) {
                queue.forEach(jid -> set(jid, features));
            }
        } else {
            set(asked, features); // §5.4: invalid or legacy, only for the JID that answered
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
