package org.chasqui.persistence.pubsub;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.chasqui.pubsub.Payload;

/**
 * The payload of an item in the pubsub journal: where its record is ({@link JournalPayloads} reads it
 * from there), and a heap copy while one is wanted. A new item's payload holds its XML until its record
 * is appended and its address known; after that the copy is kept only while the item is its node's newest
 * ({@link #newest(boolean)}). A replayed item starts with no copy; the newest one gets it at its first read.
 *
 * <p>Threads: the shard owning the item calls {@link #newest}; the journal's writer thread calls
 * {@link #stored}; the snapshot worker calls {@link #movedTo}; any thread may call {@link #xml()}. The
 * fields are volatile and each pair of writers follows "write my field, then read the other's": a
 * drop of the copy is never missed, and {@code copy == null} only once {@code location} is known, so a
 * reader that finds no copy always finds a location. The XML is the same wherever it is read from, so
 * a reader never needs the copy and the location to agree.
 */
final class StoredPayload implements Payload {

    /** Not yet known: the append has not completed (or failed: then the copy stays). */
    static final long UNKNOWN = -1;

    private static final VarHandle LOCATION;

    static {
        try {
            LOCATION = MethodHandles.lookup().findVarHandle(StoredPayload.class, "location", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final JournalPayloads store;
    /** A journal address (&gt;= 0), a place in a snapshot, or {@link #UNKNOWN}: see {@link JournalPayloads}. */
    private volatile long location;
    private volatile String copy;
    private volatile boolean newest;

    /** A new item's payload: its XML, until its record is appended. */
    StoredPayload(JournalPayloads store, String xml) {
        this.store = store;
        this.location = UNKNOWN;
        this.copy = xml;
    }

    /** A replayed item's payload: where its record is. */
    StoredPayload(JournalPayloads store, long location) {
        this.store = store;
        this.location = location;
    }

    @Override
    public String xml() {
        String c = copy;
        if (c != null) {
            return c;
        }
        String xml = store.read(this);
        if (newest) {
            copy = xml;
            if (!newest) { // the shard demoted it meanwhile: its drop may have come before our copy
                copy = null;
            }
        }
        return xml;
    }

    @Override
    public boolean onHeap() {
        return copy != null;
    }

    @Override
    public void newest(boolean isNewest) {
        newest = isNewest;
        if (!isNewest && location != UNKNOWN) {
            copy = null;
        }
    }

    /** The record was appended at {@code address} (on the writer thread). */
    void stored(long address) {
        if (LOCATION.compareAndSet(this, UNKNOWN, address) && !newest) {
            copy = null;
        }
    }

    /** The record was written again, at {@code location} (a snapshot's), and is read from there now. */
    void movedTo(long newLocation) {
        location = newLocation;
        if (!newest) {
            copy = null;
        }
    }

    long location() {
        return location;
    }

    boolean storedBy(JournalPayloads s) {
        return store == s;
    }

    @Override
    public String toString() {
        return "StoredPayload[" + JournalPayloads.describe(location) + (copy != null ? ", in memory]" : "]");
    }
}
