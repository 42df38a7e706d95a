package org.chasqui.broker.repair;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.accounts.AccountService;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.broker.pubsub.PubSubServices;
import org.chasqui.broker.snapshot.FreshJournal;
import org.chasqui.broker.users.UserStore;
import org.chasqui.persistence.accounts.AccountJournal;
import org.chasqui.persistence.log.JournalDamage;
import org.chasqui.persistence.pubsub.PubSubJournal;
import org.chasqui.persistence.snapshot.SnapshotStore;
import org.chasqui.persistence.snapshot.SnapshotStore.Snapshot;
import org.chasqui.persistence.users.UserJournal;

/**
 * One journal of a data directory opened read-only up to its first damage (the journals'
 * {@code salvage}), and its state written out again: replayed by the module that owns it (its newest
 * sound snapshot, then the journal records before the damage), as a server's start replays it, and
 * written as a new journal ({@link FreshJournal}, as {@code chasqui backup} writes one).
 */
final class SalvagedJournal implements AutoCloseable {

    /** The journals of a data directory, in the order verify-data reports them. */
    enum Kind {
        ACCOUNTS("account-journal", ChasquiServer::accountsDir),
        USERS("user-journal", ChasquiServer::usersDir),
        PUBSUB("pubsub-journal", ChasquiServer::pubsubDir);

        final String journal;
        private final Function<Path, Path> dirIn;

        Kind(String journal, Function<Path, Path> dirIn) {
            this.journal = journal;
            this.dirIn = dirIn;
        }

        /** The journal's directory in the data directory {@code data}. */
        Path dir(Path data) {
            return dirIn.apply(data);
        }
    }

    private final Optional<JournalDamage> damage;
    private final SnapshotStore snapshots;
    private final ToLongFunction<Path> writeState;
    private final AutoCloseable journal;

    private SalvagedJournal(Optional<JournalDamage> damage, SnapshotStore snapshots, ToLongFunction<Path> writeState,
            AutoCloseable journal) {
        this.damage = damage;
        this.snapshots = snapshots;
        this.writeState = writeState;
        this.journal = journal;
    }

    /** Opens the journal of {@code kind} in {@code dir} up to its first damage; its state is replayed with {@code config}. */
    static SalvagedJournal open(Kind kind, Path dir, ServerConfig config, InstantSource clock) {
        return switch (kind) {
            case ACCOUNTS -> {
                AccountJournal j = AccountJournal.salvage(dir);
                yield new SalvagedJournal(j.damage(), j.snapshots(), target -> {
                    try (AccountService state = AccountService.replay(j, config.auth().scramIterations())) {
                        return FreshJournal.accounts(state, target, config.storage().journalRoll());
                    }
                }, j);
            }
            case USERS -> {
                UserJournal j = UserJournal.salvage(dir);
                yield new SalvagedJournal(j.damage(), j.snapshots(), target -> {
                    try (UserStore state = UserStore.replay(j)) {
                        return FreshJournal.users(state, target, config.storage().journalRoll());
                    }
                }, j);
            }
            case PUBSUB -> {
                PubSubJournal j = PubSubJournal.salvage(dir);
                yield new SalvagedJournal(j.damage(), j.snapshots(), target -> {
                    try (PubSubServices state = ChasquiServer.replayPubSub(j, config.pubsub(), config.domain(), clock)) {
                        return FreshJournal.pubsub(state, target, config.storage().journalRoll()); // payloads are read from j meanwhile
                    }
                }, j);
            }
        };
    }

    /** Where the replay ends; empty when nothing is damaged. */
    Optional<JournalDamage> damage() {
        return damage;
    }

    /** The snapshot the replay starts from: the newest sound one (none: the journal from its start). */
    Optional<Snapshot> snapshot() {
        return snapshots.newest();
    }

    /**
     * Whether the journal has snapshots but none is sound: a start refuses it (the journal alone may miss
     * what they covered), damaged or not, and nothing here can rebuild it.
     */
    boolean noSoundSnapshot() {
        return snapshots.hasAny() && snapshots.newest().isEmpty();
    }

    /** Where the journal's snapshots are. */
    Path snapshotsDir() {
        return snapshots.root();
    }

    /**
     * Replays the journal up to its damage and writes that state as a new journal in {@code dir};
     * returns the records written. Once only: the replay closes the journal.
     */
    long writeState(Path dir) {
        return writeState.applyAsLong(dir);
    }

    @Override
    public void close() {
        try {
            journal.close(); // idempotent for the journals
        } catch (Exception e) {
            throw new IllegalStateException("cannot close " + journal, e);
        }
    }
}
