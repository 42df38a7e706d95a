package org.chasqui.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.config.SnapshotConfig;
import org.chasqui.broker.testing.JournalFiles;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.StateDump;
import org.chasqui.broker.testing.Directories;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.persistence.users.Subscription;
import org.chasqui.persistence.users.UserRecord;
import org.chasqui.pubsub.Command;
import org.chasqui.pubsub.Outcome;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code chasqui repair-data}, on data written by a real server and damaged byte by byte: a journal
 * with a record that does not match its checksum (in the middle, or the last one), or a damaged
 * header, is rebuilt with exactly the state before that record, which a server then starts on (the
 * state compared whole with a server started on a copy taken just before the damaged record was
 * written); the damaged journal is kept aside unchanged, the other journals are not touched, and
 * verify-data finds the result sound. Sound data is left byte for byte as it was.
 */
class RepairDataTest {

    private static final String PASSWORD = "secret";
    private static final String NODE = "news";

    /** The journals, and the text that marks a record appended by {@link #step} in each. */
    enum Journal {
        ACCOUNTS("account-journal", "accounts", "acct-"),
        USERS("user-journal", "users", "vcard-"),
        PUBSUB("pubsub-journal", "pubsub", "payload-");

        final String name;
        final String dir;
        final String mark;

        Journal(String name, String dir, String mark) {
            this.name = name;
            this.dir = dir;
            this.mark = mark;
        }
    }

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Path data() {
        return temp.resolve("data");
    }

    private Path expected() {
        return temp.resolve("expected");
    }

    @ParameterizedTest
    @EnumSource(Journal.class)
    void aRecordDamagedInTheMiddleIsCutWithEverythingAfterItAndTheRestKept(Journal journal) throws Exception {
        write(journal, false, false);
        long header = flipInside(journal, "two");
        Map<String, String> before = hashes(data());

        assertThat(repair()).as(output()).isZero();
        assertRepaired(journal, before, header, "2 record(s) from the damaged one on");
        assertSameStateAsTheCopy(journal, "one", "two");
    }

    @ParameterizedTest
    @EnumSource(Journal.class)
    void aDamagedLastRecordIsCutAndTheRestKept(Journal journal) throws Exception {
        write(journal, true, false);
        long header = flipInside(journal, "three");
        Map<String, String> before = hashes(data());

        assertThat(repair()).as(output()).isZero();
        assertRepaired(journal, before, header, "1 record(s) from the damaged one on");
        assertSameStateAsTheCopy(journal, "two", "three");
    }

