package org.chasqui.broker.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.config.ConfigException;
import org.chasqui.broker.config.ConfigLoader;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.broker.snapshot.Backup;

/**
 * The command line: {@code run [--config FILE]}, {@code adduser JID}, {@code passwd JID},
 * {@code deluser JID}, {@code backup DIR}. Passwords are prompted for on a terminal and read from
 * standard input otherwise, so that scripts can pipe them.
 */
public final class Main {

    private static final String USAGE = """
            usage: chasqui <command> [--config FILE]
              run              start the server (embedded defaults unless --config is given)
              adduser JID      create an account (password prompted, or read from standard input)
              passwd JID       change an account's password
              deluser JID      delete an account
              backup DIR       copy the data (consistent, also while the server runs) into a new
                               directory DIR; to restore, start the server with data_dir on a copy of DIR
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the process exit code (0 ok, 1 failure, 2 usage). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        Path configFile = null;
        int at = rest.indexOf("--config");
        if (at >= 0) {
            if (at + 1 >= rest.size()) {
                err.print(USAGE);
                return 2;
            }
            configFile = Path.of(rest.get(at + 1));
            rest.subList(at, at + 2).clear();
        }
        if (rest.isEmpty()) {
            err.print(USAGE);
            return 2;
        }
        ServerConfig config;
        try {
            config = configFile == null ? ServerConfig.defaults() : ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            err.println("chasqui: invalid configuration: " + e.getMessage());
            return 1;
        }
        String command = rest.get(0);
        try {
            return switch (command) {
                case "run" -> rest.size() == 1 ? serve(config) : usage(err);
                case "adduser", "passwd", "deluser" -> rest.size() == 2
                        ? AccountCommands.run(command, rest.get(1), config, Main::readPassword, out, err)
                        : usage(err);
                case "backup" -> rest.size() == 2 ? backup(config, Path.of(rest.get(1)), out) : usage(err);
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> usage(err);
            };
        } catch (Exception e) {
            err.println("chasqui: " + e.getMessage());
            return 1;
        }
    }

    private static int backup(ServerConfig config, Path target, PrintStream out) {
        long records = Backup.run(config, target);
        out.println("chasqui: backup of " + config.dataDir() + " written to " + target + " (" + records + " records)");
        return 0;
    }

    private static int usage(PrintStream err) {
        err.print(USAGE);
        return 2;
    }

    private static int serve(ServerConfig config) throws Exception {
        ChasquiServer server = ChasquiServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "chasqui-shutdown"));
        stopped.await();
        return 0;
    }

    /** Prompts twice on a terminal; reads one line from standard input otherwise. */
    static String readPassword(String prompt) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("%s: ", prompt);
            char[] again = console.readPassword("%s (again): ", prompt);
            if (first == null || again == null || !Arrays.equals(first, again)) {
                throw new IOException("the passwords do not match");
            }
            return new String(first);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new IOException("no password on standard input");
        }
        return line;
    }
}
