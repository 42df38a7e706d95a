package org.chasqui.broker.snapshot;

import java.nio.file.Path;
import org.chasqui.broker.accounts.AccountService;
import org.chasqui.broker.pubsub.PubSubServices;
import org.chasqui.broker.users.UserStore;
import org.chasqui.persistence.accounts.AccountJournal;
import org.chasqui.persistence.log.ChronicleLog;
import org.chasqui.persistence.log.Durability;
import org.chasqui.persistence.log.JournalRoll;
import org.chasqui.persistence.pubsub.PubSubJournal;
import org.chasqui.persistence.snapshot.Coverage;
import org.chasqui.persistence.users.UserJournal;

/**
 * A module's replayed state written as a new journal directory: one snapshot of the fewest records that
 * rebuild it, covering no journal record, next to an empty journal; a server started on it has that
 * state. A new queue starts its indexes afresh, so the state is never carried over with coverage
 * positions of the old journal. For {@code chasqui backup} and {@code chasqui repair-data}; the state
 * must not change meanwhile (nothing else runs on it). The new directory gets {@code roll}
 * ({@code storage.journal_roll}). Each returns the records written.
 */
public final class FreshJournal {

    private FreshJournal() {
    }

    public static long accounts(AccountService accounts, Path dir, JournalRoll roll) {
        try (AccountJournal journal = AccountJournal.open(dir, Durability.PROCESS, roll)) {
            return journal.snapshot(ChronicleLog.NO_INDEX, accounts.records(), 1).records();
        }
    }

    public static long users(UserStore users, Path dir, JournalRoll roll) {
        try (UserJournal journal = UserJournal.open(dir, Durability.PROCESS, roll)) {
            return journal.snapshot(Coverage.of(ChronicleLog.NO_INDEX), users.allRecords(), 1).records();
        }
    }

    /** Item payloads are read from {@code pubsub}'s own journal while they are written: keep it open. */
    public static long pubsub(PubSubServices pubsub, Path dir, JournalRoll roll) {
        try (PubSubJournal journal = PubSubJournal.open(dir, Durability.PROCESS, roll)) {
            return journal.snapshot(Coverage.of(ChronicleLog.NO_INDEX), pubsub.allRecords(), 1).records();
        }
    }
}
