package org.chasqui.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.testing.JournalFiles;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.persistence.pubsub.PubSubJournal;
import org.chasqui.persistence.snapshot.Coverage;
import org.chasqui.pubsub.Item;
import org.chasqui.pubsub.PubSubRecord;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chasqui events} against the journal of a real server that clients publish to over XMPP, run
 * while the server runs (in this JVM through {@link Main#run}, and once as a command in another JVM);
 * then against journals made to have deleted files and damage.
 */
class EventsCommandTest {

    static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String ENTRY = "<entry xmlns='http://www.w3.org/2005/Atom'><title>Soliloquy</title></entry>";
    static final String NODE = "princely_musings";

    @TempDir
    static Path dataDir;
    static TestServer server;
    static RawXmppClient hamlet;
    static RawXmppClient francisco;

    /** What a run of the command gave. */
    record Run(int exit, List<JsonObject> events, String err) {
        List<JsonObject> ofKind(String kind) {
            return events.stream().filter(e -> e.getString("event").equals(kind)).toList();
        }

        long lastPosition() {
            return events.get(events.size() - 1).getLong("position");
        }
    }

    @BeforeAll
    static void aServerWithANodeAndItems() throws Exception {
        server = TestServer.start(dataDir);
        server.addUser("hamlet", "to be or not");
        server.addUser("francisco", "who goes there");
        hamlet = online("hamlet", "to be or not", "elsinore");
        francisco = online("francisco", "who goes there", "barracks");
        ok(hamlet, "create", "<create node='" + NODE + "'/>");
        ok(francisco, "sub", "<subscribe node='" + NODE + "' jid='francisco@localhost'/>");
        publish("1");
        publish("2");
        ok(hamlet, "retract", "<retract node='" + NODE + "'><item id='1'/></retract>");
        ok(hamlet, "other", "<create node='elsewhere'/>");
    }

    @AfterAll
    static void stop() {
        for (RawXmppClient c : new RawXmppClient[] {hamlet, francisco}) {
            c.closeStream();
            c.close();
        }
        server.close();
    }

    private static RawXmppClient online(String user, String password, String resource) throws Exception {
        RawXmppClient c = RawXmppClient.login(server, user, password, resource);
        c.send("<presence/>");
        c.expectStanza("presence");
        return c;
    }

    private static void ok(RawXmppClient c, String id, String request) {
        c.send("<iq type='set' to='pubsub.localhost' id='" + id + "'><pubsub xmlns='" + PUBSUB + "'>" + request
                + "</pubsub></iq>");
        Element reply = c.expectStanza("iq");
        assertThat(reply.attribute("type")).as(reply.toString()).isEqualTo("result");
    }

    private static void publish(String id) {
        ok(hamlet, "publish-" + id, "<publish node='" + NODE + "'><item id='" + id + "'>" + ENTRY + "</item></publish>");
        francisco.expectStanza("message"); // the notification: the record is journaled by now
    }

    private static Run events(String... args) {
        return run(dataDir, args);
    }

    private static Run run(Path data, String... args) {
        return run(data, new ByteArrayOutputStream(), args);
    }

    /** Runs {@code chasqui events --data DATA ARGS...} in this JVM, its standard output into {@code out}. */
    private static Run run(Path data, ByteArrayOutputStream out, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("events", "--data", data.toString()));
        all.addAll(Arrays.asList(args));
        int exit = Main.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, parse(out.toString(StandardCharsets.UTF_8)), err.toString(StandardCharsets.UTF_8));
    }

    private static List<JsonObject> parse(String jsonLines) {
        return jsonLines.lines().map(JsonObject::new).toList();
    }

    @Test
    void everyJournaledChangeOfTheNodeIsALineWithItsPositionKindAndFields() {
        Run run = events("--node", NODE);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.events()).extracting(e -> e.getString("event"))
                .containsSubsequence("node-created", "subscription", "item-published", "item-published", "items-removed");
        assertThat(run.events()).allSatisfy(e -> {
            assertThat(e.getString("service")).isEqualTo("pubsub.localhost");
            assertThat(e.getString("node")).isEqualTo(NODE);
        });
        assertThat(run.events()).extracting(e -> e.getLong("position")).isSorted().doesNotHaveDuplicates();

        JsonObject created = run.ofKind("node-created").get(0);
        assertThat(created.getString("creator")).isEqualTo("hamlet@localhost");
        assertThat(created.getJsonObject("config").getJsonArray("pubsub#max_items").getList()).isNotEmpty();
        JsonObject subscription = run.ofKind("subscription").get(0);
        assertThat(subscription.getString("jid")).isEqualTo("francisco@localhost");
        assertThat(subscription.getString("state")).isEqualTo("subscribed");
        assertThat(subscription.getJsonObject("options").getBoolean("deliver")).isTrue();

        List<JsonObject> items = run.ofKind("item-published");
        assertThat(items).extracting(e -> e.getString("item")).containsExactly("1", "2");
        JsonObject item = items.get(0);
        assertThat(item.getString("publisher")).isEqualTo("hamlet@localhost");
        assertThat(Instant.parse(item.getString("time"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(item.getString("payload")).contains("<title>Soliloquy</title>").contains("http://www.w3.org/2005/Atom");
        assertThat(run.ofKind("items-removed").get(0).getJsonArray("items").getList()).containsExactly("1");
    }

    @Test
    void filtersSelectByServiceAndNode() {
        Run all = events();
        assertThat(all.events()).extracting(e -> e.getString("node")).contains(NODE, "elsewhere");
        assertThat(events("--node", "elsewhere").events()).extracting(e -> e.getString("event")).contains("node-created")
                .allSatisfy(kind -> assertThat(kind).isNotEqualTo("item-published"));
        assertThat(events("--service", "PubSub.Localhost").events()).as("a JID, compared as one")
                .hasSize((int) all.events().stream().filter(e -> e.getString("service").equals("pubsub.localhost")).count());
        assertThat(events("--service", "nobody@localhost").events()).isEmpty();
    }

    @Test
    void resumingAtTheLastProcessedPositionPlusOneNeitherRepeatsNorSkips() {
        List<JsonObject> all = events("--node", NODE).events();
        for (int processed = 0; processed < all.size(); processed++) {
            long next = all.get(processed).getLong("position") + 1;
            Run resumed = events("--node", NODE, "--from", String.valueOf(next));
            assertThat(resumed.exit()).isZero();
            assertThat(resumed.events()).isEqualTo(all.subList(processed + 1, all.size()));
        }
        Run inclusive = events("--node", NODE, "--from", all.get(2).getLong("position").toString());
        assertThat(inclusive.events()).isEqualTo(all.subList(2, all.size()));
        assertThat(events("--from", "end").events()).isEmpty();
    }

    @Test
    void followPrintsAnItemPublishedAfterItStartedUntilInterrupted() throws Exception {
        long next = events().lastPosition() + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(); // its writes are synchronized
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread follower = new Thread(() -> exit.complete(run(dataDir, out, "--from", String.valueOf(next), "--follow",
                "--node", NODE).exit()), "events-follow");
        follower.start();
        publish("3");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.toString(StandardCharsets.UTF_8).contains("\"item\":\"3\"") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        follower.interrupt();
        assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
        List<JsonObject> printed = parse(out.toString(StandardCharsets.UTF_8));
        assertThat(printed).singleElement().satisfies(e -> {
            assertThat(e.getString("event")).isEqualTo("item-published");
            assertThat(e.getString("item")).isEqualTo("3");
            assertThat(e.getLong("position")).isGreaterThanOrEqualTo(next);
        });
    }

    @Test
    void inAnotherProcessWhileTheServerRunsStandardOutputHoldsOnlyTheEvents() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle.")
                        || a.startsWith("--enable-native-access") || a.startsWith("--sun-misc-unsafe-memory-access"))
                .toList());
        command.addAll(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "-Dchasqui.log.level=DEBUG", // whatever is logged must not reach standard output
                Main.class.getName(), "events", "--data", dataDir.toString(), "--node", NODE));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(parse(stdout)).as(stdout).isEqualTo(events("--node", NODE).events());
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(events("--from", "yesterday").exit()).isEqualTo(2);
        assertThat(events("--from").exit()).isEqualTo(2);
        assertThat(events("--service", "@bad").exit()).isEqualTo(2);
        assertThat(events("stray").exit()).isEqualTo(2);
        Run pastTheEnd = events("--from", String.valueOf(events().lastPosition() + 2));
        assertThat(pastTheEnd.exit()).isEqualTo(2);
        assertThat(pastTheEnd.err()).contains("past the end");
    }

    @Test
    void aPositionWhoseJournalFileWasDeletedExitsTwoNamingTheEarliestStillHeld(@TempDir Path data) {
        Path journalDir = ChasquiServer.pubsubDir(data);
        AtomicLong clock = new AtomicLong(System.currentTimeMillis() - 5 * 86_400_000L);
        List<Long> positions = new ArrayList<>();
        try (PubSubJournal journal = PubSubJournal.open(journalDir, clock::get)) {
            for (int day = 0; day < 2; day++) {
                journal.append(Jid.parse("pubsub.localhost"), new PubSubRecord.ItemPublished(NODE,
                        new Item("day" + day, "<x xmlns='urn:test'/>", Jid.parse("hamlet@localhost"), 1))).join();
                positions.add(journal.position().join());
                clock.addAndGet(86_400_000L);
            }
            journal.snapshot(Coverage.of(positions.get(1)), List.of(), 1); // deletes the first day's file
        }
        Run gone = run(data, "--from", positions.get(0).toString());
        assertThat(gone.exit()).isEqualTo(2);
        assertThat(gone.err()).contains("position " + positions.get(0) + " is no longer in the pubsub journal")
                .contains("earliest position still held is " + positions.get(1));
        Run rest = run(data, "--from", positions.get(1).toString());
        assertThat(rest.events()).singleElement().satisfies(e -> assertThat(e.getString("item")).isEqualTo("day1"));
        assertThat(run(data, "--from", String.valueOf(positions.get(0) + 1)).events()).as("had read day 0 to its end")
                .isEqualTo(rest.events());
    }

    @Test
    void aDamagedRecordExitsOneAfterPrintingTheEventsBeforeIt(@TempDir Path data) throws Exception {
        Path journalDir = ChasquiServer.pubsubDir(data);
        try (PubSubJournal journal = PubSubJournal.open(journalDir)) {
            for (String id : List.of("first-item", "second-item", "third-item")) {
                journal.append(Jid.parse("pubsub.localhost"), new PubSubRecord.ItemPublished(NODE,
                        new Item(id, "<x xmlns='urn:test'/>", Jid.parse("hamlet@localhost"), 1))).join();
            }
        }
        Path file = JournalFiles.cycleFile(journalDir);
        JournalFiles.flip(file, JournalFiles.offsetOf(file, "second-item"));
        Run damaged = run(data);
        assertThat(damaged.exit()).isEqualTo(1);
        assertThat(damaged.events()).singleElement().satisfies(e -> assertThat(e.getString("item")).isEqualTo("first-item"));
        assertThat(damaged.err()).contains("damaged").contains(file.toString()).contains("does not match its checksum");
        assertThat(run(data.resolve("absent")).exit()).as("no journal there").isEqualTo(2);
        assertThat(Files.exists(data.resolve("absent"))).isFalse();
    }
}
