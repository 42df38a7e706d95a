package org.chasqui.persistence.accounts;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.openhft.chronicle.queue.RollCycle;
import org.chasqui.persistence.log.ChronicleLog;
import org.chasqui.persistence.log.Durability;
import org.chasqui.persistence.log.JournalReport;

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

    /** The roll cycle every process opening an account directory uses. */
    public static final RollCycle ROLL_CYCLE = ChronicleLog.ROLL_CYCLE;

    /** What a replay delivers, in journal order. */
    public interface Visitor {
        /** The user's credentials are now exactly {@code r.credentials()}. */
        void saved(AccountRecord r);

        /** The user no longer exists. */
        void deleted(String username);
    }

    private static final String NAME = "account-journal";

    private final ChronicleLog log;

    private AccountJournal(ChronicleLog log) {
        this.log = log;
    }

    /** Opens (creating if needed) the journal in {@code dir}. */
    public static AccountJournal open(Path dir) {
        return open(dir, Durability.PROCESS);
    }

    /** Opens (creating if needed) the journal in {@code dir}; appends complete at {@code durability}. */
    public static AccountJournal open(Path dir, Durability durability) {
        return new AccountJournal(ChronicleLog.open(dir, NAME, durability));
    }

    /** Checks the journal in {@code dir} offline (changes nothing); every record must decode. */
    public static JournalReport verify(Path dir) {
        return ChronicleLog.verify(dir, NAME, bytes -> {
            if (AccountRecordCodec.read(bytes) instanceof AccountRecordCodec.Skipped s) {
                throw new IllegalArgumentException(s.reason());
            }
        });
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

    /** Waits for pending appends to finish, then closes the queue. Idempotent. */
    @Override
    public void close() {
        log.close();
    }

    /** Reads the journal from where it last stopped; one thread at a time. */
    public static final class Reader implements AutoCloseable {

        private final ChronicleLog.Reader reader;

        private Reader(ChronicleLog.Reader reader) {
            this.reader = reader;
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
