package org.chasqui.broker.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.persistence.log.ChronicleLog;
import org.chasqui.persistence.log.CorruptJournalException;
import org.chasqui.persistence.pubsub.EventFeed;
import org.chasqui.persistence.pubsub.PositionUnavailableException;
import org.chasqui.pubsub.NodeConfig;
import org.chasqui.pubsub.NodeDefaults;
import org.chasqui.xmpp.jid.Jid;

/**
 * {@code chasqui events [--from POSITION|start|end] [--follow] [--service JID] [--node NODE]}: prints
 * the pubsub journal's events, one JSON object per line ({@link EventJson}), read-only, also while the
 * server runs. {@code --from} is inclusive (default {@code start}, the oldest record still held; {@code
 * end}: only what is appended from now on): a consumer that processed the event at position P resumes
 * with {@code --from P+1}. Without {@code --follow} it stops at the newest record as it was when it
 * started; with it, it waits for new ones until interrupted. Exit 0; 1 when the journal is damaged (or
 * holds a record this version cannot read); 2 for bad usage or a position the journal no longer holds.
 */
final class Events {

    static final int OK = 0;
    /** A damaged journal, a record this version cannot read, another format, output that cannot be written. */
    static final int FAILED = 1;
    /** Bad arguments, no journal there, or a position the journal does not (or no longer) hold. */
    static final int USAGE = 2;
    /** Events per poll at most: output is flushed, and the end checked, between polls. */
    private static final int BATCH = 1024;
    /** Pause after a poll that found nothing new, when following. */
    private static final long IDLE_MILLIS = 200;

    /** What to print: parsed from the command's arguments. */
    record Options(String from, boolean follow, Jid service, String node) {

        static Options parse(List<String> args) {
            String from = "start";
            boolean follow = false;
            Jid service = null;
            String node = null;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--follow")) {
                    follow = true;
                    continue;
                }
                if (i + 1 >= args.size() || !List.of("--from", "--service", "--node").contains(a)) {
                    throw new IllegalArgumentException(a.startsWith("--") ? a + " needs a value" : "unexpected " + a);
                }
                String value = args.get(++i);
                switch (a) {
                    case "--from" -> from = position(value);
                    case "--service" -> service = Jid.parse(value); // InvalidJidException is an IllegalArgumentException
                    default -> node = value;
                }
            }
            return new Options(from, follow, service, node);
        }

        private static String position(String value) {
            if (value.equals("start") || value.equals("end") || value.matches("[0-9]{1,18}")) {
                return value;
            }
            throw new IllegalArgumentException("--from takes a position (a number >= 0), start or end; got " + value);
        }

        boolean wants(EventFeed.Event e) {
            return (service == null || service.equals(e.service())) && (node == null || node.equals(e.record().node()));
        }

        EventFeed open(Path journal, NodeConfig defaults) {
            return switch (from) {
                case "start" -> EventFeed.fromStart(journal, defaults);
                case "end" -> EventFeed.fromEnd(journal, defaults);
                default -> EventFeed.from(journal, defaults, Long.parseLong(from));
            };
        }
    }

    private Events() {
    }

    /** Runs the command over the data directory {@code dataDir}; returns the exit code. */
    static int run(List<String> args, Path dataDir, ServerConfig config, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("chasqui events: " + e.getMessage());
            return USAGE;
        }
        NodeConfig defaults = NodeDefaults.leaf(config.pubsub().limits());
        EventFeed feed;
        try {
            feed = options.open(ChasquiServer.pubsubDir(dataDir), defaults);
        } catch (PositionUnavailableException | IllegalArgumentException e) {
            err.println("chasqui events: " + e.getMessage());
            return USAGE;
        } catch (IllegalStateException e) { // another journal or format in the directory
            err.println("chasqui events: " + e.getMessage());
            return FAILED;
        }
        try (feed) {
            return print(feed, options, out, err);
        } catch (CorruptJournalException e) {
            err.println("chasqui events: the pubsub journal is damaged: " + e.getMessage());
            return FAILED;
        } catch (PositionUnavailableException e) {
            err.println("chasqui events: fell behind a deletion: " + e.getMessage());
            return USAGE;
        } catch (IllegalStateException e) { // a sound record this version cannot decode
            err.println("chasqui events: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            return OK; // --follow ends when interrupted
        }
    }

    private static int print(EventFeed feed, Options options, PrintStream out, PrintStream err)
            throws InterruptedException {
        PrintWriter lines = new PrintWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
        long end = options.follow() ? Long.MAX_VALUE : feed.newest();
        long[] last = {ChronicleLog.NO_INDEX};
        while (!Thread.currentThread().isInterrupted()) {
            int read;
            try {
                read = feed.poll(e -> {
                    last[0] = e.position();
                    if (options.wants(e)) {
                        lines.println(EventJson.of(e).encode());
                    }
                }, BATCH);
            } finally {
                lines.flush(); // what was read before a failure is out before its message
            }
            if (lines.checkError()) {
                err.println("chasqui events: cannot write to standard output; stopping");
                return FAILED;
            }
            if (!options.follow() && (read == 0 || last[0] >= end)) {
                return OK;
            }
            if (read == 0) {
                Thread.sleep(IDLE_MILLIS);
            }
        }
        return OK; // --follow ends when interrupted
    }
}
