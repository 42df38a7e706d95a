package org.chasqui.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.accounts.AccountService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int main(String... args) throws Exception {
        Path config = dir.resolve("chasqui.yaml");
        Files.writeString(config, "data_dir: " + dir.resolve("data") + "\n");
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void backupCopiesTheAccountsIntoANewDirectoryAServerCanStartOn() throws Exception {
        try (AccountService a = AccountService.open(ChasquiServer.accountsDir(dir.resolve("data")), 4096)) {
            a.create("alice", "secret").join();
        }
        Files.createDirectories(dir.resolve("data").resolve("tls"));
        Files.writeString(dir.resolve("data").resolve("tls").resolve("localhost.crt"), "certificate");
        assertThat(main("backup", dir.resolve("copy").toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("backup of", "copy");
        try (AccountService a = AccountService.open(ChasquiServer.accountsDir(dir.resolve("copy")), 4096)) {
            assertThat(a.verifyPassword("alice", "secret")).isTrue();
        }
        assertThat(dir.resolve("copy").resolve("tls").resolve("localhost.crt")).hasContent("certificate"); // the rest
    }

    @Test
    void backupRefusesANonEmptyDirectoryAndNeedsOne() throws Exception {
        Files.createDirectories(dir.resolve("full"));
        Files.writeString(dir.resolve("full").resolve("x"), "x");
        assertThat(main("backup", dir.resolve("full").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not empty");
        assertThat(main("backup")).isEqualTo(2);
    }
}
