package org.chasqui.persistence.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import net.openhft.chronicle.bytes.Bytes;
import org.chasqui.persistence.log.ChronicleLog;
import org.chasqui.persistence.log.LogReader;
import org.chasqui.persistence.log.FormatMarker;
import org.chasqui.persistence.log.JournalReport;
import org.chasqui.persistence.snapshot.SnapshotStore.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery and compaction of a journal that has snapshots: the journals (users, pubsub, accounts) use
 * these with their own record codec.
 */
public final class Snapshots {

    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);

    /** What a replay read. */
    public record Replayed(Optional<Snapshot> snapshot, long fromSnapshot, long fromJournal) {
        public long total() {
            return fromSnapshot + fromJournal;
        }

        /** The coverage replay started from (none: the whole journal). */
        public Optional<Coverage> coverage() {
            return snapshot.map(Snapshot::coverage);
        }
    }

    /** Reads a record and knows where it is: in {@code snapshot} at an offset, or (null) in the journal at an address. */
    @FunctionalInterface
    public interface LocatedDecoder<R> {
        R decode(Bytes<?> bytes, Snapshot snapshot, long at);
    }

    private Snapshots() {
    }

    /**
     * Rebuilds state: the records of the newest good snapshot, then each journal record it does not
     * cover, in journal order. {@code decode} reads one record (the same codec for both; null or an
     * exception: skipped with a warning, as a replay of the journal alone does); {@code key} names the
     * record's owner (see {@link Coverage}).
     */
    public static <R> Replayed replay(ChronicleLog log, SnapshotStore store, String what, Function<Bytes<?>, R> decode,
                                      Function<R, String> key, Consumer<R> visitor) {
        return replay(log, store, what, (LocatedDecoder<R>) (bytes, snapshot, at) -> decode.apply(bytes), key, visitor);
    }

    /**
     * {@link #replay(ChronicleLog, SnapshotStore, String, Function, Function, Consumer)} telling the decoder
     * where each record is (the snapshot's offset as {@link SnapshotStore.Placed} gives it, or the journal
     * address as {@link ChronicleLog#appendAddressed} yields it), so records can refer back to their bytes.
     */
    public static <R> Replayed replay(ChronicleLog log, SnapshotStore store, String what, LocatedDecoder<R> decode,
                                      Function<R, String> key, Consumer<R> visitor) {
        Optional<Snapshot> snapshot = store.newest();
        if (snapshot.isEmpty() && store.hasAny()) {
            // the journal files the snapshots covered may be gone: the journal alone is not the state
            throw new IllegalStateException(what + ": every snapshot in " + store.root() + " is damaged; refusing to"
                    + " start from the journal alone, which may miss what they covered (restore a backup, or move"
                    + " the snapshots away if the journal is known to be complete)");
        }
        long fromSnapshot = 0;
        Coverage coverage = null;
        if (snapshot.isPresent()) {
            coverage = snapshot.get().coverage();
            try {
                Snapshot from = snapshot.get();
                fromSnapshot = SnapshotStore.read(from, (bytes, offset) -> {
                    R r = decode.decode(bytes, from, offset);
                    if (r != null) {
                        visitor.accept(r);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(what + ": cannot read snapshot " + snapshot.get().dir(), e);
            }
        }
        Coverage covered = coverage;
        long[] fromJournal = new long[1];
        try (LogReader reader = log.reader(coverage == null ? ChronicleLog.NO_INDEX : coverage.min())) {
            reader.readAvailable((index, bytes) -> {
                R r;
                try {
                    r = decode.decode(bytes, null, reader.address());
                } catch (RuntimeException e) {
                    LOG.warn("{}: skipping a record: {}", what, e.getMessage());
                    return;
                }
                if (r == null || (covered != null && covered.covers(key.apply(r), index))) {
                    return;
                }
                fromJournal[0]++;
                visitor.accept(r);
            });
        }
        return new Replayed(snapshot, fromSnapshot, fromJournal[0]);
    }

    /**
     * Writes a snapshot, keeps the newest {@code keep} snapshots and deletes the journal files that the
     * oldest kept one covers entirely. Blocking file I/O: on a worker thread.
     */
    public static <R> Snapshot write(ChronicleLog log, SnapshotStore store, String what, Coverage coverage,
                                     Iterable<? extends R> records, BiConsumer<Bytes<?>, R> encoder, int keep) {
        long started = System.nanoTime();
        Snapshot written = store.write(coverage, records, encoder);
        compact(log, store, what, keep);
        LOG.info("{}: snapshot {} of {} records in {} ms", what, written.sequence(), written.records(),
                (System.nanoTime() - started) / 1_000_000);
        return written;
    }

    /**
     * The second half of {@link #write}: keeps the newest {@code keep} snapshots and deletes the journal
     * files the oldest kept one covers entirely; returns the kept snapshots, oldest first. Whatever refers
     * into the files that go must have moved to the newest snapshot before.
     */
    public static List<Snapshot> compact(ChronicleLog log, SnapshotStore store, String what, int keep) {
        List<Snapshot> kept = store.prune(keep);
        int deleted = log.deleteCyclesBefore(kept.get(0).coverage().min()).join();
        LOG.info("{}: {} snapshot(s) kept, {} journal file(s) deleted", what, kept.size(), deleted);
        return kept;
    }

    /**
     * Checks the snapshots in {@code store} offline and changes nothing (for {@code chasqui verify-data}):
     * each must be in this version's format, end in a matching trailer and hold only records
     * {@code decoder} reads (it throws on one it cannot). A damaged snapshot is a warning while another
     * is sound (a start uses the newest sound one, whose journal files are kept); with none sound it is
     * a problem, since a start then refuses. The report's records are the newest sound snapshot's;
     * {@code present} is false when the journal has no snapshots.
     */
    public static JournalReport verify(SnapshotStore store, String journal, Consumer<Bytes<?>> decoder) {
        String name = journal + " snapshots";
        List<String> warnings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!store.hasAny()) {
            return new JournalReport(name, store.root(), false, 0, warnings, problems);
        }
        List<Snapshot> all;
        try {
            all = store.list();
        } catch (FormatMarker.IncompatibleDataException | UncheckedIOException e) {
            problems.add(e.getMessage());
            return new JournalReport(name, store.root(), true, 0, warnings, problems);
        }
        long records = -1;
        for (int i = all.size() - 1; i >= 0; i--) {
            Snapshot s = all.get(i);
            List<String> unreadable = new ArrayList<>();
            long n;
            try {
                long[] at = new long[1];
                n = SnapshotStore.read(s, bytes -> {
                    at[0]++;
                    try {
                        decoder.accept(bytes);
                    } catch (RuntimeException e) {
                        unreadable.add(s.dir().getFileName() + ": record " + at[0] + " cannot be read: " + e.getMessage());
                    }
                });
            } catch (IOException | RuntimeException e) {
                warnings.add(s.dir() + " is damaged (" + e.getMessage() + "); a start passes it over");
                continue;
            }
            problems.addAll(unreadable.subList(0, Math.min(unreadable.size(), 10)));
            if (unreadable.size() > 10) {
                problems.add(s.dir().getFileName() + ": " + (unreadable.size() - 10) + " more unreadable records");
            }
            if (records < 0) {
                records = n;
            }
        }
        if (records < 0) {
            problems.add("no sound snapshot in " + store.root() + "; a start refuses to run from the journal alone");
            records = 0;
        }
        return new JournalReport(name, store.root(), true, records, warnings, problems);
    }
}