    @ParameterizedTest
    @EnumSource(Journal.class)
    void aSnapshotAndTheJournalTailBeforeTheDamageAreKept(Journal journal) throws Exception {
        write(journal, false, true);
        long header = flipInside(journal, "two");
        Map<String, String> before = hashes(data());

        assertThat(repair()).as(output()).isZero();
        assertRepaired(journal, before, header, "2 record(s) from the damaged one on");
        assertThat(output()).containsPattern("kept: +snapshot 0+1 and the \\d+ journal record\\(s\\) before the damage");
        assertSameStateAsTheCopy(journal, "one", "two");
        try (TestServer t = TestServer.start(data())) { // a client sees it: logs in, gets its roster and the items
            try (RawXmppClient alice = RawXmppClient.login(t, "alice", PASSWORD, "r")) {
                alice.send("<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>");
                assertThat(alice.expectStanza("iq").toString()).contains("bob@localhost");
                alice.send("<iq type='get' id='i1' to='pubsub.localhost'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                        + "<items node='" + NODE + "'/></pubsub></iq>");
                Element items = alice.expectStanza("iq");
                assertThat(items.attribute("type")).as(items.toString()).isEqualTo("result");
                assertThat(items.toString()).contains("payload-base");
                if (journal == Journal.PUBSUB) {
                    assertThat(items.toString()).contains("payload-one").doesNotContain("payload-two", "payload-three");
                }
                alice.closeStream();
            }
        }
    }

    @Test
    void damageThatTheSnapshotCoversKeepsTheSnapshotsStateAndSaysSo() throws Exception {
        write(Journal.USERS, false, true); // the copy is the state the snapshot holds
        long header = flipInside(Journal.USERS, "one"); // a record the snapshot covers
        Map<String, String> before = hashes(data());

        assertThat(repair()).as(output()).isZero();
        assertRepaired(Journal.USERS, before, header, "3 record(s) from the damaged one on");
        assertThat(output()).containsPattern("note: +snapshot 0+1 covers the journal past the damage");
        assertSameStateAsTheCopy(Journal.USERS, "one", "two");
    }

    @Test
    void theDataDirectoryIsTheConfiguredOneWithoutData() throws Exception {
        write(Journal.USERS, false, false);
        flipInside(Journal.USERS, "two");
        Path config = temp.resolve("chasqui.yaml");
        Files.writeString(config, "data_dir: " + data() + "\n");

        assertThat(Main.run(new String[] {"--config", config.toString(), "repair-data"}, print(out), print(err)))
                .as(output() + err).isZero();
        assertThat(output()).contains("data directory " + data()).containsPattern("user-journal +users +REPAIRED");
        assertThat(verify()).isZero();
    }

    @Test
    void aDamagedHeaderSetsTheRestOfItsFileAside() throws Exception {
        write(Journal.USERS, false, false);
        Path file = JournalFiles.cycleFile(data().resolve("users"));
        long header = headerOf(file, "vcard-two");
        JournalFiles.write(file, header, JournalFiles.NOT_COMPLETE, new byte[0]);
        Map<String, String> before = hashes(data());

        assertThat(repair()).as(output()).isZero();
        assertThat(output()).contains("unreachable").contains("a damaged header hides how many records");
        assertRepaired(Journal.USERS, before, header, "the rest of " + file.getFileName() + " from the damage on");
        assertSameStateAsTheCopy(Journal.USERS, "one", "two");
    }

    @Test
    void soundDataIsLeftByteForByteAsItWasATornTailIncluded() throws Exception {
        write(Journal.USERS, false, false);
        Path file = JournalFiles.cycleFile(data().resolve("users"));
        List<Long> headers = JournalFiles.dataHeadersAndEnd(file);
        JournalFiles.write(file, headers.get(headers.size() - 1), 0, "<vCard xmlns='vcard-temp'><FN>cut".getBytes(StandardCharsets.UTF_8));
        Map<String, String> before = hashes(data());

        assertThat(repair()).isZero();
        assertThat(output()).containsPattern("account-journal +accounts +no damage, left untouched")
                .containsPattern("user-journal +users +no damage, left untouched")
                .containsPattern("pubsub-journal +pubsub +no damage, left untouched")
                .endsWith("nothing to repair" + System.lineSeparator());
        assertThat(hashes(data())).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aJournalWithoutASoundSnapshotCannotBeRepairedExitsOneAndIsLeftAsItWas(boolean damaged) throws Exception {
        write(Journal.PUBSUB, false, true);
        if (damaged) {
            flipInside(Journal.PUBSUB, "two");
        }
        try (Stream<Path> snapshots = Files.list(data().resolve("pubsub").resolve("snapshots"))) {
            for (Path s : snapshots.toList()) { // no sound snapshot: the journal alone may miss what it covered
                Path file = s.resolve("data");
                byte[] bytes = Files.readAllBytes(file);
                Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));
            }
        }
        Map<String, String> before = hashes(data());

        assertThat(repair()).isEqualTo(1);
        assertThat(output()).containsPattern("pubsub-journal +pubsub +NOT REPAIRED: no sound snapshot in .*snapshots")
                .contains("NOT REPAIRED: 1 journal(s); restore them from a backup");
        assertThat(hashes(data())).isEqualTo(before);
    }

