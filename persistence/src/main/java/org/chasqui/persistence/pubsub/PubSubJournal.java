package org.chasqui.persistence.pubsub;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.chasqui.persistence.log.ChronicleLog;
import org.chasqui.persistence.log.Durability;
import org.chasqui.persistence.log.JournalRoll;
import org.chasqui.persistence.log.JournalDamage;
import org.chasqui.persistence.log.JournalReport;
import org.chasqui.persistence.snapshot.Coverage;
import org.chasqui.persistence.snapshot.SnapshotStore;
import org.chasqui.persistence.snapshot.SnapshotStore.Snapshot;
import org.chasqui.persistence.snapshot.Snapshots;
import org.chasqui.pubsub.NodeConfig;
import org.chasqui.pubsub.PayloadStore;
import org.chasqui.pubsub.PubSubRecord;
import org.chasqui.pubsub.PubSubRecord.ItemPublished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.chasqui.xmpp.jid.Jid;

/**
 * The journal of every pubsub service (pubsub.domain and the PEP services), format in
 * {@code package-info.java}: the engine's {@link PubSubRecord}s tagged with their service. One writer
 * thread; appends keep their call order; a future completes once its record is in the queue.
 *
 * <p>Item payloads stay in the files: engines made with {@link #payloads()} and the records a replay
 * hands over refer to the bytes of their records (see {@link JournalPayloads}), which are read while
 * the journal is open.
 */
public final class PubSubJournal implements AutoCloseable {

    static final String NAME = "pubsub-journal";
    private static final Logger LOG = LoggerFactory.getLogger(PubSubJournal.class);

    /** What a replay delivers, in journal order. */
    @FunctionalInterface
    public interface Visitor {
        void record(Jid service, PubSubRecord record);
    }

    /** A record of a snapshot: one service's record. */
    public record Entry(Jid service, PubSubRecord record) {
        public Entry {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(record, "record");
        }
    }

    private final ChronicleLog log;
    private final SnapshotStore snapshots;
    private final JournalPayloads payloads;

    private PubSubJournal(ChronicleLog log, Path dir) {
        this.log = log;
        this.snapshots = new SnapshotStore(dir, NAME);
        this.payloads = new JournalPayloads(log);
    }

    /**
     * Where the engines of this journal's services keep payloads: on the heap until appended, then in
     * the journal (and after a snapshot, in the snapshot).
     */
    public PayloadStore payloads() {
        return payloads;
    }

    public static PubSubJournal open(Path dir) {
        return open(dir, Durability.PROCESS);
    }

    /** Opens (creating if needed) the journal in {@code dir}; appends complete at {@code durability}. */
    public static PubSubJournal open(Path dir, Durability durability) {
        return new PubSubJournal(ChronicleLog.open(dir, NAME, durability), dir);
    }

    /**
     * {@link #open(Path, Durability)} creating a new directory with {@code roll}; an existing one keeps
     * its own ({@link JournalRoll}).
     */
    public static PubSubJournal open(Path dir, Durability durability, JournalRoll roll) {
        return new PubSubJournal(ChronicleLog.open(dir, NAME, durability, roll, null), dir);
    }

    /** {@link #open(Path, LongSupplier)} creating a new directory with {@code roll}. */
    public static PubSubJournal open(Path dir, JournalRoll roll, LongSupplier clockMillis) {
        return new PubSubJournal(ChronicleLog.open(dir, NAME, Durability.PROCESS, roll, clockMillis), dir);
    }

    /** {@link #open(Path)} with the clock that picks the journal file (tests write several days). */
    public static PubSubJournal open(Path dir, LongSupplier clockMillis) {
        return new PubSubJournal(ChronicleLog.open(dir, NAME, Durability.PROCESS, clockMillis), dir);
    }

    /**
     * For {@code chasqui repair-data} only: opens the journal in {@code dir} read-only, its replay
     * ending before the first damage ({@link #damage()}) instead of refusing it; nothing can be
     * appended. See {@link ChronicleLog#salvage}.
     */
    public static PubSubJournal salvage(Path dir) {
        return new PubSubJournal(ChronicleLog.salvage(dir, NAME), dir);
    }

    /** The first damage of a journal opened by {@link #salvage}, where its replay ends. */
    public Optional<JournalDamage> damage() {
        return log.damage();
    }

    /** Checks the journal in {@code dir} offline (changes nothing); every record must decode over {@code defaults}. */
    public static JournalReport verify(Path dir, NodeConfig defaults) {
        return ChronicleLog.verify(dir, NAME, bytes -> PubSubRecordCodec.read(bytes, defaults));
    }

