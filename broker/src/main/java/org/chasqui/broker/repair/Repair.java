package org.chasqui.broker.repair;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.broker.repair.SalvagedJournal.Kind;
import org.chasqui.persistence.log.JournalDamage;
import org.chasqui.persistence.snapshot.SnapshotStore.Snapshot;

/**
 * {@code chasqui repair-data}: each journal of a data directory whose records cannot all be read (the
 * damage verify-data reports: a damaged header, unreachable records, a record that does not match its
 * checksum) is rebuilt from its newest sound snapshot and every record before its first damage, as a
 * new journal with the same state ({@link SalvagedJournal}), which takes its place; the damaged
 * directory is kept beside it ({@link DirectorySwap}). A journal without damage (a torn tail is not
 * damage: the next start clears it) is not touched. A journal with snapshots of which none is sound
 * cannot be rebuilt, damaged or not (a start refuses it too): it fails and is not touched. For a
 * stopped server only: nothing here can tell whether a server has the directory open.
 */
public final class Repair {

    /** What happened to one journal. */
    public sealed interface Outcome {
        /** The journal's name and its directory. */
        String journal();

        Path dir();
    }

    /** No directory: the journal was never written. */
    public record Absent(String journal, Path dir) implements Outcome {
    }

    /** Nothing damaged: not touched. */
    public record Untouched(String journal, Path dir) implements Outcome {
    }

    /**
     * Rebuilt: the state of {@code from} (the newest sound snapshot, if any) and the journal records
     * before {@code damage}, written as {@code records} records of a new journal in {@code dir}; the
     * damaged directory is now {@code aside}.
     */
    public record Repaired(String journal, Path dir, JournalDamage damage, Optional<Snapshot> from, long records,
            Path aside) implements Outcome {
    }

    /** Could not be rebuilt; the journal is as it was, unless {@code reason} says otherwise. */
    public record Failed(String journal, Path dir, String reason) implements Outcome {
    }

    /** A repair interrupted between its renames was completed: the rebuilt journal is in place, the damaged one at {@code aside}. */
    public record Finished(String journal, Path dir, Path aside) implements Outcome {
    }

    private Repair() {
    }

    /**
     * A directory an interrupted repair left in {@code data} (a journal being rebuilt, or rebuilt and not
     * yet moved in, its journal then missing), if any: a server must not start there, since it would
     * start an empty journal where the rebuilt one belongs; running {@code repair-data} again finishes
     * or clears it.
     */
    public static Optional<Path> unfinished(Path data) {
        for (Kind kind : Kind.values()) {
            Optional<Path> building = DirectorySwap.building(kind.dir(data));
            if (building.isPresent()) {
                return building;
            }
        }
        return Optional.empty();
    }

    /** Repairs the journals of {@code data}; {@code clock} stamps the names of the damaged directories. */
    public static List<Outcome> run(Path data, ServerConfig config, InstantSource clock) {
        List<Outcome> out = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            Path dir = kind.dir(data);
            try {
                DirectorySwap.finishInterrupted(dir).ifPresent(aside -> out.add(new Finished(kind.journal, dir, aside)));
            } catch (IOException | RuntimeException e) {
                out.add(new Failed(kind.journal, dir, "cannot finish an interrupted repair: " + reason(e)));
                continue;
            }
            out.add(Files.isDirectory(dir) ? repair(kind, dir, config, clock) : new Absent(kind.journal, dir));
        }
        return out;
    }

    private static Outcome repair(Kind kind, Path dir, ServerConfig config, InstantSource clock) {
        JournalDamage damage;
        Optional<Snapshot> from;
        long records;
        DirectorySwap.Names names = null;
        try (SalvagedJournal journal = SalvagedJournal.open(kind, dir, config, clock)) {
            if (journal.noSoundSnapshot()) {
                return new Failed(kind.journal, dir, "no sound snapshot in " + journal.snapshotsDir() + ": a start"
                        + " refuses to run from the journal alone, which may miss what they covered; left as it was");
            }
            if (journal.damage().isEmpty()) {
                return new Untouched(kind.journal, dir);
            }
            damage = journal.damage().get();
            from = journal.snapshot();
            names = DirectorySwap.names(dir, clock.instant());
            records = journal.writeState(names.building());
        } catch (RuntimeException e) {
            return new Failed(kind.journal, dir, reason(e) + discard(names));
        }
        try {
            DirectorySwap.swap(names); // the salvaged journal is closed: nothing maps its files any more
        } catch (IOException e) {
            String what = "cannot put the rebuilt journal in place: " + reason(e);
            return new Failed(kind.journal, dir, Files.isDirectory(dir) ? what + discard(names)
                    : what + "; run chasqui repair-data again to finish moving " + names.building() + " in");
        }
        return new Repaired(kind.journal, dir, damage, from, records, names.aside());
    }

    /** Removes what a failed rebuild wrote; returns a note for the failure's reason when it cannot. */
    private static String discard(DirectorySwap.Names names) {
        if (names == null) {
            return "";
        }
        try {
            DirectorySwap.discard(names.building());
            return "";
        } catch (IOException e) {
            return " (and " + names.building() + ", which it wrote, cannot be removed: " + reason(e) + ")";
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
