package org.chasqui.broker.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import org.chasqui.broker.DataDirLock;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.broker.repair.Repair;
import org.chasqui.broker.repair.Repair.Outcome;
import org.chasqui.persistence.log.JournalDamage;

/**
 * {@code chasqui repair-data [--data DIR]}: runs {@link Repair} on a data directory and says per
 * journal what happened: untouched, or repaired (the first damage, what was kept, what was set aside and
 * where), or not repaired and why. Exit code 0 when every journal is undamaged or repaired, 1 when one
 * could not be repaired. For a stopped server only (nothing tells whether one has DIR open).
 */
final class RepairData {

    private RepairData() {
    }

    static int run(Path dataDir, ServerConfig config, InstantSource clock, PrintStream out, PrintStream err) {
        if (!Files.isDirectory(dataDir)) {
            err.println("chasqui: " + dataDir + " is not a directory");
            return 1;
        }
        Path data = dataDir.toAbsolutePath().normalize();
        try (DataDirLock claimed = DataDirLock.claim(data, "stop the server before repairing its data")) {
            return repair(data, config, clock, out);
        } catch (DataDirLock.InUseException e) {
            err.println("chasqui: " + e.getMessage());
            return 1;
        }
    }

    private static int repair(Path data, ServerConfig config, InstantSource clock, PrintStream out) {
        out.println("data directory " + data);
        List<Outcome> outcomes = Repair.run(data, config, clock);
        int repaired = 0;
        int failed = 0;
        for (Outcome o : outcomes) {
            String line = String.format("%-16s %-10s ", o.journal(), data.relativize(o.dir()));
            if (o instanceof Repair.Repaired r) {
                repaired++;
                out.println(line + "REPAIRED");
                describe(r, data, out);
            } else if (o instanceof Repair.Failed f) {
                failed++;
                out.println(line + "NOT REPAIRED: " + f.reason());
            } else if (o instanceof Repair.Finished f) {
                out.println(line + "finished an interrupted repair: the rebuilt journal is in place, the damaged one"
                        + " in " + data.relativize(f.aside()));
            } else if (o instanceof Repair.Untouched) {
                out.println(line + "no damage, left untouched");
            } else {
                out.println(line + "absent (never written)");
            }
        }
        if (failed > 0) {
            out.println("NOT REPAIRED: " + failed + " journal(s); restore them from a backup");
        } else if (repaired > 0) {
            out.println("repaired " + repaired + " journal(s); check with chasqui verify-data, then start the server");
        } else {
            out.println("nothing to repair");
        }
        return failed > 0 ? 1 : 0;
    }

    private static void describe(Repair.Repaired r, Path data, PrintStream out) {
        JournalDamage d = r.damage();
        Path file = r.aside().resolve(d.file().getName()); // where the damaged file is now
        out.printf("  first damage: %s offset %d, the record at index 0x%x: %s%n", data.relativize(file), d.offset(),
                d.index(), d.problem());
        out.printf("  kept:         %s and the %d journal record(s) before the damage, rebuilt as a new journal"
                + " (a snapshot of %d record(s))%n", r.from().map(s -> "snapshot " + s.dir().getFileName())
                .orElse("no snapshot"), d.recordsBefore(), r.records());
        r.from().filter(s -> d.index() <= s.coverage().min()).ifPresent(s -> out.printf("  note:         snapshot %s"
                + " covers the journal past the damage (up to index 0x%x): what it holds is kept%n",
                s.dir().getFileName(), s.coverage().min()));
        String inFile = d.recordsAfter() >= 0
                ? d.recordsAfter() + " record(s) from the damaged one on (" + d.bytesAfter() + " bytes of " + file.getFileName() + ")"
                : "the rest of " + file.getFileName() + " from the damage on (" + d.bytesAfter()
                        + " bytes; a damaged header hides how many records)";
        String later = d.laterFiles() == 0 ? "" : ", and " + d.laterFiles() + " later file(s) with " + d.laterRecords()
                + " record(s)";
        out.println("  set aside:    " + inFile + later);
        out.println("  moved aside:  the damaged journal, whole and unchanged, to " + data.relativize(r.aside()));
    }
}
