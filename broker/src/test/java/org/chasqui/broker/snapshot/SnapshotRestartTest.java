package org.chasqui.broker.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.accounts.AccountService;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.broker.pubsub.PubSubServices;
import org.chasqui.broker.testing.StateDump;
import org.chasqui.broker.testing.Directories;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.broker.users.UserStore;
import org.chasqui.persistence.snapshot.SnapshotStore;
import org.chasqui.persistence.users.Subscription;
import org.chasqui.persistence.users.UserRecord;
import org.chasqui.pubsub.Affiliation;
import org.chasqui.pubsub.Command;
import org.chasqui.pubsub.Outcome;
import org.chasqui.xmpp.jid.Jid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart from a snapshot and the journal after it rebuilds exactly the state a restart from the
 * whole journal rebuilds, and the state the server had: accounts, rosters, pending requests, offline
 * messages, block lists, vCards, last activity, pubsub nodes, configurations, affiliations,
 * subscriptions, items (with max_items, retraction and purge), PEP; and a backup restores it too.
 */
class SnapshotRestartTest {

    private static final String DOMAIN = "localhost";
    private static final Jid SERVICE = Jid.domain("pubsub." + DOMAIN);
    private static final int USERS = 8; // spread over every shard

    @TempDir
    Path temp;

    @Test
    void snapshotPlusTailEqualsTheWholeJournalAndTheLiveState() throws Exception {
        Path data = temp.resolve("data");
        String live;
        String beforeSnapshot;
        try (TestServer t = TestServer.start(data, c -> c.withSnapshots(c.snapshots().withOnShutdown(false)))) {
            ChasquiServer server = t.server();
            for (int i = 0; i < USERS; i++) {
                server.accounts().create("u" + i, "secret" + i).join();
                userState(server.users(), "u" + i, 0);
                pubsubState(server.pubsub(), i, 0);
            }
            beforeSnapshot = dump(server);
            server.snapshot().get(60, TimeUnit.SECONDS);
            assertThat(dump(server)).isEqualTo(beforeSnapshot);
            Directories.copy(data, temp.resolve("journal-only")); // a copy of the journal up to here, snapshots dropped below
            for (int i = 0; i < USERS; i += 2) { // the tail: changes over the snapshot
                userState(server.users(), "u" + i, 100);
                pubsubState(server.pubsub(), i, 100);
            }
            server.accounts().changePassword("u1", "changed").join();
            server.accounts().delete("u3").join();
            server.accounts().create("late", "pw").join();
            quiesce(server);
            live = dump(server);
        }
        assertThat(live).contains("user u0", "node nodeA0", "urn:xmpp:avatar:metadata", "item100-3")
                .doesNotContain("item100-4", "item0-0", "account u3", "user u3"); // retracted, over max_items, deleted
        Path whole = temp.resolve("whole");
        Directories.copy(data, whole);
        dropSnapshots(whole);

        // 1. restart on the snapshot and the tail
        try (TestServer t = TestServer.start(data)) {
            assertThat(dump(t.server())).isEqualTo(live);
        }
        // 2. the same journal without any snapshot: the whole history
        try (TestServer t = TestServer.start(whole, c -> c.withSnapshots(c.snapshots().withOnShutdown(false)))) {
            assertThat(dump(t.server())).isEqualTo(live);
        }
        // 3. the copy taken right after the snapshot, without it, is the state before the tail
        Path early = temp.resolve("journal-only");
        dropSnapshots(early);
        try (TestServer t = TestServer.start(early, c -> c.withSnapshots(c.snapshots().withOnShutdown(false)))) {
            assertThat(dump(t.server())).isEqualTo(beforeSnapshot);
        }
    }

    @Test
    void aBackupTakenWhileTheServerRunsRestoresItsState() throws Exception {
        Path data = temp.resolve("data");
        Path backup = temp.resolve("backup");
        String live;
        try (TestServer t = TestServer.start(data)) {
            ChasquiServer server = t.server();
            for (int i = 0; i < USERS; i++) {
                server.accounts().create("u" + i, "secret" + i).join();
                userState(server.users(), "u" + i, 0);
                pubsubState(server.pubsub(), i, 0);
            }
            server.snapshot().get(60, TimeUnit.SECONDS);
            userState(server.users(), "u0", 100); // some after the snapshot: in the journal tail only
            pubsubState(server.pubsub(), 0, 100);
            quiesce(server);
            live = dump(server);
            assertThat(Backup.run(server.config(), backup)).isPositive();
        }
        try (TestServer t = TestServer.start(backup)) {
            assertThat(dump(t.server())).isEqualTo(live);
            assertThat(t.server().accounts().verifyPassword("u5", "secret5")).isTrue();
        }
    }

