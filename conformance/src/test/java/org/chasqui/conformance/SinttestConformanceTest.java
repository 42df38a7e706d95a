package org.chasqui.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.chasqui.conformance.SinttestOutcome.Status;
import org.igniterealtime.smack.inttest.Configuration;
import org.igniterealtime.smack.inttest.XmppConnectionDescriptor;
import org.igniterealtime.smack.inttest.XmppConnectionManager;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnectionConfiguration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smack's integration test framework (sinttest 4.5.0-beta5) against a real Chasqui on loopback,
 * with TLS required and only the server's own certificate trusted. Prints one line per test and
 * the totals, and fails when a test listed in {@value #EXPECTED} does not pass.
 */
class SinttestConformanceTest {

    static final String EXPECTED = "/sinttest-expected-pass.txt";

    /** Our connection type; the framework's other types (modular, websocket) dial port 5222 or HTTP. */
    private static final String CONNECTION = "tcp";

    /** Replies slower than this fail the test (sinttest's default is 47 s). */
    private static final int REPLY_TIMEOUT_MS = 10_000;

    /**
     * Tests not run at all, by simple class name or {@code Class.method}, with the reason. Keep it
     * short: a test that fails quickly should run and fail, so that it shows when it starts to pass.
     * These would each spend 10 s or more failing for a missing feature and push the run past
     * four minutes.
     */
    static final Map<String, String> EXCLUDED = Map.of(
            "FileTransferIntegrationTest.fileTransferTest", "Smack's SOCKS5 initiator (XEP-0065) finds no"
                    + " stream host (Chasqui has no XEP-0065 proxy) and never starts the stream; the receiver"
                    + " waits out the timeout and its listener, left registered, then breaks ibbFileTransferTest",
            "RosterIntegrationTest.testPresenceDeliveredToRecipient", "racy in sinttest itself: its set-up removes"
                    + " the accounts from each other's rosters, which cancels a pending request left by the test before"
                    + " (RFC 6121 §2.5.2), and registers its listener as soon as the removal is answered; the"
                    + " 'unsubscribe' that RFC 6121 A.3.3 delivers to the second account then reaches that listener"
                    + " first in 3 runs of 17 on 2 busy cores. The server delivers it before answering the"
                    + " removal; what the test checks (§3.1.3) is covered by SubscriptionTest",
            "ModularXmppClientToServerConnectionLowLevelIntegrationTest.testDisconnectAfterConnect", "flaky on the"
                    + " client side: Smack 4.5.0-beta5's reactor thread sometimes dies with a NullPointerException"
                    + " (SmackReactor.setInterestOpsCancelledKeySafe) and the connection then waits out the timeout"
                    + " for the features after TLS; it passed in 3 runs of 4");

    /**
     * Test classes run in a sinttest run of their own, after all the others. EntityCapsTest's
     * clean-up sends 'unsubscribed' without waiting for the roster pushes; the PEP test that sinttest
     * happens to run next (GeolocationIntegrationTest) then finds the old 'both' subscription in
     * Smack's local roster, skips subscribing, and publishes to a contact that is in fact no longer
     * subscribed, so the server rightly sends it nothing (seen in 11 of 12 runs under load, with
     * stanza traces). No server can win that race; it is inside the client.
     */
    static final Set<String> RUN_LAST = Set.of("EntityCapsTest");

    @TempDir
    Path dataDir;

    /** The ratchet: the whole suite, accounts made by sinttest itself through XEP-0077. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void sinttestWithInBandRegistration() throws Exception {
        List<SinttestCatalog.TestCase> cases = selected(SinttestCatalog.scan());
        Expectations expected = expectationsFor(cases);
        List<SinttestOutcome> outcomes;
        JulToFile log = JulToFile.open(Path.of("target", "sinttest-ibr.log"));
        try (ConformanceServer server = ConformanceServer.start(dataDir)) {
            outcomes = run(server, List.of(), cases);
        } finally {
            log.close();
        }
        Expectations.Verdict verdict = expected.check(outcomes, o -> false);
        report("sinttest", outcomes, verdict, System.out);
        assertThat(verdict.regressions()).as("tests in %s that no longer pass", EXPECTED).isEmpty();
    }

    /**
     * The tests that must pass, again with three accounts made beforehand by the server's own
     * account service and registration left to them alone. A test that needs a fourth account
     * cannot run this way and is excused.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void expectedTestsWithPrecreatedAccounts() throws Exception {
        List<SinttestCatalog.TestCase> selected = selected(SinttestCatalog.scan());
        Expectations expected = expectationsFor(selected);
        List<SinttestOutcome> outcomes;
        JulToFile log = JulToFile.open(Path.of("target", "sinttest-precreated.log"));
        try (ConformanceServer server = ConformanceServer.start(dataDir)) {
            List<String> accounts = new ArrayList<>();
            for (String name : List.of("sinttest-one", "sinttest-two", "sinttest-three")) {
                String password = UUID.randomUUID().toString();
                server.createAccount(name, password);
                accounts.add(name);
                accounts.add(password);
            }
            List<SinttestCatalog.TestCase> cases = selected.stream().filter(c -> expected.mustPass(c.id())).toList();
            outcomes = run(server, accounts, cases);
        } finally {
            log.close();
        }
        Expectations.Verdict verdict = expected.check(outcomes, SinttestOutcome::needsMoreAccounts);
        report("sinttest with pre-created accounts", outcomes, verdict, System.out);
        assertThat(verdict.regressions()).as("tests in %s that no longer pass", EXPECTED).isEmpty();
    }

    /** Development aid: {@code -Dconformance.only=PingIntegrationTest,VersionIntegrationTest.testVersion}. */
    private static List<SinttestCatalog.TestCase> selected(List<SinttestCatalog.TestCase> cases) {
        String only = System.getProperty("conformance.only", "").strip();
        if (only.isEmpty()) {
            return cases;
        }
        List<String> names = List.of(only.split(","));
        return cases.stream()
                .filter(c -> names.contains(c.testClass().getSimpleName()) || names.contains(c.id()))
                .toList();
    }

    /** The expectations, limited to the selected tests when only part of the suite runs. */
    private static Expectations expectationsFor(List<SinttestCatalog.TestCase> selected) throws Exception {
        Expectations all = Expectations.load(EXPECTED);
        if (System.getProperty("conformance.only", "").isBlank()) {
            return all;
        }
        Set<String> ids = selected.stream().map(SinttestCatalog.TestCase::id).collect(Collectors.toSet());
        return all.restrictTo(ids::contains);
    }

    /** {@code accounts}: empty for in-band registration, else three username/password pairs. */
    private static List<SinttestOutcome> run(ConformanceServer server, List<String> accounts,
            List<SinttestCatalog.TestCase> cases) throws Exception {
        registerConnectionTypes(server);
        SinttestRunner runner = new SinttestRunner((tests, packages) -> configuration(server, tests, packages, accounts));
        List<SinttestCatalog.TestCase> first = cases.stream().filter(c -> !RUN_LAST.contains(simpleName(c))).toList();
        List<SinttestCatalog.TestCase> last = cases.stream().filter(c -> RUN_LAST.contains(simpleName(c))).toList();
        List<SinttestOutcome> outcomes = new ArrayList<>(runner.run(first, EXCLUDED));
        if (!last.isEmpty()) {
            outcomes.addAll(runner.run(last, EXCLUDED));
        }
        return outcomes;
    }

    private static String simpleName(SinttestCatalog.TestCase c) {
        return c.testClass().getSimpleName();
    }

    /**
     * sinttest has no port setting, and its host setting is not settable in code: the connections
     * are pointed at the server by replacing the framework's connection descriptors with ones that
     * set the address, the port and the trust manager on every connection they build. "tcp" is
     * the default connection type; "modular" is what the modular-connection tests look up (the
     * framework's other modular descriptors, including the websocket ones, are removed: they look
     * the endpoint up through host-meta on the domain's port 443; SmackWebSocketTest covers Smack's
     * WebSocket transport).
     */
    private static void registerConnectionTypes(ConformanceServer server) throws Exception {
        XmppConnectionManager.addConnectionDescriptor(
                XmppConnectionDescriptor.buildWith(XMPPTCPConnection.class, XMPPTCPConnectionConfiguration.class,
                                XMPPTCPConnectionConfiguration.Builder.class)
                        .withNickname(CONNECTION)
                        .applyExtraConfiguration(b -> pointAt(server, b))
                        .build());
        for (String nickname : List.of("modular", "modular-nocompress", "modular-websocket-okhttp",
                "modular-websocket-java11")) {
            XmppConnectionManager.removeConnectionDescriptor(nickname);
        }
        XmppConnectionManager.addConnectionDescriptor(
                XmppConnectionDescriptor.buildWith(ModularXmppClientToServerConnection.class,
                                ModularXmppClientToServerConnectionConfiguration.class,
                                ModularXmppClientToServerConnectionConfiguration.Builder.class)
                        .withNickname("modular")
                        .applyExtraConfiguration(b -> pointAt(server, b))
                        .build());
    }

    private static void pointAt(ConformanceServer server, ConnectionConfiguration.Builder<?, ?> b) {
        b.setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(server.starttlsPort())
                .setCustomX509TrustManager(server.trustManager())
                .setSecurityMode(SecurityMode.required);
    }

    private static Configuration configuration(ConformanceServer server, Collection<String> tests,
            Collection<String> packages, List<String> accounts) throws Exception {
        Configuration.Builder b = Configuration.builder()
                .setService(server.domain())
                .setSecurityMode(SecurityMode.required.name())
                .setReplyTimeout(Integer.toString(REPLY_TIMEOUT_MS))
                .setDefaultConnection(CONNECTION)
                .setEnabledConnections(CONNECTION)
                .setEnabledTests(String.join(",", tests))
                .addTestPackages(packages.toArray(String[]::new));
        if (Boolean.getBoolean("conformance.debug")) {
            b.setDebugger("console"); // every stanza in and out, in the sinttest log under target/
        }
        if (!accounts.isEmpty()) {
            b.setUsernamesAndPassword(accounts.get(0), accounts.get(1), accounts.get(2), accounts.get(3),
                    accounts.get(4), accounts.get(5));
        }
        return b.build();
    }

    /** Prints one line per test, the new passes, the regressions, then the totals. */
    static void report(String label, List<SinttestOutcome> outcomes, Expectations.Verdict verdict, PrintStream out) {
        out.println("---- " + label + " ----");
        for (SinttestOutcome o : outcomes) {
            out.println(o.line());
        }
        for (String id : verdict.newPasses()) {
            out.println("NEW PASS: add it to the expectations file: " + id);
        }
        for (String regression : verdict.regressions()) {
            out.println("REGRESSION: " + regression);
        }
        // Not in the "N passed, N failed" form: CI reads such lines as this build's own test result,
        // while these totals are a conformance score whose expected failures do not fail the build.
        out.println(label + " score: pass=" + count(outcomes, Status.PASS) + " fail=" + count(outcomes, Status.FAIL)
                + " skip=" + count(outcomes, Status.SKIP));
    }

    private static long count(List<SinttestOutcome> outcomes, Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }
}
