package org.chasqui.broker.accounts;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.chasqui.persistence.accounts.AccountJournal;
import org.chasqui.persistence.log.Durability;
import org.chasqui.persistence.log.JournalRoll;
import org.chasqui.persistence.accounts.AccountRecord;
import org.chasqui.persistence.snapshot.SnapshotStore.Snapshot;
import org.chasqui.xmpp.jid.InvalidJidException;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.sasl.CredentialLookup;
import org.chasqui.xmpp.sasl.ScramAlgorithm;
import org.chasqui.xmpp.sasl.ScramCredential;

/**
 * The accounts of the served domain: an in-memory index of SCRAM credentials, rebuilt from and
 * written to the account journal. Passwords are never stored, only RFC 5802 salted keys.
 *
 * <p>Reads ({@link #find}, {@link #exists}) are lock-free and safe from any thread. Writes derive keys
 * with PBKDF2 (milliseconds of CPU), so callers on an event loop run them as blocking tasks. A write
 * is acknowledged only once its record is in the journal. Changes made by another process (the
 * {@code chasqui adduser} command while the server runs) arrive through {@link #refresh()}.
 */
public final class AccountService implements CredentialLookup, AutoCloseable {

    private final ConcurrentHashMap<String, AccountRecord> accounts = new ConcurrentHashMap<>();
    private final AccountJournal journal;
    private final AccountJournal.Reader reader;
    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    private final byte[] decoySalt = new byte[16];
    private final VerifiedPasswords verified;
    private volatile Consumer<String> deletionListener = username -> { };
    private volatile Consumer<String> anyDeletionListener = username -> { };
    private final AccountJournal.Visitor applier = new AccountJournal.Visitor() {
        @Override
        public void saved(AccountRecord r) {
            accounts.put(r.username(), r);
            verified.forget(r.username());
        }

        @Override
        public void deleted(String username) {
            // A deletion this process made was applied already; one from another process (the
            // CLI) is news, and the account's sessions must end.
            verified.forget(username);
            if (accounts.remove(username) != null) {
                deletionListener.accept(username);
                anyDeletionListener.accept(username);
            }
        }
    };

    private AccountService(AccountJournal journal, int iterations, VerifiedPasswords verified) {
        this.journal = journal;
        this.verified = verified;
        this.reader = journal.recover(applier); // the newest snapshot's accounts; refresh() reads the rest
        this.iterations = iterations;
        random.nextBytes(decoySalt);
    }

    /** Called (on a worker thread) for each account deleted by another process. */
    public void onDeletedElsewhere(Consumer<String> listener) {
        this.deletionListener = listener;
    }

    /**
     * Called for each account deleted, here or by another process, once the deletion is journaled (on
     * the journal's writer thread or a worker thread).
     */
    public void onDeleted(Consumer<String> listener) {
        this.anyDeletionListener = listener;
    }

    /** Opens the journal under {@code directory} and replays it. Blocking: call at start-up. */
    public static AccountService open(Path directory, int scramIterations) {
        return open(directory, scramIterations, Durability.PROCESS);
    }

    /** {@link #open(Path, int)} with changes acknowledged at {@code durability}. */
    public static AccountService open(Path directory, int scramIterations, Durability durability) {
        return open(directory, scramIterations, durability, VerifiedPasswords.off());
    }

    /** {@link #open(Path, int, Durability)} creating a new journal directory with {@code roll}. */
    public static AccountService open(Path directory, int scramIterations, Durability durability, JournalRoll roll) {
        return open(directory, scramIterations, durability, roll, VerifiedPasswords.off());
    }

    /**
     * {@link #open(Path, int, Durability, JournalRoll)} that also remembers up to {@code cachedPasswords}
     * passwords verified by {@link #verifyPassword} for {@code cacheTtl} (see {@link VerifiedPasswords}; 0:
     * none).
     */
    public static AccountService open(Path directory, int scramIterations, Durability durability, JournalRoll roll,
            int cachedPasswords, java.time.Duration cacheTtl) {
        return open(directory, scramIterations, durability, roll,
                new VerifiedPasswords(cachedPasswords, cacheTtl, java.time.InstantSource.system(), new SecureRandom()));
    }

    static AccountService open(Path directory, int scramIterations, Durability durability, VerifiedPasswords verified) {
        return open(directory, scramIterations, durability, JournalRoll.DAILY, verified);
    }

    private static AccountService open(Path directory, int scramIterations, Durability durability, JournalRoll roll,
            VerifiedPasswords verified) {
        return replay(AccountJournal.open(directory, durability, roll), scramIterations, verified);
    }

    /**
     * The accounts of a journal opened by the caller (its newest snapshot and every record after it
     * that it hands over), for tools that open it another way ({@code chasqui repair-data} reads a
     * damaged journal up to its damage). The service owns the journal: closing it closes the journal.
     */
    public static AccountService replay(AccountJournal journal, int scramIterations) {
        return replay(journal, scramIterations, VerifiedPasswords.off());
    }

    private static AccountService replay(AccountJournal journal, int scramIterations, VerifiedPasswords verified) {
        AccountService service = new AccountService(journal, scramIterations, verified);
        service.refresh();
        return service;
    }

    /** Applies records appended since the last call, by this or another process. Blocking I/O. */
    public synchronized int refresh() {
        return reader.readAvailable(applier);
    }