    /** Checks the snapshots of the journal in {@code dir} offline (see {@link Snapshots#verify}). */
    public static JournalReport verifySnapshots(Path dir, NodeConfig defaults) {
        return Snapshots.verify(new SnapshotStore(dir, NAME), NAME, bytes -> PubSubRecordCodec.read(bytes, defaults));
    }

    public CompletableFuture<Void> append(Jid service, PubSubRecord record) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(record, "record");
        if (record instanceof ItemPublished p && p.item().payload() instanceof StoredPayload stored
                && stored.storedBy(payloads)) {
            return log.appendAddressed(out -> PubSubRecordCodec.write(out, service, record)).thenAccept(stored::stored);
        }
        return log.append(out -> PubSubRecordCodec.write(out, service, record));
    }

    /**
     * Hands the records that rebuild every service to the visitor (the newest snapshot's, then the
     * journal's after it); returns how many. Stored configurations are read over {@code defaults}. A
     * record this version cannot read is skipped with a warning. Item payloads refer to their records
     * (read while this journal is open).
     */
    public int replay(NodeConfig defaults, Visitor visitor) {
        return (int) recover(defaults, visitor).total();
    }

    /** {@link #replay(NodeConfig, Visitor)} telling where the records came from. */
    public Snapshots.Replayed recover(NodeConfig defaults, Visitor visitor) {
        Map<String, Jid> jids = new HashMap<>(); // one instance per JID for the replay (see the codec)
        Function<String, Jid> parse = text -> jids.computeIfAbsent(text, Jid::parse);
        int[] source = {-1};
        Snapshots.LocatedDecoder<Entry> decode = (bytes, snapshot, at) -> PubSubRecordCodec.read(bytes, defaults, parse, () -> {
            if (snapshot == null) {
                return payloads.inJournal(at);
            }
            if (source[0] < 0) {
                source[0] = payloads.register(snapshot);
            }
            return payloads.inSnapshot(source[0], at);
        });
        return Snapshots.replay(log, snapshots, "pubsub journal", decode, e -> ownerKey(e.service()),
                e -> visitor.record(e.service(), e.record()));
    }

    /**
     * The key by which a service's records are owned (its shard, see {@link Coverage}): an account's
     * PEP service goes with the account (its localpart, as the account's user state), any other
     * service by its address.
     */
    public static String ownerKey(Jid service) {
        return service.localpart() != null ? service.localpart() : service.toString();
    }

    /** See {@code UserJournal.position()}: the index of the last record once earlier appends are done. */
    public CompletableFuture<Long> position() {
        return log.position();
    }

    /**
     * Writes a snapshot of {@code entries} (per service, the minimal records that rebuild it), keeps the
     * newest {@code keep} and deletes the journal files they cover. The stored payloads of the items it
     * holds are read from the new snapshot from then on, before any file goes. Blocking: on a worker
     * thread; one snapshot at a time.
     */
    public synchronized Snapshot snapshot(Coverage coverage, Iterable<Entry> entries, int keep) {
        long started = System.nanoTime();
        List<StoredPayload> moved = new ArrayList<>();
        long[][] offsets = {new long[1024]};
        Snapshot written = snapshots.write(coverage, entries, (out, e) -> PubSubRecordCodec.write(out, e.service(), e.record()),
                (e, offset) -> {
                    if (e.record() instanceof ItemPublished p && p.item().payload() instanceof StoredPayload stored
                            && stored.storedBy(payloads)) {
                        if (moved.size() == offsets[0].length) {
                            offsets[0] = Arrays.copyOf(offsets[0], offsets[0].length * 2);
                        }
                        offsets[0][moved.size()] = offset;
                        moved.add(stored);
                    }
                });
        payloads.moveTo(written, moved, offsets[0]);
        payloads.retain(Snapshots.compact(log, snapshots, "pubsub journal", keep));
        LOG.info("pubsub journal: snapshot {} of {} records ({} item payloads now read from it) in {} ms",
                written.sequence(), written.records(), moved.size(), (System.nanoTime() - started) / 1_000_000);
        return written;
    }

    /** Where this journal's snapshots are. */
    public SnapshotStore snapshots() {
        return snapshots;
    }

    /** See {@link ChronicleLog#onFailure}: told once when this journal's writer fails. */
    public void onFailure(java.util.function.Consumer<Throwable> listener) {
        log.onFailure(listener);
    }

    @Override
    public void close() {
        log.close();
    }
}
