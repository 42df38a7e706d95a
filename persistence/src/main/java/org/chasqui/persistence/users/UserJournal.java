package org.chasqui.persistence.users;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
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

/**
 * The journal of every user's durable IM state (rosters, pending subscription requests, offline
 * messages, block lists, vCards, last activity), format in {@code package-info.java}. One writer
 * thread; appends keep their call order; a future completes once its record is in the queue.
 */
public final class UserJournal implements AutoCloseable {

    static final String NAME = "user-journal";

    private final ChronicleLog log;
    private final SnapshotStore snapshots;

    private UserJournal(ChronicleLog log, Path dir) {
        this.log = log;
        this.snapshots = new SnapshotStore(dir, NAME);
    }

    /** Opens (creating if needed) the journal in {@code dir}. */
    public static UserJournal open(Path dir) {
        return open(dir, Durability.PROCESS);
    }

    /** Opens (creating if needed) the journal in {@code dir}; appends complete at {@code durability}. */
    public static UserJournal open(Path dir, Durability durability) {
        return new UserJournal(ChronicleLog.open(dir, NAME, durability), dir);
    }

    /**
     * {@link #open(Path, Durability)} creating a new directory with {@code roll}; an existing one keeps
     * its own ({@link JournalRoll}).
     */
    public static UserJournal open(Path dir, Durability durability, JournalRoll roll) {
        return new UserJournal(ChronicleLog.open(dir, NAME, durability, roll, null), dir);
    }

    /** {@link #open(Path, LongSupplier)} creating a new directory with {@code roll}. */
    public static UserJournal open(Path dir, JournalRoll roll, LongSupplier clockMillis) {
        return new UserJournal(ChronicleLog.open(dir, NAME, Durability.PROCESS, roll, clockMillis), dir);
    }

    /** {@link #open(Path)} with the clock that picks the journal file (tests write several days). */
    public static UserJournal open(Path dir, LongSupplier clockMillis) {
        return new UserJournal(ChronicleLog.open(dir, NAME, Durability.PROCESS, clockMillis), dir);
    }

    /**
     * For {@code chasqui repair-data} only: opens the journal in {@code dir} read-only, its replay
     * ending before the first damage ({@link #damage()}) instead of refusing it; nothing can be
     * appended. See {@link ChronicleLog#salvage}.
     */
    public static UserJournal salvage(Path dir) {
        return new UserJournal(ChronicleLog.salvage(dir, NAME), dir);
    }

    /** The first damage of a journal opened by {@link #salvage}, where its replay ends. */
    public Optional<JournalDamage> damage() {
        return log.damage();
    }

    /** Checks the journal in {@code dir} offline (changes nothing); every record must decode. */
    public static JournalReport verify(Path dir) {
        return ChronicleLog.verify(dir, NAME, UserRecordCodec::read);
    }

    /** Checks the snapshots of the journal in {@code dir} offline (see {@link Snapshots#verify}). */
    public static JournalReport verifySnapshots(Path dir) {
        return Snapshots.verify(new SnapshotStore(dir, NAME), NAME, UserRecordCodec::read);
    }

    public CompletableFuture<Void> append(UserRecord record) {
        Objects.requireNonNull(record, "record");
        return log.append(out -> UserRecordCodec.write(out, record));
    }

    /**
     * Hands the records that rebuild the state, in order, to {@code visitor}: those of the newest
     * snapshot, then every journal record after it; returns how many. A record this version cannot read
     * is skipped with a warning naming it (it never stops the replay of the rest).
     */
    public int replay(Consumer<UserRecord> visitor) {
        return (int) recover(visitor).total();
    }

    /** {@link #replay} telling where the records came from. */
    public Snapshots.Replayed recover(Consumer<UserRecord> visitor) {
        return Snapshots.replay(log, snapshots, "user journal", UserRecordCodec::read, UserRecord::user, visitor);
    }

    /**
     * Completes once every record appended before this call is in the journal at its durability level
     * (after those appends' futures), with the index of the last record there: a shard that asks this
     * right after collecting its state knows that exactly its records up to that index are in what it
     * collected. See {@link ChronicleLog#position()}.
     */
    public CompletableFuture<Long> position() {
        return log.position();
    }

    /**
     * Writes a snapshot of {@code records} (the minimal records that rebuild every user's state; for the
     * keys of each shard, exactly the journal's records up to that shard's position in
     * {@code coverage}), keeps the newest {@code keep} snapshots and deletes the journal files they
     * cover. Blocking: on a worker thread.
     */
    public Snapshot snapshot(Coverage coverage, Iterable<? extends UserRecord> records, int keep) {
        return Snapshots.write(log, snapshots, "user journal", coverage, records, UserRecordCodec::write, keep);
    }

    /** Where this journal's snapshots are. */
    public SnapshotStore snapshots() {
        return snapshots;
    }

    /** See {@link ChronicleLog#onFailure}: told once when this journal's writer fails. */
    public void onFailure(Consumer<Throwable> listener) {
        log.onFailure(listener);
    }

    @Override
    public void close() {
        log.close();
    }
}
