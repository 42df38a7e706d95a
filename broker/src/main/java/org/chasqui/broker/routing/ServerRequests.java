package org.chasqui.broker.routing;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;

/**
 * IQ requests the server itself sends (e.g. XEP-0115 disco#info queries to clients): each gets a fresh
 * id, and the result or error that comes back to the server with that id is handed to the waiting
 * callback (RFC 6120 §8.2.3). Requests unanswered after {@link #TIMEOUT_MS} get a remote-server-timeout
 * error instead, so that whoever waits for them (e.g. others advertising the same caps) is not stuck.
 */
public final class ServerRequests {

    static final long TIMEOUT_MS = 60_000;

    private record Waiting(Jid to, long sentAtMillis, Consumer<Element> reply) {
    }

    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Waiting> pending = new ConcurrentHashMap<>();
    private final Router router;

    public ServerRequests(Router router) {
        this.router = router;
    }

    /** Sends {@code iq} (get or set, without id) from the domain to {@code to}; {@code reply} gets the answer. */
    public void send(Element iq, Jid to, Consumer<Element> reply) {
        long now = System.currentTimeMillis();
        expire(now);
        String id = "chasqui-" + ids.incrementAndGet();
        pending.put(id, new Waiting(to, now, reply));
        router.deliver(iq.withAttribute("id", id).withAttribute("to", to.toString())
                .withAttribute("from", router.domain().toString()), to);
    }

    /** An IQ result or error addressed to the server; true if it answered one of ours. */
    public boolean answered(Element iq, Jid from) {
        String id = iq.attribute("id");
        Waiting w = id == null ? null : pending.get(id);
        if (w == null || !w.to().equals(from)) {
            return false; // RFC 6120 §8.2.3: only the entity we asked may answer
        }
        if (pending.remove(id, w)) { // else it timed out meanwhile and its callback already ran
            w.reply().accept(iq);
        }
        return true;
    }

    private void expire(long now) {
        for (Iterator<Map.Entry<String, Waiting>> i = pending.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<String, Waiting> e = i.next();
            Waiting w = e.getValue();
            if (now - w.sentAtMillis() > TIMEOUT_MS && pending.remove(e.getKey(), w)) {
                w.reply().accept(Element.builder("iq", Namespaces.CLIENT).attribute("type", "error")
                        .attribute("id", e.getKey()).attribute("from", w.to().toString())
                        .child(Element.builder("error", Namespaces.CLIENT).attribute("type", "wait")
                                .child(Element.builder("remote-server-timeout", Namespaces.STANZAS).build()).build())
                        .build());
            }
        }
    }
}