    /**
     * A change made while a backup reads is never in the copy of one journal without what it depends
     * on in the others: an account created (and at once publishing on its PEP service) after the first
     * journal was read has no PEP service in the backup without its account.
     */
    @Test
    void aBackupHoldsNoRecordWhoseCauseItLacks() throws Exception {
        Path data = temp.resolve("data");
        Path backup = temp.resolve("backup");
        ServerConfig config;
        try (TestServer t = TestServer.start(data)) {
            ChasquiServer server = t.server();
            config = server.config();
            server.accounts().create("u0", "secret0").join();
            pubsubState(server.pubsub(), 0, 0);
            List<String> read = new ArrayList<>();
            Backup.run(server.config(), backup, journal -> {
                if (read.isEmpty()) { // between the first journal's read and the others'
                    server.accounts().create("u1", "secret1").join();
                    pubsubState(server.pubsub(), 1, 0);
                }
                read.add(journal);
            });
            assertThat(read).hasSize(3);
        }
        Set<String> accounts;
        try (var copy = AccountService.open(ChasquiServer.accountsDir(backup), 4096)) {
            accounts = copy.usernames();
        }
        Set<Jid> services = new TreeSet<>(Comparator.comparing(Jid::toString));
        // read as it is, not through a server's start, which would remove PEP services of unknown accounts
        try (PubSubServices copy = ChasquiServer.openPubSub(backup, config.pubsub(), DOMAIN,
                InstantSource.system(), config.storage().durability())) {
            copy.allRecords().forEach(e -> services.add(e.service()));
        }
        assertThat(accounts).contains("u0");
        for (Jid service : services) {
            if (service.localpart() != null) { // a PEP service
                assertThat(accounts).as("the account of PEP service " + service).contains(service.localpart());
            }
        }
        assertThat(services).contains(Jid.parse("u0@" + DOMAIN));
    }

    @Test
    void aSnapshotAtShutdownLeavesNoTailToReplay() throws Exception {
        Path data = temp.resolve("data");
        String live;
        try (TestServer t = TestServer.start(data)) {
            for (int i = 0; i < 3; i++) {
                t.server().accounts().create("u" + i, "pw").join();
                userState(t.server().users(), "u" + i, 0);
                pubsubState(t.server().pubsub(), i, 0);
            }
            quiesce(t.server());
            live = dump(t.server());
        }
        Map.of("accounts", "account-journal", "users", "user-journal", "pubsub", "pubsub-journal").forEach((dir, journal) ->
                assertThat(new SnapshotStore(data.resolve(dir), journal).list()).as(dir).hasSize(1));
        // the snapshot holds live items only: not the retracted one, not those max_items pushed out
        Path pubsubSnapshot = new SnapshotStore(data.resolve("pubsub"), "pubsub-journal").list().get(0).dir();
        String bytes = new String(Files.readAllBytes(pubsubSnapshot.resolve("data")), StandardCharsets.ISO_8859_1);
        assertThat(bytes).contains(">0-3</entry>").doesNotContain(">0-4</entry>", ">0-0</entry>", ">0-1</entry>");
        // an offline message cleared before the snapshot is not in it
        String users = new String(Files.readAllBytes(new SnapshotStore(data.resolve("users"), "user-journal").list().get(0)
                .dir().resolve("data")), StandardCharsets.ISO_8859_1);
        assertThat(users).contains("<body>two</body>").doesNotContain("<body>one</body>");
        try (TestServer t = TestServer.start(data)) {
            assertThat(dump(t.server())).isEqualTo(live);
        }
    }

