package org.chasqui.broker.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.accounts.AccountService;
import org.chasqui.broker.cli.VerifyDataAccess;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.Xml;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, "nothing acknowledged is ever lost", against a real crash: the server runs in a child JVM,
 * a client publishes pubsub items with distinct payloads as fast as the server answers (32 in
 * flight), and the child is killed with SIGKILL at a random moment. A new server on the same data
 * must then return every item whose publish was answered with an IQ result, with its exact payload;
 * an item whose publish was not answered may be there or not, but only whole. Several rounds on the
 * same data directory, alternating the durability levels, each round checking all earlier rounds
 * again; at the end {@code chasqui verify-data} must find the data sound. The child takes a snapshot
 * every second keeping one, so kills also land in a snapshot's writing, the move of payload references
 * into it and the pruning of the one before, and every restart after the first round reads a snapshot
 * and the journal after it (payloads of items published before it are read from the snapshot's file).
 */
class CrashRecoveryTest {

    private static final int ROUNDS = 4;
    private static final int IN_FLIGHT = 32;
    private static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    private static final String NS = "urn:chasqui:test:crash";
    private static final String USER = "publisher";
    private static final String PASSWORD = "crash test 1";

    @TempDir
    Path work;

    /** What one round sent: payload XML by item id, and the ids whose publish was acknowledged. */
    private record Round(String node, Map<String, String> sent, Set<String> acked) {
    }

    @Test
    void everyAcknowledgedPublishSurvivesAKill() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path data = work.resolve("data");
        try (AccountService accounts = AccountService.open(ChasquiServer.accountsDir(data), 4096)) {
            accounts.create(USER, PASSWORD).join();
        }
        List<Round> rounds = new ArrayList<>();
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
        ChildServer child = ChildServer.start(data, work, "process", "server-0");
        try {
            for (int r = 1; r <= ROUNDS; r++) {
                RawXmppClient client = login(child);
                checkAll(client, rounds, child, seed);
                Round round = new Round("crash-" + r, new LinkedHashMap<>(), new HashSet<>());
                createNode(client, round.node());
                rounds.add(round);
                if (r == 1) {
                    awaitSnapshot(data); // so that every later restart reads a snapshot and the journal after it
                }
                ChildServer victim = child;
                long killAfterMs = 200 + random.nextInt(1300);
                killer.schedule(() -> {
                    victim.kill();
                    return null;
                }, killAfterMs, TimeUnit.MILLISECONDS);
                publishUntilCut(client, round, random, r);
                client.close();
                victim.kill(); // waits until it is gone
                System.out.printf("round %d: killed after %d ms; %d publishes sent, %d acknowledged; snapshots %s%n",
                        r, killAfterMs, round.sent().size(), round.acked().size(), snapshots(data));
                child = ChildServer.start(data, work, r % 2 == 0 ? "process" : "os", "server-" + r);
                if (child.log().contains("incomplete record")) {
                    System.out.println("  the restart cleared a torn tail");
                }
            }
            RawXmppClient client = login(child);
            checkAll(client, rounds, child, seed);
            client.closeStream();
            client.close();
            child.stop();
        } finally {
            killer.shutdownNow();
            child.close();
        }
        assertThat(rounds.stream().mapToInt(r -> r.acked().size()).sum()).as("publishes acknowledged").isPositive();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VerifyDataAccess.run(data, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
    }

    private static Path pubsubSnapshots(Path data) {
        return ChasquiServer.pubsubDir(data).resolve("snapshots");
    }

    /** The entries of the pubsub journal's snapshot directory (complete ones and any left half-written). */
    private static List<String> snapshots(Path data) throws IOException {
        if (!Files.isDirectory(pubsubSnapshots(data))) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(pubsubSnapshots(data))) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void awaitSnapshot(Path data) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (snapshots(data).stream().noneMatch(n -> n.chars().allMatch(Character::isDigit))) {
            assertThat(System.currentTimeMillis()).as("a snapshot within 20 s (interval 1 s)").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static RawXmppClient login(ChildServer child) throws Exception {
        RawXmppClient c = RawXmppClient.connect(USER, child.port());
        c.openStreamAndExpectFeatures();
        c.startTls(child.sslContext());
        c.authenticateScram(USER, PASSWORD, "SCRAM-SHA-256");
        c.bind("crash");
        return c;
    }

    /** A node keeping every item (pubsub#max_items=max, the configured 1,000,000). */
    private static void createNode(RawXmppClient c, String node) {
        c.send("<iq type='set' to='pubsub.localhost' id='create-" + node + "'><pubsub xmlns='" + PUBSUB + "'>"
                + "<create node='" + node + "'/><configure><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>" + PUBSUB + "#node_config</value></field>"
                + "<field var='pubsub#max_items'><value>max</value></field></x></configure></pubsub></iq>");
        Element reply = c.expectStanza("iq");
        assertThat(reply.attribute("type")).as(reply.toString()).isEqualTo("result");
    }

    /** Publishes with {@link #IN_FLIGHT} outstanding until the connection is cut by the kill. */
    private static void publishUntilCut(RawXmppClient c, Round round, Random random, int r) {
        int seq = 0;
        int outstanding = 0;
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            while (outstanding < IN_FLIGHT) {
                String id = "r" + r + "-" + (seq++);
                String payload = "<entry xmlns='" + NS + "'><id>" + id + "</id><body>"
                        + text(random, 20 + random.nextInt(3000)) + "</body></entry>";
                round.sent().put(id, payload);
                c.send("<iq type='set' to='pubsub.localhost' id='" + id + "'><pubsub xmlns='" + PUBSUB + "'>"
                        + "<publish node='" + round.node() + "'><item id='" + id + "'>" + payload + "</item>"
                        + "</publish></pubsub></iq>");
                outstanding++;
            }
            RawXmppClient.Event e = c.next(RawXmppClient.TIMEOUT);
            if (e instanceof RawXmppClient.Received received) {
                Element iq = received.element();
                if (!iq.name().equals("iq")) {
                    continue; // nothing else is expected, but nothing else matters here
                }
                if (!"result".equals(iq.attribute("type"))) {
                    fail("publish failed: " + iq);
                }
                round.acked().add(iq.attribute("id"));
                outstanding--;
            } else {
                return; // the stream or the connection ended: the server is gone
            }
        }
        fail("the server was not killed within 30 s");
    }

    /** Every acknowledged item of every round is there, whole; nothing there was not sent. */
    private static void checkAll(RawXmppClient c, List<Round> rounds, ChildServer child, long seed) {
        for (Round round : rounds) {
            Map<String, Element> stored = items(c, round.node());
            System.out.printf("  %s: %d stored, %d acknowledged, %d stored without an acknowledgement%n", round.node(),
                    stored.size(), round.acked().size(), stored.keySet().stream().filter(id -> !round.acked().contains(id)).count());
            for (String id : round.acked()) {
                assertThat(stored).as("acknowledged item %s of %s (seed %d)\n%s", id, round.node(), seed, child.log())
                        .containsKey(id);
            }
            stored.forEach((id, payload) -> {
                assertThat(round.sent()).as("item %s was never sent", id).containsKey(id);
                assertThat(payload).as("payload of %s (seed %d)", id, seed).isEqualTo(Xml.stanza(round.sent().get(id)));
            });
        }
    }

    private static Map<String, Element> items(RawXmppClient c, String node) {
        c.send("<iq type='get' to='pubsub.localhost' id='items-" + node + "'><pubsub xmlns='" + PUBSUB + "'>"
                + "<items node='" + node + "'/></pubsub></iq>");
        Element reply = c.expect(Duration.ofSeconds(30));
        assertThat(reply.attribute("type")).as(reply.toString()).isEqualTo("result");
        Map<String, Element> out = new HashMap<>();
        for (Element item : reply.child("pubsub", PUBSUB).child("items", PUBSUB).elements()) {
            assertThat(item.elements()).as("one payload in %s", item).hasSize(1);
            out.put(item.attribute("id"), item.elements().get(0));
        }
        return out;
    }

    private static String text(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }
}
