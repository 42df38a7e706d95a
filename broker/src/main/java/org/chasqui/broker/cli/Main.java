package org.chasqui.broker.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.config.ConfigException;
import org.chasqui.broker.config.ConfigLoader;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.broker.snapshot.Backup;

/**
 * The command line: {@code run [--config FILE]}, {@code adduser JID}, {@code passwd JID},
 * {@code deluser JID}, {@code verify-data [--data DIR]}, {@code repair-data [--data DIR]},
 * {@code backup DIR}, {@code events [--data DIR] [--from POSITION|start|end] [--follow] [--service JID]
 * [--node NODE]}. Passwords are prompted for on a terminal and read from standard input otherwise,
 * so that scripts can pipe them.
 */
public final class Main {

    private static final String USAGE = """
            usage: chasqui <command> [--config FILE]
              run              start the server (embedded defaults unless --config is given)
              adduser JID      create an account (password prompted, or read from standard input)
              passwd JID       change an account's password
              deluser JID      delete an account
              verify-data [--data DIR]
                               check the journals of a data directory (default: the configured
                               data_dir) without changing them; exit 0 when sound, 1 otherwise
              repair-data [--data DIR]
                               with the server stopped (refused while one runs on DIR):
                               rebuild each damaged journal from its newest sound snapshot and its
                               records before the first damage; changes after the damage are lost from
                               the data but kept in the damaged journal, moved whole to
                               DIR/<journal>.damaged-<UTC time>; undamaged journals are not touched;
                               exit 0 when nothing is damaged or all was repaired, 1 otherwise
              backup DIR       copy the data (consistent, also while the server runs) into a new
                               directory DIR; to restore, start the server with data_dir on a copy of DIR
              events [--data DIR] [--from POSITION|start|end] [--follow] [--service JID] [--node NODE]
                               print the pubsub journal's events as JSON lines (read-only, also while
                               the server runs), each with its position; --from is inclusive (default
                               start): after the event at position P, resume with --from P+1; --follow
                               waits for new events until interrupted; exit 0, 1 damaged journal,
                               2 usage or a position the journal no longer holds
            """;

    private Main() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("events")) {
            System.setProperty("chasqui.log.target", "System.err"); // before anything logs: stdout carries the events
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the process exit code (0 ok, 1 failure, 2 usage). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        String configFile;
        String dataDir;
        try {
            configFile = option(rest, "--config");
            dataDir = option(rest, "--data");
        } catch (IllegalArgumentException e) {
            err.print(USAGE);
            return 2;
        }
        if (rest.isEmpty()) {
            err.print(USAGE);
            return 2;
        }
        ServerConfig config;
        try {
            config = configFile == null ? ServerConfig.defaults() : ConfigLoader.load(Path.of(configFile));
        } catch (ConfigException e) {
            err.println("chasqui: invalid configuration: " + e.getMessage());
            return 1;
        }
        String command = rest.get(0);
        if (dataDir != null && !command.equals("verify-data") && !command.equals("repair-data")
                && !command.equals("events")) {
            return usage(err);
        }
        try {
            return switch (command) {
                case "run" -> rest.size() == 1 ? serve(config) : usage(err);
                case "adduser", "passwd", "deluser" -> rest.size() == 2
                        ? AccountCommands.run(command, rest.get(1), config, Main::readPassword, out, err)
                        : usage(err);
                case "verify-data" -> rest.size() == 1
                        ? VerifyData.run(dataDir == null ? config.dataDir() : Path.of(dataDir), config, out, err)
                        : usage(err);
                case "repair-data" -> rest.size() == 1
                        ? RepairData.run(dataDir == null ? config.dataDir() : Path.of(dataDir), config,
                                InstantSource.system(), out, err)
                        : usage(err);
                case "backup" -> rest.size() == 2 ? backup(config, Path.of(rest.get(1)), out) : usage(err);
                case "events" -> Events.run(rest.subList(1, rest.size()),
                        dataDir == null ? config.dataDir() : Path.of(dataDir), config, out, err);
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

    /** Removes {@code name VALUE} from {@code args} and returns VALUE, or null when absent. */
    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        if (at < 0) {
            return null;
        }
        if (at + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        String value = args.get(at + 1);
        args.subList(at, at + 2).clear();
        return value;
    }

    private static int usage(PrintStream err) {
        err.print(USAGE);
        return 2;
    }

    private static int serve(ServerConfig config) throws Exception {
        ChasquiServer server = ChasquiServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "chasqui-shutdown"));
        server.stopped().join();
        // a server that stopped itself because a journal failed exits 1, so a supervisor restarts it
        return server.storageFailure().isDone() ? 1 : 0;
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
