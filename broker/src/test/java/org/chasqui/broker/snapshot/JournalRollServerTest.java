package org.chasqui.broker.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.persistence.log.JournalRoll;
import org.chasqui.persistence.log.ReadOnlyLog;
import org.chasqui.persistence.users.UserRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code storage.journal_roll}: a server started with {@code hourly} on an empty data directory creates
 * hourly journals, and a later start with {@code daily} leaves them hourly. Only file names are checked,
 * so the test does not depend on the clock crossing an hour.
 */
class JournalRollServerTest {

    private static final String HOURLY_FILE = "\\d{8}-\\d{2}F\\.cq4";

    @TempDir
    Path data;

    /** Each journal directory and the name its FORMAT marker gives it. */
    private Map<Path, String> journals() {
        return Map.of(ChasquiServer.accountsDir(data), "account-journal", ChasquiServer.usersDir(data), "user-journal",
                ChasquiServer.pubsubDir(data), "pubsub-journal");
    }

    @Test
    void aFreshDataDirectoryGetsHourlyJournalsThatStayHourly() throws Exception {
        try (TestServer t = TestServer.start(data, c -> c.withStorage(c.storage().withJournalRoll(JournalRoll.HOURLY)))) {
            write(t.server(), "alice");
        }
        assertThat(cycleFiles(ChasquiServer.accountsDir(data))).isNotEmpty().allMatch(n -> n.matches(HOURLY_FILE));
        assertThat(cycleFiles(ChasquiServer.usersDir(data))).isNotEmpty().allMatch(n -> n.matches(HOURLY_FILE));
        assertRolls(JournalRoll.HOURLY);

        try (TestServer t = TestServer.start(data)) { // daily: the default
            assertThat(t.server().config().storage().journalRoll()).isEqualTo(JournalRoll.DAILY);
            write(t.server(), "bob");
        }
        assertThat(cycleFiles(ChasquiServer.accountsDir(data))).isNotEmpty().allMatch(n -> n.matches(HOURLY_FILE));
        assertRolls(JournalRoll.HOURLY);
    }

    /** An account and a record of its user state, so the accounts and users journals have files. */
    private static void write(ChasquiServer server, String user) {
        server.accounts().create(user, "secret").join();
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        server.users().withUser(user, s -> server.users().commit(List.of(new UserRecord.LastSeen(user, 5, null)),
                done::complete));
        assertThat(done.orTimeout(10, TimeUnit.SECONDS).join()).isNull();
    }

    private void assertRolls(JournalRoll expected) {
        journals().forEach((dir, name) -> {
            try (ReadOnlyLog log = ReadOnlyLog.open(dir, name)) {
                assertThat(log.roll()).as(dir.toString()).isEqualTo(expected);
            }
        });
    }

    private static List<String> cycleFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).toList();
        }
    }
}
