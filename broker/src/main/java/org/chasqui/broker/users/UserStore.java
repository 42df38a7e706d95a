package org.chasqui.broker.users;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.chasqui.persistence.log.ChronicleLog;
import org.chasqui.persistence.log.Durability;
import org.chasqui.persistence.log.JournalRoll;
import org.chasqui.persistence.snapshot.Coverage;
import org.chasqui.persistence.snapshot.SnapshotStore.Snapshot;
import org.chasqui.persistence.snapshot.Snapshots;
import org.chasqui.persistence.users.UserJournal;
import org.chasqui.persistence.users.UserRecord;
import org.chasqui.persistence.users.UserRecord.Blocklist;
import org.chasqui.persistence.users.UserRecord.LastSeen;
import org.chasqui.persistence.users.UserRecord.OfflineCleared;
import org.chasqui.persistence.users.UserRecord.OfflineStored;
import org.chasqui.persistence.users.UserRecord.PendingIn;
import org.chasqui.persistence.users.UserRecord.PendingInCleared;
import org.chasqui.persistence.users.UserRecord.RosterItem;
import org.chasqui.persistence.users.UserRecord.RosterItemRemoved;
import org.chasqui.persistence.users.UserRecord.UserRemoved;
import org.chasqui.persistence.users.UserRecord.VCard;
import org.chasqui.xmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All users' IM state: rebuilt from the user journal at start, then changed only by {@link #commit},
 * which applies a record in memory at once (so the next command on the shard sees it) and appends it
 * to the journal; the continuation runs on the user's shard once the record is appended, and that is
 * the earliest moment anything about the change may be acknowledged to a client.
 */
