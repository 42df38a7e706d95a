package org.chasqui.persistence.pubsub;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.chasqui.persistence.log.ChronicleLog;
import org.chasqui.persistence.log.Durability;
import org.chasqui.persistence.log.JournalReport;
import org.chasqui.persistence.snapshot.Coverage;
import org.chasqui.persistence.snapshot.SnapshotStore;
import org.chasqui.persistence.snapshot.SnapshotStore.Snapshot;
import org.chasqui.persistence.snapshot.Snapshots;
import org.chasqui.pubsub.NodeConfig;
import org.chasqui.pubsub.PubSubRecord;
import org.chasqui.xmpp.jid.Jid;

/**
 * The journal of every pubsub service (pubsub.domain and the PEP services), format in
 * {@code package-info.java}: the engine's {@link PubSubRecord}s tagged with their service. One writer
 * thread; appends keep their call order; a future completes once its record is in the queue.
 */
public final class PubSubJournal implements AutoCloseable {

    static final String NAME = "pubsub-journal";

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

    private PubSubJournal(ChronicleLog log, Path dir) {
        this.log = log;
        this.snapshots = new SnapshotStore(dir, NAME);
    }

    public static PubSubJournal open(Path dir) {
        return open(dir, Durability.PROCESS);
    }

    /** Opens (creating if needed) the journal in {@code dir}; appends complete at {@code durability}. */
    public static PubSubJournal open(Path dir, Durability durability) {
        return new PubSubJournal(ChronicleLog.open(dir, NAME, durability), dir);
    }

    /** {@link #open(Path)} with the clock that picks the journal file (tests write several days). */
    public static PubSubJournal open(Path dir, LongSupplier clockMillis) {
        return new PubSubJournal(ChronicleLog.open(dir, NAME, Durability.PROCESS, clockMillis), dir);
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
        return log.append(out -> PubSubRecordCodec.write(out, service, record));
    }

    /**
     * Hands the records that rebuild every service to the visitor (the newest snapshot's, then the
     * journal's after it); returns how many. Stored configurations are read over {@code defaults}. A
     * record this version cannot read is skipped with a warning.
     */
    public int replay(NodeConfig defaults, Visitor visitor) {
        return (int) recover(defaults, visitor).total();
    }

    /** {@link #replay(NodeConfig, Visitor)} telling where the records came from. */
    public Snapshots.Replayed recover(NodeConfig defaults, Visitor visitor) {
        Map<String, Jid> jids = new HashMap<>(); // one instance per JID for the replay (see the codec)
        Function<String, Jid> parse = text -> jids.computeIfAbsent(text, Jid::parse);
        return Snapshots.replay(log, snapshots, "pubsub journal", bytes -> PubSubRecordCodec.read(bytes, defaults, parse),
                e -> ownerKey(e.service()), e -> visitor.record(e.service(), e.record()));
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
     * newest {@code keep} and deletes the journal files they cover. Blocking: on a worker thread.
     */
    public Snapshot snapshot(Coverage coverage, Iterable<Entry> entries, int keep) {
        return Snapshots.write(log, snapshots, "pubsub journal", coverage, entries,
                (out, e) -> PubSubRecordCodec.write(out, e.service(), e.record()), keep);
    }

    /** Where this journal's snapshots are. */
    public SnapshotStore snapshots() {
        return snapshots;
    }

    @Override
    public void close() {
        log.close();
    }
}