    /**
     * Takes a snapshot of every account as of what the journal reader has read (records appended
     * meanwhile by this process may be in it too; they are whole-account records, so replaying them
     * again after the snapshot is harmless), keeping {@code keep} snapshots. Blocking I/O.
     */
    public Snapshot snapshot(int keep) {
        long position;
        List<AccountRecord> copy;
        synchronized (this) {
            refresh();
            position = reader.lastIndex();
            copy = List.copyOf(accounts.values());
        }
        return journal.snapshot(position, copy, keep);
    }

    /** Every account, for a copy made when nothing else runs (a backup). */
    public List<AccountRecord> records() {
        return List.copyOf(accounts.values());
    }

    /**
     * The account name a user typed (SASL authcid, XEP-0077 username), prepared as a JID localpart
     * (RFC 7622 §3.3: PRECIS UsernameCaseMapped), or empty if it cannot be one.
     */
    public static Optional<String> normalizeUsername(String raw, String domain) {
        try {
            return Optional.of(Jid.of(raw, domain, null).localpart());
        } catch (InvalidJidException | NullPointerException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<ScramCredential> find(String username, ScramAlgorithm algorithm) {
        AccountRecord r = accounts.get(username);
        if (r == null) {
            return Optional.empty();
        }
        return r.credentials().stream().filter(c -> c.algorithm() == algorithm).findFirst();
    }

    @Override
    public int iterationsForUnknownUsers() {
        return iterations;
    }

    public boolean exists(String username) {
        return accounts.containsKey(username);
    }

    /** Every account name (a snapshot). */
    public java.util.Set<String> usernames() {
        return java.util.Set.copyOf(accounts.keySet());
    }

    public int count() {
        return accounts.size();
    }

    /**
     * Checks a password (SASL PLAIN, XEP-0077). CPU-heavy (a PBKDF2 derivation) unless
     * {@link #verifiedRecently} holds: not on an event loop.
     */
    public boolean verifyPassword(String username, String password) {
        Optional<ScramCredential> credential = find(username, ScramAlgorithm.SHA_256);
        if (credential.isEmpty()) {
            // The same key derivation as for a real account, so that timing does not tell which exist.
            ScramCredential.derive(ScramAlgorithm.SHA_256, password, decoySalt, iterations);
            return false;
        }
        ScramCredential c = credential.get();
        if (verified.matches(username, c, password)) {
            return true;
        }
        if (!c.verifyPassword(password)) {
            return false;
        }
        verified.remember(username, c, password);
        return true;
    }

    /**
     * True if {@code password} is the one {@link #verifyPassword} accepted for this account's current
     * credential within the cache's time-to-live: one HMAC, fine on an event loop. False says nothing;
     * then call {@link #verifyPassword}.
     */
    public boolean verifiedRecently(String username, String password) {
        if (!verified.enabled()) {
            return false;
        }
        Optional<ScramCredential> credential = find(username, ScramAlgorithm.SHA_256);
        return credential.isPresent() && verified.matches(username, credential.get(), password);
    }

    /**
     * Creates an account. Completes with {@link AccountExistsException} if the name is taken.
     * CPU-heavy (key derivation): not on an event loop.
     */
    public CompletableFuture<Void> create(String username, String password) {
        AccountRecord record = recordFor(username, password);
        if (accounts.putIfAbsent(username, record) != null) {
            return CompletableFuture.failedFuture(new AccountExistsException(username));
        }
        return journal.appendSaved(record).whenComplete((ok, failure) -> {
            if (failure != null) {
                accounts.remove(username, record);
            }
        });
    }

    /** Replaces the password of an existing account. CPU-heavy: not on an event loop. */
    public CompletableFuture<Void> changePassword(String username, String password) {
        if (!exists(username)) {
            return CompletableFuture.failedFuture(new NoSuchAccountException(username));
        }
        AccountRecord record = recordFor(username, password);
        return journal.appendSaved(record).thenRun(() -> {
            accounts.put(username, record);
            verified.forget(username);
        });
    }

    /**
     * Deletes an account; completes with false if there was none. It leaves the index before the
     * append, so the journal reader never reports it as a deletion made elsewhere.
     */
    public CompletableFuture<Boolean> delete(String username) {
        AccountRecord old = accounts.remove(username);
        verified.forget(username);
        if (old == null) {
            return CompletableFuture.completedFuture(false);
        }
        return journal.appendDeleted(username).handle((ok, failure) -> {
            if (failure != null) {
                accounts.putIfAbsent(username, old);
                throw failure instanceof CompletionException c ? c : new CompletionException(failure);
            }
            anyDeletionListener.accept(username);
            return true;
        });
    }

    private AccountRecord recordFor(String username, String password) {
        List<ScramCredential> credentials = List.of(
                ScramCredential.generate(ScramAlgorithm.SHA_1, password, iterations, random),
                ScramCredential.generate(ScramAlgorithm.SHA_256, password, iterations, random));
        return new AccountRecord(username, credentials);
    }

    /** Told once when the journal's writer fails; from then on this state may hold a change it does not. */
    public void onJournalFailure(Consumer<Throwable> listener) {
        journal.onFailure(listener);
    }

    @Override
    public void close() {
        reader.close();
        journal.close();
    }
}
