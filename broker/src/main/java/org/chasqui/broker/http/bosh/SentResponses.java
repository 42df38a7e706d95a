package org.chasqui.broker.http.bosh;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * XEP-0124 §14.4: the responses last sent, by rid, so that a client whose connection broke can ask
 * again and get the same body. The last {@code capacity} are kept, minus those the client has
 * acknowledged (§9.2); pause responses and errors are never added.
 */
final class SentResponses {

    private final int capacity;
    private final LinkedHashMap<Long, String> bodies = new LinkedHashMap<>();

    SentResponses(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    void add(long rid, String body) {
        bodies.put(rid, body);
        Iterator<Long> oldest = bodies.keySet().iterator();
        while (bodies.size() > capacity) {
            oldest.next();
            oldest.remove();
        }
    }

    /** The body sent for {@code rid}, or null if it is not kept. */
    String get(long rid) {
        return bodies.get(rid);
    }

    /** §9.2: the client has every response up to {@code ack}. */
    void acknowledged(long ack) {
        bodies.keySet().removeIf(rid -> rid <= ack);
    }
}