    @Test
    void aRepairInterruptedBetweenItsRenamesIsFinishedByTheNextRun() throws Exception {
        write(Journal.USERS, false, false);
        flipInside(Journal.USERS, "two");
        assertThat(repair()).isZero();
        Path aside = onlyAside("users");
        // as if the process had died after moving the damaged journal aside: the rebuilt one not yet in place
        Path building = data().resolve("users.repairing-" + aside.getFileName().toString().substring("users.damaged-".length()));
        Files.move(data().resolve("users"), building);
        out.reset();

        assertThat(repair()).as(output()).isZero();
        assertThat(output()).containsPattern("user-journal +users +finished an interrupted repair")
                .containsPattern("user-journal +users +no damage, left untouched");
        assertThat(building).doesNotExist();
        assertThat(verify()).isZero();
        assertSameStateAsTheCopy(Journal.USERS, "one", "two");
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(Main.run(new String[] {"repair-data", "extra"}, print(out), print(err))).isEqualTo(2);
        assertThat(Main.run(new String[] {"repair-data", "--data"}, print(out), print(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("repair-data [--data DIR]").contains("with the server stopped");
        assertThat(Main.run(new String[] {"repair-data", "--data", temp.resolve("nope").toString()}, print(out), print(err)))
                .isEqualTo(1);
    }

    // --- writing and damaging the data

    /**
     * A server's data: accounts alice and bob, bob on alice's roster, a node with an item; then three
     * records in {@code journal} ("one", "two", "three"), with the directory copied to {@link #expected()}
     * just before the one a test damages ({@code last}: "three", else "two"); with {@code snapshot}, a
     * snapshot is taken after "one", so "two" and "three" are the journal tail.
     */
    private void write(Journal journal, boolean last, boolean snapshot) throws Exception {
        try (TestServer t = TestServer.start(data(), c -> c.withSnapshots(new SnapshotConfig(0, 2, false)))) {
            ChasquiServer server = t.server();
            server.accounts().create("alice", PASSWORD).join();
            server.accounts().create("bob", PASSWORD).join();
            commit(server, new UserRecord.RosterItem("alice", "bob@localhost", "Bob", List.of("Friends"),
                    Subscription.BOTH, false, false, 1));
            Jid alice = Jid.parse("alice@localhost/r");
            execute(server, new Command.Create(alice, NODE, Map.of()));
            publish(server, "base");
            step(server, journal, "one");
            if (snapshot) {
                server.snapshot().get(60, TimeUnit.SECONDS);
            }
            if (last) {
                step(server, journal, "two");
            }
            Directories.copy(data(), expected()); // every append above has completed: a state the server had
            if (!last) {
                step(server, journal, "two");
            }
            step(server, journal, "three");
        }
    }

    /** Appends one record to {@code journal} whose bytes hold {@code journal.mark + name}. */
    private static void step(ChasquiServer server, Journal journal, String name) {
        switch (journal) {
            case ACCOUNTS -> server.accounts().create(journal.mark + name, PASSWORD).join();
            case USERS -> commit(server, new UserRecord.VCard("alice", "<vCard xmlns='vcard-temp'><FN>" + journal.mark
                    + name + "</FN></vCard>"));
            case PUBSUB -> publish(server, name);
        }
    }

    private static void publish(ChasquiServer server, String name) {
        execute(server, new Command.Publish(Jid.parse("alice@localhost/r"), NODE, List.of(new Command.NewItem(
                "item-" + name, "<entry xmlns='urn:test'>payload-" + name + "</entry>", "urn:test")), Map.of()));
    }

    private static void commit(ChasquiServer server, UserRecord record) {
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        server.users().withUser(record.user(), s -> server.users().commit(record, done::complete));
        assertThat(done.orTimeout(10, TimeUnit.SECONDS).join()).isNull();
    }

    private static void execute(ChasquiServer server, Command command) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        server.pubsub().execute(Jid.domain("pubsub.localhost"), command, done::complete);
        Outcome o = done.orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(o.failed()).as(command + " -> " + o.error()).isFalse();
    }

    /** Flips a bit inside the record of step {@code name} (its checksum no longer matches); returns its header's offset. */
    private long flipInside(Journal journal, String name) throws IOException {
        Path file = JournalFiles.cycleFile(data().resolve(journal.dir));
        long header = headerOf(file, journal.mark + name);
        JournalFiles.flip(file, JournalFiles.offsetOf(file, journal.mark + name) + 1);
        return header;
    }

    /** The offset of the header of the data document holding {@code text}. */
    private static long headerOf(Path file, String text) throws IOException {
        long at = JournalFiles.offsetOf(file, text);
        List<Long> headers = JournalFiles.dataHeadersAndEnd(file);
        return headers.stream().filter(h -> h < at).reduce((a, b) -> b).orElseThrow();
    }

    // --- checks

    /**
     * The output names the journal, the damage and what was set aside; the damaged directory is aside,
     * byte for byte as it was; the other journals are as they were; verify-data finds the data sound.
     */
    private void assertRepaired(Journal journal, Map<String, String> before, long header, String setAside)
            throws Exception {
        Path aside = onlyAside(journal.dir);
        String file = JournalFiles.cycleFile(aside).getFileName().toString();
        assertThat(output())
                .containsPattern(journal.name + " +" + journal.dir + " +REPAIRED")
                .contains("first damage: " + aside.getFileName() + "/" + file + " offset " + header + ", the record at index 0x")
                .contains("set aside:    " + setAside)
                .contains("moved aside:  the damaged journal, whole and unchanged, to " + aside.getFileName())
                .contains("repaired 1 journal(s)");
        if (!setAside.startsWith("the rest")) {
            assertThat(output()).contains("does not match its checksum");
        }
        for (Journal other : Journal.values()) {
            if (other != journal) {
                assertThat(output()).containsPattern(other.name + " +" + other.dir + " +no damage, left untouched");
            }
        }
        Map<String, String> now = hashes(data());
        before.forEach((path, hash) -> {
            String moved = path.startsWith(journal.dir + "/") ? aside.getFileName() + path.substring(journal.dir.length()) : path;
            assertThat(now.get(moved)).as(moved + " kept as " + path + " was").isEqualTo(hash);
        });
        assertThat(verify()).as("verify-data after the repair").isZero();
    }

    /** A server on the repaired data has exactly the state of a server on the copy taken before the damaged record. */
    private void assertSameStateAsTheCopy(Journal journal, String kept, String cut) throws Exception {
        String repaired;
        try (TestServer t = TestServer.start(data())) {
            repaired = StateDump.of(t.server());
            try (RawXmppClient alice = RawXmppClient.login(t, "alice", PASSWORD, "check")) {
                alice.closeStream();
            }
            if (journal == Journal.ACCOUNTS) {
                try (RawXmppClient c = RawXmppClient.login(t, journal.mark + kept, PASSWORD, "check")) {
                    c.closeStream();
                }
                assertThat(t.server().accounts().exists(journal.mark + cut)).isFalse();
            }
        }
        String copy;
        try (TestServer t = TestServer.start(expected())) {
            copy = StateDump.of(t.server());
        }
        assertThat(repaired).contains("alice", "bob@localhost", "payload-base", journal.mark + kept)
                .doesNotContain(journal.mark + cut);
        assertThat(repaired).isEqualTo(copy);
    }

    private Path onlyAside(String dir) throws IOException {
        try (Stream<Path> entries = Files.list(data())) {
            List<Path> aside = entries.filter(p -> p.getFileName().toString().startsWith(dir + ".damaged-")).toList();
            assertThat(aside).hasSize(1);
            return aside.get(0);
        }
    }

    // --- running the commands

    private int repair() {
        return Main.run(new String[] {"repair-data", "--data", data().toString()}, print(out), print(err));
    }

    private int verify() {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        return Main.run(new String[] {"verify-data", "--data", data().toString()}, print(report), print(report));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static PrintStream print(ByteArrayOutputStream to) {
        return new PrintStream(to, true, StandardCharsets.UTF_8);
    }

    /** Every file under {@code dir} (by its path relative to it, with '/') and the SHA-256 of its bytes. */
    private static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString().replace('\\', '/'),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }

}
