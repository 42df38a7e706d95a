package org.chasqui.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chasqui.broker.DataDirLock;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One server per data directory: a second server, or repair-data, is refused while a server runs on
 * it, with a message that says why, and the running server is not disturbed. (A lock left by a killed
 * server is released by the kernel: CrashRecoveryTest restarts on the data of a SIGKILLed server.)
 */
class DataDirLockTest {

    @TempDir
    Path temp;

    @Test
    void aSecondServerOnTheSameDataIsRefusedAndTheFirstGoesOn() throws Exception {
        Path data = temp.resolve("data");
        try (TestServer first = TestServer.start(data)) {
            first.addUser("alice", "secret");
            assertThatThrownBy(() -> TestServer.start(data))
                    .isInstanceOf(DataDirLock.InUseException.class)
                    .hasMessageContaining("in use by a running Chasqui server")
                    .hasMessageContaining(data.resolve("lock").toString());
            RawXmppClient alice = RawXmppClient.login(first, "alice", "secret", "desk");
            alice.closeStream();
            alice.close();
        }
        try (TestServer again = TestServer.start(data)) { // released at stop
            assertThat(again.server().accounts().exists("alice")).isTrue();
        }
    }

    @Test
    void repairDataIsRefusedWhileTheServerRuns() throws Exception {
        Path data = temp.resolve("data");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (TestServer running = TestServer.start(data)) {
            int exit = Main.run(new String[] {"repair-data", "--data", data.toString()}, print(out), print(err));
            assertThat(exit).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("in use by a running Chasqui server")
                    .contains("stop the server before repairing its data");
            assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("REPAIRED");
        }
        assertThat(Main.run(new String[] {"repair-data", "--data", data.toString()}, print(out), print(err)))
                .as("once it stopped").isZero();
    }

    @Test
    void aServerDoesNotStartWhereARepairWasInterrupted() throws Exception {
        Path data = temp.resolve("data");
        try (TestServer t = TestServer.start(data)) {
            t.addUser("alice", "secret");
        }
        Path building = data.resolve("accounts.repairing-20261124T070000Z");
        Files.createDirectories(building);
        assertThatThrownBy(() -> TestServer.start(data))
                .hasMessageContaining("interrupted chasqui repair-data")
                .hasMessageContaining(building.toString());
        Files.delete(building);
        try (TestServer t = TestServer.start(data)) {
            assertThat(t.server().accounts().exists("alice")).isTrue();
        }
    }

    private static PrintStream print(ByteArrayOutputStream to) {
        return new PrintStream(to, true, StandardCharsets.UTF_8);
    }
}
