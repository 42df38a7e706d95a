package org.chasqui.broker.http.bosh;

import io.vertx.core.Context;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open BOSH sessions of the server by sid, with the event loop that owns each. A concurrent map:
 * requests arrive on any event loop and look their session up here, then hop to its loop.
 */
final class BoshSessions {

    /** A session and the context it lives on. */
    record Entry(BoshTransport transport, Context context) {
    }

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** XEP-0124 §7.2, §19.3: an opaque, unpredictable sid, unique among the open sessions. */
    String newSid() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    void add(String sid, BoshTransport transport, Context context) {
        if (sessions.putIfAbsent(sid, new Entry(transport, context)) != null) {
            throw new IllegalStateException("sid collision");
        }
    }

    Entry get(String sid) {
        return sessions.get(sid);
    }

    boolean remove(String sid) {
        return sessions.remove(sid) != null;
    }

    int size() {
        return sessions.size();
    }

    Collection<Entry> all() {
        return sessions.values();
    }
}
