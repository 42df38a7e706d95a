package org.chasqui.persistence.accounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.RollCycle;
import org.chasqui.persistence.log.ChronicleLog;
import org.chasqui.persistence.log.LogReader;
import org.chasqui.persistence.log.Durability;
import org.chasqui.persistence.log.JournalRoll;
import org.chasqui.persistence.log.JournalDamage;
import org.chasqui.persistence.log.JournalReport;
import org.chasqui.persistence.snapshot.Coverage;
import org.chasqui.persistence.snapshot.SnapshotStore;
import org.chasqui.persistence.snapshot.SnapshotStore.Snapshot;
import org.chasqui.persistence.snapshot.Snapshots;

/**
 * The account journal on a Chronicle Queue directory (format in {@code package-info.java}).
 *
 * <p>Threads: appends run on the single writer thread of a {@link ChronicleLog}, so callers (Vert.x
 * event loops) never block; the returned future completes on that thread once the record is in the
 * queue. Each {@link Reader} has its own tailer and must be used by one thread at a time. Several
 * journals, also in other processes such as the CLI, may append to the same directory; Chronicle
 * serialises the appends.
 */
public final class AccountJournal implements AutoCloseable {

    /** The roll of an account directory created without one being asked for (see {@link JournalRoll}). */
    public static final RollCycle ROLL_CYCLE = ChronicleLog.ROLL_CYCLE;

    /** What a replay delivers, in journal order. */
    public interface Visitor {
        /** The user's credentials are now exactly {@code r.credentials()}. */
        void saved(AccountRecord r);

        /** The user no longer exists. */
        void deleted(String username);
    }

    static final String NAME = "account-journal";

    private final ChronicleLog log;
    private final SnapshotStore snapshots;

    private AccountJournal(ChronicleLog log, Path dir) {
        this.log = log;
        this.snapshots = new SnapshotStore(dir, NAME);
    }

    /** Opens (creating if needed) the journal in {@code dir}. */
    public static AccountJournal open(Path dir) {
        return open(dir, Durability.PROCESS);
    }

    /** Opens (creating if needed) the journal in {@code dir}; appends complete at {@code durability}. */
    public static AccountJournal open(Path dir, Durability durability) {
        return new AccountJournal(ChronicleLog.open(dir, NAME, durability), dir);
    }

    /**
     * {@link #open(Path, Durability)} creating a new directory with {@code roll}; an existing one keeps
     * its own ({@link JournalRoll}).
     */
    public static AccountJournal open(Path dir, Durability durability, JournalRoll roll) {
        return new AccountJournal(ChronicleLog.open(dir, NAME, durability, roll, null), dir);
    }

    /**
     * For {@code chasqui repair-data} only: opens the journal in {@code dir} read-only, its replay
     * ending before the first damage ({@link #damage()}) instead of refusing it; nothing can be
     * appended. See {@link ChronicleLog#salvage}.
     */
    public static AccountJournal salvage(Path dir) {
        return new AccountJournal(ChronicleLog.salvage(dir, NAME), dir);
    }

    /** The first damage of a journal opened by {@link #salvage}, where its replay ends. */
    public Optional<JournalDamage> damage() {
        return log.damage();
    }

    /** Checks the journal in {@code dir} offline (changes nothing); every record must decode. */
    public static JournalReport verify(Path dir) {
        return ChronicleLog.verify(dir, NAME, AccountJournal::check);
    }

    /** Checks the snapshots of the journal in {@code dir} offline (see {@link Snapshots#verify}). */
    public static JournalReport verifySnapshots(Path dir) {
        return Snapshots.verify(new SnapshotStore(dir, NAME), NAME, AccountJournal::check);
    }

    private static void check(Bytes<?> bytes) {
        if (AccountRecordCodec.read(bytes) instanceof AccountRecordCodec.Skipped s) {
            throw new IllegalArgumentException(s.reason());
        }
    }

