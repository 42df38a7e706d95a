package org.chasqui.broker.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.chasqui.broker.testing.JournalFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's periodic refresh of accounts written by another process (here a second
 * {@link AccountService} on the same directory, as the CLI opens it) when such a record is damaged.
 */
class AccountRefreshTest {

    @TempDir
    Path dir;

    @Test
    void aDamagedRecordIsReportedNotSkippedAndTheRefreshResumesOnceItIsSound() throws Exception {
        try (AccountService server = AccountService.open(dir, 4096);
             AccountService cli = AccountService.open(dir, 4096)) {
            AccountRefresh refresh = new AccountRefresh(server);
            cli.create("alice", "secret-a").join();
            refresh.run();
            assertTrue(server.exists("alice"));
            assertEquals(java.util.Optional.empty(), refresh.problem());

            cli.create("bob", "secret-b").join();
            Path file = JournalFiles.cycleFile(dir);
            long bob = JournalFiles.offsetOf(file, "bob");
            JournalFiles.flip(file, bob);
            refresh.run();
            refresh.run(); // reported again, not stepped over
            assertFalse(server.exists("bob"), "a record that fails its checksum is not applied");
            String problem = refresh.problem().orElseThrow();
            assertTrue(problem.contains("checksum") && problem.contains(file.getFileName().toString()), problem);

            cli.create("carol", "secret-c").join();
            refresh.run();
            assertFalse(server.exists("carol"), "nothing after the damaged record is read either");

            JournalFiles.flip(file, bob); // mended
            refresh.run();
            assertTrue(server.exists("bob") && server.exists("carol"));
            assertEquals(java.util.Optional.empty(), refresh.problem());
        }
    }
}
