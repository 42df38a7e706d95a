package org.chasqui.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * End-to-end load generator for issue 9: raw XMPP over NIO against any server on a loopback address
 * (Chasqui, Prosody, ejabberd), SASL PLAIN without TLS. Scenarios, run in the order given:
 * <pre>
 *   register:N        create accounts load0..load(N-1) and loadpub by XEP-0077 in-band registration
 *   fanout:N:W        1 publisher, N subscribers of a new persistent node, window W
 *   idle:N            single publishes to N subscribers, one at a time, 200 ms apart
 *   messages:K[:W]    K pairs, one-to-one chat messages, window W per pair (default 16)
 *   login:N           N first logins (connect, PLAIN, bind, presence) of accounts no earlier scenario of
 *                     the run logged in with, then held idle: RSS and live heap per connection
 *   relogin:N         the same for accounts load0..load(N-1) just logged in with PLAIN (a first pass,
 *                     unmeasured): what a server that remembers verified passwords spends
 *   login-scram:N     the same with SCRAM-SHA-1 (the client's key derivation done in a first pass)
 *   login-tls:N       N logins with STARTTLS (full handshake) and SCRAM-SHA-256, blocking client, 8 at a time
 * </pre>
 * The accounts needed: the largest N of the other scenarios (2K for messages), then N more per
 * {@code login:N} ({@link #accountsNeeded}; {@code register:auto} registers that many). With {@code --sources K} the connections come from
 * 127.0.0.1 to 127.0.0.K, for more than the ~28,000 ephemeral ports of one source address.
 * Each scenario prints one Markdown table row (and appends it to --out). With --server-pid the
 * server's CPU time and RSS are read from /proc.
 */
public final class LoadMain {

    private LoadMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>();
        List<String> scenarios = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                if (i + 1 >= args.length) {
                    usage("missing value for " + args[i]);
                }
                opt.put(args[i].substring(2), args[++i]);
            } else {
                scenarios.add(args[i]);
            }
        }
        if (scenarios.isEmpty()) {
            usage("no scenario given");
        }
        String domain = opt.getOrDefault("domain", "localhost");
        Target target = Target.of(opt.getOrDefault("host", "127.0.0.1"),
                Integer.parseInt(opt.getOrDefault("port", "5222")), domain, opt.get("pubsub"),
                Integer.parseInt(opt.getOrDefault("sources", "1")));
        ServerProbe probe = new ServerProbe(Long.parseLong(opt.getOrDefault("server-pid", "0")),
                Long.parseLong(opt.getOrDefault("clk-tck", "100")));
        int threads = Integer.parseInt(opt.getOrDefault("threads", "2"));
        Duration duration = Duration.ofSeconds(Long.parseLong(opt.getOrDefault("duration", "10")));
        Duration idleHold = Duration.ofSeconds(Long.parseLong(opt.getOrDefault("idle-hold", "5")));
        int concurrency = Integer.parseInt(opt.getOrDefault("concurrency", "32"));
        int payload = Integer.parseInt(opt.getOrDefault("payload", "200"));
        int maxPublishes = Integer.parseInt(opt.getOrDefault("max-publishes", "1000000"));
        // a server that queues its output until a batch of publishes is handled (Prosody) can be
        // silent for longer than the default before the first notification of a large fan-out
        long stallMillis = 1000L * Long.parseLong(opt.getOrDefault("stall", "10"));
        Path out = opt.containsKey("out") ? Path.of(opt.get("out")) : null;

        List<IoLoop> loops = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            loops.add(new IoLoop("load-io-" + i));
        }
        Scenarios s = new Scenarios(loops, target, opt.getOrDefault("prefix", "load"),
                opt.getOrDefault("password", "load-password"), probe, payload, concurrency, stallMillis);
        s.firstLoginsFrom(sharedAccounts(scenarios));
        if (opt.containsKey("histograms")) {
            s.histogramsTo(Path.of(opt.get("histograms")));
        }
        try {
            for (String spec : scenarios) {
                String[] p = spec.split(":");
                int n = spec.equals("register:auto") ? accountsNeeded(scenarios)
                        : p.length > 1 ? Integer.parseInt(p[1]) : 0;
                System.err.println("== " + spec);
                List<Row> rows = switch (p[0]) {
                    case "register" -> List.of(s.register(n));
                    case "fanout" -> List.of(s.fanout(n, Integer.parseInt(p[2]), duration, maxPublishes, 0,
                            "fan-out (pubsub notification)"));
                    case "idle" -> List.of(s.fanout(n, 1, Duration.ofMinutes(10), 30, 200,
                            "one publish at a time"));
                    case "messages" -> List.of(s.messages(n, p.length > 2 ? Integer.parseInt(p[2]) : 16, duration));
                    case "login" -> s.login(n, idleHold, Scenarios.LoginKind.FIRST);
                    case "relogin" -> s.login(n, idleHold, Scenarios.LoginKind.AGAIN);
                    case "login-scram" -> s.login(n, idleHold, Scenarios.LoginKind.SCRAM);
                    case "login-tls" -> List.of(s.loginTls(n));
                    default -> throw new IllegalArgumentException("unknown scenario " + spec);
                };
                for (Row r : rows) {
                    String line = r.markdown();
                    System.out.println(line);
                    if (out != null) {
                        Files.writeString(out, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    }
                }
                Thread.sleep(1000);
            }
        } finally {
            loops.forEach(IoLoop::close);
        }
    }

    /** Accounts load0.. used by every scenario but {@code login:N}: the largest N (2K for messages:K). */
    static int sharedAccounts(List<String> scenarios) {
        int shared = 0;
        for (String spec : scenarios) {
            String[] p = spec.split(":");
            if (p.length < 2 || p[0].equals("login") || p[0].equals("register")) {
                continue;
            }
            int n = Integer.parseInt(p[1]);
            shared = Math.max(shared, p[0].equals("messages") ? 2 * n : n);
        }
        return shared;
    }

    /** All the accounts the scenarios need (what {@code register:N} must create; load.sh computes the same). */
    static int accountsNeeded(List<String> scenarios) {
        int fresh = 0;
        for (String spec : scenarios) {
            String[] p = spec.split(":");
            if (p[0].equals("login")) {
                fresh += Integer.parseInt(p[1]);
            }
        }
        return sharedAccounts(scenarios) + fresh;
    }

    private static void usage(String problem) throws IOException {
        System.err.println(problem + "\nusage: LoadMain [--host 127.0.0.1] [--port 5222] [--domain localhost]"
                + " [--pubsub pubsub.DOMAIN] [--server-pid PID] [--clk-tck 100] [--threads 2] [--duration 10]"
                + " [--idle-hold 5] [--concurrency 32] [--payload 200] [--max-publishes N] [--prefix load]"
                + " [--password P] [--stall 10] [--sources K] [--histograms DIR] [--out FILE] SCENARIO...\n"
                + "scenarios: register:N fanout:N:W idle:N messages:K[:W] login:N relogin:N login-scram:N login-tls:N");
        System.exit(2);
    }
}
