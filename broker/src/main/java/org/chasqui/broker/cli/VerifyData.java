package org.chasqui.broker.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.persistence.accounts.AccountJournal;
import org.chasqui.persistence.log.JournalReport;
import org.chasqui.persistence.pubsub.PubSubJournal;
import org.chasqui.persistence.snapshot.SnapshotStore;
import org.chasqui.persistence.users.UserJournal;
import org.chasqui.pubsub.NodeConfig;
import org.chasqui.pubsub.NodeDefaults;

/**
 * {@code chasqui verify-data [--data DIR]}: checks every journal of a data directory, and its
 * snapshots, offline and changes nothing. Per journal it prints the records it read and every
 * finding: problems (damage, records this version cannot read, another format, no sound snapshot
 * left) make the exit code 1; warnings (a torn tail, which the next start clears, having never
 * acknowledged it; a damaged snapshot next to a sound one) do not. Safe while the server runs.
 */
final class VerifyData {

    private VerifyData() {
    }

    static int run(Path dataDir, ServerConfig config, PrintStream out, PrintStream err) {
        if (!Files.isDirectory(dataDir)) {
            err.println("chasqui: " + dataDir + " is not a directory");
            return 1;
        }
        out.println("data directory " + dataDir.toAbsolutePath().normalize());
        NodeConfig defaults = NodeDefaults.leaf(config.pubsub().limits());
        List<JournalReport> reports = List.of(
                AccountJournal.verify(ChasquiServer.accountsDir(dataDir)),
                AccountJournal.verifySnapshots(ChasquiServer.accountsDir(dataDir)),
                UserJournal.verify(ChasquiServer.usersDir(dataDir)),
                UserJournal.verifySnapshots(ChasquiServer.usersDir(dataDir)),
                PubSubJournal.verify(ChasquiServer.pubsubDir(dataDir), defaults),
                PubSubJournal.verifySnapshots(ChasquiServer.pubsubDir(dataDir), defaults));
        int problems = 0;
        for (JournalReport r : reports) {
            if (!r.present() && r.dir().endsWith(SnapshotStore.DIRECTORY)) {
                continue; // a journal without snapshots: nothing to say
            }
            String state = !r.present() ? "absent (never written)"
                    : r.records() + " records, " + (r.sound() ? "sound" : r.problems().size() + " problem(s)");
            out.printf("%-16s %-40s %s%n", r.journal(), dataDir.relativize(r.dir()), state);
            r.warnings().forEach(w -> out.println("  warning: " + w));
            r.problems().forEach(p -> out.println("  PROBLEM: " + p));
            problems += r.problems().size();
        }
        out.println(problems == 0 ? "sound" : "NOT SOUND: " + problems + " problem(s)");
        return problems == 0 ? 0 : 1;
    }
}