public final class UserStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UserStore.class);

    private final ConcurrentHashMap<String, UserState> users = new ConcurrentHashMap<>();
    private final RosterView rosterView = new RosterView();
    private final UserJournal journal;
    /** Per user, the future of its appends still in flight (removed once they complete). */
    private final ConcurrentHashMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private UserShards shards;

    private UserStore(UserJournal journal) {
        this.journal = journal;
    }

    /** Opens the journal in {@code dir} and replays it. Blocking: call before serving. */
    public static UserStore open(Path dir) {
        return open(dir, Durability.PROCESS);
    }

    /** {@link #open(Path)} with changes acknowledged at {@code durability}. */
    public static UserStore open(Path dir, Durability durability) {
        return open(dir, durability, JournalRoll.DAILY);
    }

    /** {@link #open(Path, Durability)} creating a new journal directory with {@code roll}. */
    public static UserStore open(Path dir, Durability durability, JournalRoll roll) {
        return replay(UserJournal.open(dir, durability, roll));
    }

    /**
     * The users' state replayed from a journal opened by the caller, for tools that open it another way
     * ({@code chasqui repair-data} reads a damaged journal up to its damage). The store owns the
     * journal: closing it closes the journal.
     */
    public static UserStore replay(UserJournal journal) {
        UserStore store = new UserStore(journal);
        Snapshots.Replayed n = store.journal.recover(store::apply);
        LOG.info("user journal: {} records from snapshot {}, {} from the journal; {} users with state", n.fromSnapshot(),
                n.snapshot().map(s -> s.dir().getFileName().toString()).orElse("(none)"), n.fromJournal(), store.users.size());
        return store;
    }

    /** Sets the shards that own the users (once, before serving). */
    public void attach(UserShards userShards) {
        this.shards = userShards;
    }

    public UserShards shards() {
        return shards;
    }

    /** Runs {@code task} with the user's state on the user's shard. */
    public void withUser(String user, Consumer<UserState> task) {
        shards.run(user, () -> task.accept(state(user)));
    }

    /** The user's state; only on the user's shard. Created empty when the user has none yet. */
    public UserState state(String user) {
        return users.computeIfAbsent(user, UserState::new);
    }

    /**
     * Applies the records now and appends them; {@code then} runs on the user's shard once all are
     * appended, with null or the failure. Only on the user's shard; all records must be the same user's.
     */
    public void commit(List<? extends UserRecord> records, Consumer<Throwable> then) {
        if (records.isEmpty()) {
            then.accept(null);
            return;
        }
        String user = records.get(0).user();
        // a snapshot counts a user's records by the user's shard: they must all be appended there
        assert shards == null || shards.isOn(user) : "commit for " + user + " off its shard";
        CompletableFuture<?>[] appends = new CompletableFuture<?>[records.size()];
        for (int i = 0; i < appends.length; i++) {
            UserRecord r = records.get(i);
            apply(r);
            appends[i] = journal.append(r);
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(appends);
        inFlight.put(user, all); // the user's appends complete in order: the newest stands for all
        all.whenComplete((v, failure) -> inFlight.remove(user, all));
        // runLater, never inline: an append already done must not let its continuation overtake the
        // continuation of an earlier append that is queued (roster pushes keep their version order)
        all.whenComplete((v, failure) -> shards.runLater(user, () -> {
            if (failure != null) {
                LOG.error("user journal: append for {} failed", user, failure);
            }
            then.accept(failure);
        }));
    }

    /**
     * On the user's shard: runs {@code answer} there once every record of the user appended so far is
     * in the journal, at once if none is in flight; not at all if an append failed (the server then
     * stops). An answer about user state (a roster, a vCard, a block list) is computed from the state
     * now and sent through this, so that no one is shown a change a crash could still take back.
     */
    public void afterJournaled(String user, Runnable answer) {
        CompletableFuture<Void> last = inFlight.get(user);
        if (last == null) {
            answer.run();
            return;
        }
        last.whenComplete((v, failure) -> {
            if (failure == null) {
                shards.runLater(user, answer);
            }
        });
    }

    /** {@link #commit(List, Consumer)} of one record. */
    public void commit(UserRecord record, Consumer<Throwable> then) {
        commit(List.of(record), then);
    }

    /** The same code for replay and for live changes. */
    private void apply(UserRecord r) {
        if (r instanceof UserRemoved) {
            users.remove(r.user());
            rosterView.remove(r.user());
            return;
        }
        UserState s = state(r.user());
        if (r instanceof RosterItem i) {
            Jid contact = Jid.parse(i.contact());
            s.roster.put(contact, i);
            s.removedAt.remove(contact);
            s.rosterVersion = Math.max(s.rosterVersion, i.version());
            rosterView.update(s.user, s.roster);
        } else if (r instanceof RosterItemRemoved i) {
            Jid contact = Jid.parse(i.contact());
            s.roster.remove(contact);
            s.removedAt.put(contact, i.version());
            s.rosterVersion = Math.max(s.rosterVersion, i.version());
            rosterView.update(s.user, s.roster);
        } else if (r instanceof PendingIn p) {
            s.pendingIn.put(Jid.parse(p.contact()), p.stanzaXml());
        } else if (r instanceof PendingInCleared p) {
            s.pendingIn.remove(Jid.parse(p.contact()));
        } else if (r instanceof OfflineStored o) {
            s.offline.addLast(o);
            s.lastOfflineId = Math.max(s.lastOfflineId, o.id());
        } else if (r instanceof OfflineCleared o) {
            s.offline.removeIf(m -> m.id() <= o.upToId());
            s.lastOfflineId = Math.max(s.lastOfflineId, o.upToId()); // ids up to it were used
        } else if (r instanceof Blocklist b) {
            s.blocklist.clear();
            b.jids().forEach(j -> s.blocklist.add(Jid.parse(j)));
        } else if (r instanceof VCard v) {
            s.vcard = v.vcardXml().isEmpty() ? null : v.vcardXml();
        } else if (r instanceof LastSeen l) {
            s.lastSeen = l;
        }
    }

    /**
     * Takes a snapshot of every user's state: each shard lists the records that rebuild its users and
     * then asks the journal for its position (the index after every record it appended so far, none
     * after), so each shard's part is exact at its own position; the parts are written together with
     * those positions on {@code blocking}, keeping {@code keep} snapshots.
     */
    public CompletableFuture<Snapshot> snapshot(int keep, Executor blocking) {
        int n = shards.count();
        List<CompletableFuture<ShardPart>> parts = new ArrayList<>();
        for (int shard = 0; shard < n; shard++) {
            int index = shard;
            CompletableFuture<ShardPart> part = new CompletableFuture<>();
            shards.runOn(shard, () -> {
                try {
                    long started = System.nanoTime();
                    List<UserRecord> records = new ArrayList<>();
                    users.forEach((user, state) -> {
                        if (shards.shardOf(user) == index) {
                            stateRecords(state, records);
                        }
                    });
                    // the shard's pause: listing is proportional to its state (references, no copies of payloads)
                    LOG.info("user snapshot: shard {} listed {} records in {} ms", index, records.size(),
                            (System.nanoTime() - started) / 1_000_000);
                    journal.position().whenComplete((position, failure) -> {
                        if (failure != null) {
                            part.completeExceptionally(failure);
                        } else {
                            part.complete(new ShardPart(records, position));
                        }
                    });
                } catch (RuntimeException e) {
                    part.completeExceptionally(e);
                }
            });
            parts.add(part);
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture<?>[]::new)).thenApplyAsync(v -> {
            long[] positions = new long[n];
            List<UserRecord> all = new ArrayList<>();
            for (int shard = 0; shard < n; shard++) {
                ShardPart p = parts.get(shard).join();
                positions[shard] = p.position();
                all.addAll(p.records());
            }
            return journal.snapshot(Coverage.of(positions), all, keep);
        }, blocking);
    }

    private record ShardPart(List<UserRecord> records, long position) {
    }

    /**
     * Every user's state as records, for a copy made when nothing else runs (a backup of a stopped
     * store); the records are valid before every journal record (coverage {@link ChronicleLog#NO_INDEX}).
     */
    public List<UserRecord> allRecords() {
        List<UserRecord> records = new ArrayList<>();
        users.values().forEach(s -> stateRecords(s, records));
        return records;
    }

    /**
     * The fewest records that rebuild {@code s} through {@link #apply}: what each part now is, never its
     * history. Only on the user's shard.
     */
    static void stateRecords(UserState s, List<UserRecord> out) {
        out.addAll(s.roster.values());
        s.removedAt.forEach((contact, version) -> out.add(new RosterItemRemoved(s.user, contact.toString(), version)));
        for (Map.Entry<Jid, String> p : s.pendingIn.entrySet()) {
            out.add(new PendingIn(s.user, p.getKey().toString(), p.getValue()));
        }
        if (s.lastOfflineId > 0) {
            out.add(new OfflineCleared(s.user, s.lastOfflineId)); // keeps the id counter; clears nothing yet
        }
        out.addAll(s.offline);
        if (!s.blocklist.isEmpty()) {
            out.add(new Blocklist(s.user, s.blocklist.stream().map(Jid::toString).toList()));
        }
        if (s.vcard != null) {
            out.add(new VCard(s.user, s.vcard));
        }
        if (s.lastSeen != null) {
            out.add(s.lastSeen);
        }
    }

    /** Every roster, readable from any thread. */
    public RosterView rosterView() {
        return rosterView;
    }

    /** Users with any state (for tests and diagnostics); a snapshot. */
    public List<String> users() {
        return List.copyOf(users.keySet());
    }

    /** Told once when the journal's writer fails; from then on this state may hold a change it does not. */
    public void onJournalFailure(Consumer<Throwable> listener) {
        journal.onFailure(listener);
    }

    @Override
    public void close() {
        journal.close();
    }
}
