package org.chasqui.broker.sm;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import org.chasqui.xmpp.jid.Jid;

/**
 * The resumable stream management sessions by SM-ID (XEP-0198 §5), live or waiting for their client
 * to come back. Ids are 144 random bits from {@link SecureRandom}, so they cannot be guessed, and are
 * never handed out twice while the server runs. Any thread may read and write; nothing blocks.
 *
 * @param <S> the session type
 */
public final class ResumptionRegistry<S> {

    private static final int ID_BYTES = 18;

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Entry<S>> byId = new ConcurrentHashMap<>();

    private record Entry<S>(Jid account, S session) {
    }

    /** Registers a session of {@code account} (its bare JID) under a new SM-ID and returns the id. */
    public String register(Jid account, S session) {
        while (true) {
            String id = newId();
            if (byId.putIfAbsent(id, new Entry<>(account.bare(), session)) == null) {
                return id;
            }
        }
    }

    /** The session that now continues the SM session {@code id} (after a resumption). */
    public void reassign(String id, Jid account, S session) {
        byId.put(id, new Entry<>(account.bare(), session));
    }

    /**
     * The session registered under {@code id} if it belongs to {@code account}, else null: §10, a
     * session is resumed only by its own authenticated user.
     */
    public S find(String id, Jid account) {
        Entry<S> entry = id == null ? null : byId.get(id);
        return entry != null && entry.account().equals(account.bare()) ? entry.session() : null;
    }

    /** Removes {@code id} if it still names {@code session}; false if it was gone or taken over. */
    public boolean remove(String id, S session) {
        boolean[] removed = new boolean[1];
        byId.computeIfPresent(id, (key, entry) -> {
            if (entry.session() == session) {
                removed[0] = true;
                return null;
            }
            return entry;
        });
        return removed[0];
    }

    public int size() {
        return byId.size();
    }

    private String newId() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
