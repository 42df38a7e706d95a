package org.chasqui.persistence.pubsub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.chasqui.persistence.log.ChronicleLog;
import org.chasqui.persistence.snapshot.SnapshotData;
import org.chasqui.persistence.snapshot.SnapshotStore.Snapshot;
import org.chasqui.pubsub.Payload;
import org.chasqui.pubsub.PayloadStore;

/**
 * The payloads of the items of one pubsub journal: the engines keep only their metadata and a
 * {@link StoredPayload} each, which this reads on demand from the bytes of the item's record, in the
 * journal's mapped files or in a snapshot's mapped data file.
 *
 * <p>A location is one long: a journal address (&gt;= 0, see {@link ChronicleLog#read}), or, with the top
 * bit set, a snapshot source id (bits 40-62, numbered in this process, never reused) and the offset of
 * the record in its data file (bits 0-39).
 *
 * <p>Files go away (journal files covered by a snapshot, snapshots past retention), so references must
 * move first: a snapshot lists the live items on their shards, is written, and then, before any file
 * is deleted, every stored payload it holds is moved to its place in the new snapshot
 * ({@link #moveTo}). An item live on its shard is therefore always readable there: published before the
 * listing, it was moved; after it, its record comes after the shard's covered position, whose journal
 * file stays. Items leave the engine {@link org.chasqui.pubsub.Item#detached() detached} (replies and
 * notifications carry the XML), so a dropped item is never read later. A read that races a move and a
 * deletion finds nothing at the old place and reads the payload's location again.
 */
final class JournalPayloads implements PayloadStore {

    private static final int OFFSET_BITS = 40;
    private static final long MAX_OFFSET = (1L << OFFSET_BITS) - 1;
    private static final int MAX_SOURCE = (1 << 23) - 2; // all ones would make UNKNOWN (-1) a location

    private record Source(int id, SnapshotData data) {
    }

    private final ChronicleLog log;
    /** The mapped snapshots items may refer to; replaced whole (copy on write), read without a lock. */
    private volatile Source[] sources = new Source[0];
    private int lastSourceId; // guarded by this

    JournalPayloads(ChronicleLog log) {
        this.log = log;
    }

    @Override
    public Payload keep(String xml) {
        return new StoredPayload(this, xml);
    }

    /** The payload of the item record at {@code address} in the journal (replay). */
    StoredPayload inJournal(long address) {
        if (address < 0) {
            throw new IllegalArgumentException("journal address " + address);
        }
        return new StoredPayload(this, address);
    }

    /** The payload of the item record at {@code offset} in a snapshot registered as {@code source} (replay). */
    StoredPayload inSnapshot(int source, long offset) {
        return new StoredPayload(this, location(source, offset));
    }

    /** Maps {@code s} and makes it a source items may refer to; returns its id. Not on a hot path. */
    synchronized int register(Snapshot s) {
        for (Source src : sources) {
            if (src.data().snapshot().dir().equals(s.dir())) {
                return src.id();
            }
        }
        if (lastSourceId >= MAX_SOURCE) {
            throw new IllegalStateException("more snapshots than payload locations can name in one run");
        }
        SnapshotData data;
        try {
            data = SnapshotData.map(s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map snapshot " + s.data(), e);
        }
        Source added = new Source(++lastSourceId, data);
        Source[] now = Arrays.copyOf(sources, sources.length + 1);
        now[now.length - 1] = added;
        sources = now;
        return added.id();
    }

    /**
     * {@code moved.get(i)} was written again at {@code offsets[i]} in {@code written}: map it and read the
     * payloads from there from now on. Before the files they referred to may be deleted.
     */
    void moveTo(Snapshot written, List<StoredPayload> moved, long[] offsets) {
        if (moved.isEmpty()) {
            return;
        }
        int source = register(written);
        for (int i = 0; i < moved.size(); i++) {
            moved.get(i).movedTo(location(source, offsets[i]));
        }
    }

    /** Forgets the sources of snapshots not in {@code kept} (deleted by retention); their mappings go with the GC. */
    synchronized void retain(List<Snapshot> kept) {
        List<Source> still = new ArrayList<>();
        for (Source src : sources) {
            if (kept.stream().anyMatch(k -> k.dir().equals(src.data().snapshot().dir()))) {
                still.add(src);
            }
        }
        sources = still.toArray(Source[]::new);
    }

    /** Reads {@code p}'s XML where it is; if it moved meanwhile, where it is now. */
    String read(StoredPayload p) {
        return read(p, p.location());
    }

    /** {@link #read(StoredPayload)} by a reader that found {@code p} at {@code at} (perhaps no longer there). */
    String read(StoredPayload p, long at) {
        while (true) {
            String xml;
            try {
                xml = readAt(at);
            } catch (RuntimeException e) { // e.g. its journal file went while we read
                if (p.location() == at) {
                    throw e;
                }
                xml = null;
            }
            if (xml != null) {
                return xml;
            }
            long now = p.location();
            if (now == at) {
                throw new IllegalStateException("item payload not found at " + describe(at));
            }
            at = now;
        }
    }

    private String readAt(long at) {
        if (at == StoredPayload.UNKNOWN) {
            return null;
        }
        if (at >= 0) {
            return log.read(at, PubSubRecordCodec::payloadOf);
        }
        int id = sourceOf(at);
        for (Source src : sources) {
            if (src.id() == id) {
                return src.data().read(offsetOf(at), PubSubRecordCodec::payloadOf);
            }
        }
        return null;
    }

    static long location(int source, long offset) {
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalStateException("snapshot offset " + offset + " beyond what a payload location holds");
        }
        return Long.MIN_VALUE | ((long) source << OFFSET_BITS) | offset;
    }

    private static int sourceOf(long location) {
        return (int) ((location & Long.MAX_VALUE) >>> OFFSET_BITS);
    }

    private static long offsetOf(long location) {
        return location & MAX_OFFSET;
    }

    static String describe(long location) {
        if (location == StoredPayload.UNKNOWN) {
            return "not yet appended";
        }
        return location >= 0 ? "journal address " + location
                : "snapshot source " + sourceOf(location) + " offset " + offsetOf(location);
    }
}