    @Test
    void snapshotsAreTakenEveryInterval() throws Exception {
        Path data = temp.resolve("data");
        SnapshotStore users = new SnapshotStore(data.resolve("users"), "user-journal");
        try (TestServer t = TestServer.start(data, c -> c.withSnapshots(c.snapshots().withIntervalSeconds(1)
                .withOnShutdown(false)))) {
            t.server().accounts().create("u0", "pw").join();
            userState(t.server().users(), "u0", 0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (users.list().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        assertThat(users.list()).hasSize(2); // snapshots.keep, checked once none is being written
    }

    /** Every kind of user record, for {@code user}; {@code round} varies the values. */
    private static void userState(UserStore store, String user, int round) {
        long v = round + 1;
        List<UserRecord> records = List.of(
                new UserRecord.RosterItem(user, "friend" + round + "@example.net", "Friend", List.of("A", "B"),
                        Subscription.BOTH, false, false, v),
                new UserRecord.RosterItem(user, "asked" + round + "@example.net", null, List.of(),
                        Subscription.NONE, true, true, v + 1),
                new UserRecord.RosterItem(user, "gone" + round + "@example.net", null, List.of(), Subscription.TO, false, false, v + 2),
                new UserRecord.RosterItemRemoved(user, "gone" + round + "@example.net", v + 3),
                new UserRecord.PendingIn(user, "wants" + round + "@example.net", "<presence type='subscribe'/>"),
                new UserRecord.PendingIn(user, "answered" + round + "@example.net", "<presence type='subscribe'/>"),
                new UserRecord.PendingInCleared(user, "answered" + round + "@example.net"),
                new UserRecord.OfflineStored(user, round + 1, 1000, "<message><body>one</body></message>"),
                new UserRecord.OfflineStored(user, round + 2, 1001, "<message><body>two</body></message>"),
                new UserRecord.OfflineStored(user, round + 3, 1002, "<message><body>three</body></message>"),
                new UserRecord.OfflineCleared(user, round + 1),
                new UserRecord.Blocklist(user, List.of("spam" + round + "@example.org", "example.com")),
                new UserRecord.VCard(user, "<vCard xmlns='vcard-temp'><FN>" + user + round + "</FN></vCard>"),
                new UserRecord.LastSeen(user, 5000 + round, round == 0 ? null : "away"));
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        store.withUser(user, s -> store.commit(records, done::complete));
        assertThat(done.orTimeout(10, TimeUnit.SECONDS).join()).isNull();
    }

    /** Nodes on pubsub.localhost and a PEP node of account {@code i}, with every kind of node state. */
    private static void pubsubState(PubSubServices pubsub, int i, int round) {
        Jid owner = Jid.parse("u" + i + "@" + DOMAIN);
        Jid full = Jid.parse("u" + i + "@" + DOMAIN + "/res");
        Jid other = Jid.parse("u" + ((i + 1) % USERS) + "@" + DOMAIN);
        String a = "nodeA" + i;
        String b = "nodeB" + i;
        if (round == 0) {
            run(pubsub, SERVICE, new Command.Create(full, a, Map.of("pubsub#max_items", List.of("3"),
                    "pubsub#title", List.of("Node " + i))));
            run(pubsub, SERVICE, new Command.Create(full, b, Map.of()));
            run(pubsub, SERVICE, new Command.Subscribe(other, a, other, Map.of()));
            run(pubsub, SERVICE, new Command.SetNodeAffiliations(full, a, Map.of(other, Affiliation.PUBLISHER,
                    Jid.parse("outcast@example.org"), Affiliation.OUTCAST)));
        }
        for (int k = 0; k < 5; k++) { // max_items 3: two of each five go
            run(pubsub, SERVICE, new Command.Publish(full, a, List.of(new Command.NewItem("item" + round + "-" + k,
                    "<entry xmlns='urn:test'>" + round + "-" + k + "</entry>", "urn:test")), Map.of()));
        }
        run(pubsub, SERVICE, new Command.Retract(full, a, List.of("item" + round + "-4"), false));
        run(pubsub, SERVICE, new Command.Publish(full, b, List.of(new Command.NewItem("x" + round,
                "<x xmlns='urn:test'/>", "urn:test")), Map.of()));
        if (round > 0) {
            run(pubsub, SERVICE, new Command.Purge(full, b));
            run(pubsub, SERVICE, new Command.Configure(full, a, Map.of("pubsub#title", List.of("Renamed " + round))));
        }
        run(pubsub, owner, new Command.Publish(full, "urn:xmpp:avatar:metadata", List.of(new Command.NewItem("av" + round,
                "<metadata xmlns='urn:xmpp:avatar:metadata'/>", "urn:xmpp:avatar:metadata")), Map.of()));
    }

    private static void run(PubSubServices pubsub, Jid service, Command command) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        pubsub.execute(service, command, done::complete);
        Outcome o = done.orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(o.failed()).as(command + " -> " + o.error()).isFalse();
    }

    /** Lets the shards finish what stream ends and account deletions queued. */
    private static void quiesce(ChasquiServer server) throws InterruptedException {
        Thread.sleep(300);
    }

    /** The whole durable state as text, in an order that does not depend on hash maps. */
    static String dump(ChasquiServer server) {
        return StateDump.of(server);
    }


    private static void dropSnapshots(Path data) throws IOException {
        for (String journal : List.of("accounts", "users", "pubsub")) {
            Path dir = data.resolve(journal).resolve(SnapshotStore.DIRECTORY);
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
        assertThat(Files.readString(data.resolve("users").resolve("FORMAT"), StandardCharsets.UTF_8)).contains("user-journal");
    }
}
