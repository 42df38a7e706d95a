package org.chasqui.broker.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.InstantSource;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.DataDirLock;
import org.chasqui.broker.accounts.AccountService;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.broker.pubsub.PubSubServices;
import org.chasqui.broker.users.UserStore;
import org.chasqui.persistence.log.Durability;

/**
 * {@code chasqui backup DIR}: a copy of the server's data that a server started on (a copy of) DIR
 * restores. Each journal is read as far as it goes at that moment (its newest snapshot and the records
 * after it; a journal is written only at its end and whole records at a time, so what is read is the
 * state after some record, one that the server has or had), and that state is written into DIR as a
 * snapshot that covers no journal record, next to an empty journal ({@link FreshJournal}). This works while the server runs
 * (its journals may be read by other processes).
 *
 * <p>The three journals are read one after the other, against the direction in which a change leads
 * to records in another journal: an account is created before anything of it is written to the user or
 * pubsub journal, and deleted from the account journal before its user state and PEP services go. So
 * pubsub is read first, then users, then accounts: every record in the copy of a later-read journal
 * was appended before the records it depends on were read, so they are in the copy too (a PEP node's
 * account, a roster's account). A change made while the backup reads may be missing from the journals
 * read before it and present in those read after (an account deleted meanwhile, its PEP services still
 * there), which is what a crash between the two appends leaves, and the server reconciles that at
 * start. The other order could copy records whose cause is missing (a PEP service of an account created
 * meanwhile), a state no crash produces. Other files of the data directory (the generated certificate)
 * are copied as they are.
 */
public final class Backup {

    private Backup() {
    }

    /** Writes the backup; returns the number of records written. DIR must not exist or be empty. */
    public static long run(ServerConfig config, Path target) {
        return run(config, target, journal -> { });
    }

    /** {@link #run(ServerConfig, Path)}, telling {@code afterReading} the name of each journal once it is read. */
    static long run(ServerConfig config, Path target, Consumer<String> afterReading) {
        Path data = config.dataDir();
        try {
            if (Files.exists(target)) {
                try (Stream<Path> entries = Files.list(target)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException(target + " is not empty");
                    }
                }
            }
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + target, e);
        }
        long records = 0;
        // pubsub, users, accounts: against the direction of dependence between them (class comment);
        // each opened at process: the backup appends nothing, and a writer at os would force the live
        // files and rewrite the running server's FORCED mark
        try (PubSubServices pubsub = ChasquiServer.openPubSub(data, config.pubsub(), config.domain(),
                InstantSource.system(), Durability.PROCESS)) {
            records += FreshJournal.pubsub(pubsub, ChasquiServer.pubsubDir(target), config.storage().journalRoll());
        }
        afterReading.accept("pubsub");
        try (UserStore users = UserStore.open(ChasquiServer.usersDir(data))) {
            records += FreshJournal.users(users, ChasquiServer.usersDir(target), config.storage().journalRoll());
        }
        afterReading.accept("users");
        try (AccountService accounts = AccountService.open(ChasquiServer.accountsDir(data), config.auth().scramIterations())) {
            records += FreshJournal.accounts(accounts, ChasquiServer.accountsDir(target), config.storage().journalRoll());
        }
        afterReading.accept("accounts");
        copyOthers(data, target);
        return records;
    }

    /** Everything in the data directory but the journals and the server's lock file. */
    private static void copyOthers(Path data, Path target) {
        Set<Path> journals = Set.of(ChasquiServer.accountsDir(data), ChasquiServer.usersDir(data),
                ChasquiServer.pubsubDir(data));
        try (Stream<Path> top = Files.list(data)) {
            for (Path entry : top.filter(p -> !journals.contains(p) && !p.getFileName().toString().equals(DataDirLock.FILE))
                    .toList()) {
                try (Stream<Path> walk = Files.walk(entry)) {
                    for (Path p : walk.toList()) {
                        Path to = target.resolve(data.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + data + " to " + target, e);
        }
    }
}
