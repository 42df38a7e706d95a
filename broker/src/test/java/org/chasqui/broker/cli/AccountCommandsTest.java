package org.chasqui.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.accounts.AccountService;
import org.chasqui.broker.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountCommandsTest {

    @TempDir
    Path data;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String command, String jid, String password) throws Exception {
        ServerConfig config = ServerConfig.defaults().withDataDir(data);
        return AccountCommands.run(command, jid, config, prompt -> password,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private AccountService accounts() {
        return AccountService.open(ChasquiServer.accountsDir(data), 4096);
    }

    @Test
    void addChangeAndDeleteAnAccount() throws Exception {
        assertThat(run("adduser", "Alice@localhost", "first")).isZero();
        try (AccountService a = accounts()) {
            assertThat(a.verifyPassword("alice", "first")).isTrue();
        }
        assertThat(run("passwd", "alice", "second")).isZero();
        try (AccountService a = accounts()) {
            assertThat(a.verifyPassword("alice", "first")).isFalse();
            assertThat(a.verifyPassword("alice", "second")).isTrue();
        }
        assertThat(run("deluser", "alice@localhost", null)).isZero();
        try (AccountService a = accounts()) {
            assertThat(a.exists("alice")).isFalse();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("created alice@localhost", "deleted alice@localhost");
    }

    @Test
    void refusesDuplicatesUnknownAccountsAndForeignDomains() throws Exception {
        assertThat(run("adduser", "bob", "pw")).isZero();
        assertThat(run("adduser", "bob@localhost", "pw")).isEqualTo(1);
        assertThat(run("passwd", "carol@localhost", "pw")).isEqualTo(1);
        assertThat(run("deluser", "carol@localhost", null)).isEqualTo(1);
        assertThat(run("adduser", "dave@example.org", "pw")).isEqualTo(1);
        assertThat(run("adduser", "bad@@localhost", "pw")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("already exists", "no account carol@localhost", "user@localhost", "invalid JID");
    }

    @Test
    void refusesAnEmptyPassword() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run("adduser", "erin", ""))
                .hasMessageContaining("must not be empty");
    }

    @Test
    void mainReportsUsageAndConfigErrors() throws Exception {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(Main.run(new String[0], o, e)).isEqualTo(2);
        assertThat(Main.run(new String[] {"frobnicate"}, o, e)).isEqualTo(2);
        Path bad = data.resolve("bad.yaml");
        java.nio.file.Files.writeString(bad, "c2s:\n  starttls_port: 70000\n");
        assertThat(Main.run(new String[] {"run", "--config", bad.toString()}, o, e)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:", "c2s.starttls_port");
    }
}