    /** Appends "these are now all of the user's credentials". */
    public CompletableFuture<Void> appendSaved(AccountRecord r) {
        Objects.requireNonNull(r, "r");
        return log.append(out -> AccountRecordCodec.writeSaved(out, r));
    }

    /** Appends "the user is gone". */
    public CompletableFuture<Void> appendDeleted(String username) {
        Objects.requireNonNull(username, "username");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("username must not be empty");
        }
        return log.append(out -> AccountRecordCodec.writeDeleted(out, username));
    }

    /** A new reader positioned at the start of the journal. */
    public Reader reader() {
        return new Reader(log.reader());
    }

    /**
     * Delivers the accounts of the newest snapshot to {@code v} and returns a reader of the journal
     * records after it (of all records if there is no snapshot).
     */
    public Reader recover(Visitor v) {
        Objects.requireNonNull(v, "v");
        Optional<Snapshot> snapshot = snapshots.newest();
        if (snapshot.isEmpty()) {
            if (snapshots.hasAny()) {
                throw new IllegalStateException("every account snapshot in " + snapshots.root() + " is damaged; the"
                        + " journal alone may miss what they covered");
            }
            return reader();
        }
        try {
            SnapshotStore.read(snapshot.get(), bytes -> {
                if (AccountRecordCodec.read(bytes) instanceof AccountRecordCodec.Saved s) {
                    v.saved(s.record());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read account snapshot " + snapshot.get().dir(), e);
        }
        return new Reader(log.reader(snapshot.get().coverage().position(0)));
    }

    /**
     * Writes a snapshot of every account as of journal index {@code position} (what a reader had read
     * when the accounts were copied; records after it may be in it too, since a record says what an
     * account now is, replaying it again is harmless), keeps the newest {@code keep} and deletes the
     * journal files they cover. Blocking: on a worker thread.
     */
    public Snapshot snapshot(long position, Iterable<AccountRecord> accounts, int keep) {
        return Snapshots.write(log, snapshots, "account journal", Coverage.of(position), accounts,
                AccountRecordCodec::writeSaved, keep);
    }

    /** Where this journal's snapshots are. */
    public SnapshotStore snapshots() {
        return snapshots;
    }

    /** Waits for pending appends to finish, then closes the queue. Idempotent. */
    /** See {@link ChronicleLog#onFailure}: told once when this journal's writer fails. */
    public void onFailure(java.util.function.Consumer<Throwable> listener) {
        log.onFailure(listener);
    }

    @Override
    public void close() {
        log.close();
    }

    /** Reads the journal from where it last stopped; one thread at a time. */
    public static final class Reader implements AutoCloseable {

        private final LogReader reader;

        private Reader(LogReader reader) {
            this.reader = reader;
        }

        /**
         * The index of the last record read ({@link ChronicleLog#NO_INDEX} before the first; the
         * snapshot's position for a reader from {@link AccountJournal#recover}).
         */
        public long lastIndex() {
            return reader.lastIndex();
        }

        /**
         * Delivers every record not yet read, in order, and returns how many were delivered (records this
         * version cannot read are skipped with a warning and not counted). Returns 0 when there is nothing
         * new. A record counts as read before it is delivered, so an exception from the visitor propagates
         * and that record is not delivered again.
         */
        public int readAvailable(Visitor v) {
            Objects.requireNonNull(v, "v");
            int[] delivered = new int[1];
            reader.readAvailable(bytes -> {
                AccountRecordCodec.Entry entry = AccountRecordCodec.read(bytes);
                if (entry instanceof AccountRecordCodec.Saved s) {
                    delivered[0]++;
                    v.saved(s.record());
                } else if (entry instanceof AccountRecordCodec.Deleted d) {
                    delivered[0]++;
                    v.deleted(d.username());
                }
            });
            return delivered[0];
        }

        @Override
        public void close() {
            reader.close();
        }
    }
}
