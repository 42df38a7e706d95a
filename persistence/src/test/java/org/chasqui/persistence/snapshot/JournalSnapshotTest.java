package org.chasqui.persistence.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.chasqui.persistence.log.FormatMarker;
import org.chasqui.persistence.pubsub.PubSubJournal;
import org.chasqui.persistence.users.Subscription;
import org.chasqui.persistence.users.UserJournal;
import org.chasqui.persistence.users.UserRecord;
import org.chasqui.persistence.users.UserRecord.OfflineStored;
import org.chasqui.persistence.users.UserRecord.RosterItem;
import org.chasqui.pubsub.Item;
import org.chasqui.pubsub.NodeConfig;
import org.chasqui.pubsub.NodeDefaults;
import org.chasqui.pubsub.PubSubRecord;
import org.chasqui.pubsub.ServiceLimits;
import org.chasqui.xmpp.jid.Jid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalSnapshotTest {

    private static final long DAY = 86_400_000L;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis() - 10 * DAY);

    /** Two keys that fall on different shards of two. */
    private static final String A = keyOnShard(0, 2);
    private static final String B = keyOnShard(1, 2);

    private static String keyOnShard(int shard, int shards) {
        for (int i = 0; ; i++) {
            if (Coverage.shardOf("user" + i, shards) == shard) {
                return "user" + i;
            }
        }
    }

    private static UserRecord offline(String user, long id) {
        return new OfflineStored(user, id, id, "<message><body>" + id + "</body></message>");
    }

    @Test
    void replayIsTheSnapshotThenTheRecordsEachShardHasNotCovered() {
        List<UserRecord> stateA;
        List<UserRecord> stateB;
        try (UserJournal journal = UserJournal.open(dir)) {
            journal.append(offline(A, 1)).join();
            journal.append(offline(B, 1)).join();
            long positionA = journal.position().join(); // shard 0 took its part here
            journal.append(offline(B, 2)).join();
            journal.append(offline(A, 2)).join(); // after shard 0's part: must come from the journal
            long positionB = journal.position().join(); // shard 1 took its part here
            journal.append(offline(B, 3)).join();
            stateA = List.of(offline(A, 1));
            stateB = List.of(offline(B, 1), offline(B, 2));
            List<UserRecord> snapshot = new ArrayList<>(stateA);
            snapshot.addAll(stateB);
            journal.snapshot(Coverage.of(positionA, positionB), snapshot, 2);
            journal.append(offline(A, 3)).join();
        }
        List<UserRecord> read = new ArrayList<>();
        try (UserJournal journal = UserJournal.open(dir)) {
            Snapshots.Replayed replayed = journal.recover(read::add);
            assertThat(replayed.fromSnapshot()).isEqualTo(3);
            assertThat(replayed.fromJournal()).isEqualTo(3);
        }
        assertThat(read).containsExactly(offline(A, 1), offline(B, 1), offline(B, 2),
                offline(A, 2), offline(B, 3), offline(A, 3));
    }

    @Test
    void journalFilesCoveredByEveryKeptSnapshotAreDeleted() throws IOException {
        try (UserJournal journal = UserJournal.open(dir, clock::get)) {
            for (int day = 0; day < 4; day++) {
                journal.append(offline(A, day)).join();
                clock.addAndGet(DAY);
            }
            assertThat(journalFiles()).hasSize(4);
            journal.append(offline(A, 4)).join(); // day 4
            journal.snapshot(Coverage.of(journal.position().join()), List.of(offline(A, 4)), 1);
            assertThat(journalFiles()).hasSize(1); // the file of the covered position stays

            clock.addAndGet(DAY);
            journal.append(offline(A, 5)).join(); // day 5
            journal.snapshot(Coverage.of(journal.position().join()), List.of(offline(A, 4), offline(A, 5)), 2);
            assertThat(journalFiles()).hasSize(2); // the older kept snapshot still needs day 4's file
            assertThat(journal.snapshots().list()).hasSize(2);

            clock.addAndGet(DAY);
            journal.append(offline(A, 6)).join();
            journal.snapshot(Coverage.of(journal.position().join()),
                    List.of(offline(A, 4), offline(A, 5), offline(A, 6)), 2);
            assertThat(journalFiles()).hasSize(2);
            journal.append(offline(A, 7)).join(); // appends go on after files were deleted
        }
        List<UserRecord> read = new ArrayList<>();
        try (UserJournal journal = UserJournal.open(dir, clock::get)) {
            journal.replay(read::add);
        }
        assertThat(read).containsExactly(offline(A, 4), offline(A, 5), offline(A, 6), offline(A, 7));
    }

    @Test
    void aRetractedItemIsGoneFromDiskAfterTheNextSnapshot() throws IOException {
        NodeConfig defaults = NodeDefaults.leaf(ServiceLimits.DEFAULTS);
        Jid service = Jid.parse("pubsub.example.org");
        Jid owner = Jid.parse("owner@example.org");
        PubSubRecord created = new PubSubRecord.NodeCreated("news", defaults, owner, 1);
        PubSubRecord kept = new PubSubRecord.ItemPublished("news", new Item("1", "<kept-payload/>", owner, 2));
        try (PubSubJournal journal = PubSubJournal.open(dir, clock::get)) {
            journal.append(service, created).join();
            journal.append(service, kept).join();
            journal.append(service, new PubSubRecord.ItemPublished("news",
                    new Item("2", "<retracted-secret/>", owner, 3))).join();
            journal.append(service, new PubSubRecord.ItemsRemoved("news", List.of("2"))).join();
            assertThat(bytesOnDiskContain("retracted-secret")).isTrue();
            clock.addAndGet(DAY);
            journal.append(service, new PubSubRecord.AffiliationSet("news", Jid.parse("x@example.org"),
                    org.chasqui.pubsub.Affiliation.MEMBER)).join();
            journal.snapshot(Coverage.of(journal.position().join()), List.of(new PubSubJournal.Entry(service, created),
                    new PubSubJournal.Entry(service, kept)), 1);
        }
        assertThat(bytesOnDiskContain("retracted-secret")).isFalse();
        assertThat(bytesOnDiskContain("kept-payload")).isTrue();
        List<PubSubRecord> read = new ArrayList<>();
        try (PubSubJournal journal = PubSubJournal.open(dir, clock::get)) {
            journal.replay(defaults, (s, r) -> read.add(r));
        }
        assertThat(read).containsExactly(created, kept); // the affiliation record is covered by the snapshot
    }

    @Test
    void aDamagedNewestSnapshotFallsBackToTheOlderOne() throws IOException {
        try (UserJournal journal = UserJournal.open(dir)) {
            journal.append(offline(A, 1)).join();
            journal.snapshot(Coverage.of(journal.position().join()), List.of(offline(A, 1)), 2);
            journal.append(offline(A, 2)).join();
            SnapshotStore.Snapshot newest = journal.snapshot(Coverage.of(journal.position().join()),
                    List.of(offline(A, 1), offline(A, 2)), 2);
            Path data = newest.dir().resolve(SnapshotStore.DATA);
            byte[] bytes = Files.readAllBytes(data);
            Files.write(data, java.util.Arrays.copyOf(bytes, bytes.length - 3)); // cut short
        }
        List<UserRecord> read = new ArrayList<>();
        try (UserJournal journal = UserJournal.open(dir)) {
            assertThat(journal.recover(read::add).snapshot().orElseThrow().sequence()).isEqualTo(1);
        }
        assertThat(read).containsExactly(offline(A, 1), offline(A, 2));
    }

    @Test
    void withEverySnapshotDamagedTheJournalAloneIsNotTrusted() throws IOException {
        SnapshotStore.Snapshot only;
        try (UserJournal journal = UserJournal.open(dir)) {
            journal.append(offline(A, 1)).join();
            only = journal.snapshot(Coverage.of(journal.position().join()), List.of(offline(A, 1)), 1);
        }
        Files.write(only.dir().resolve(SnapshotStore.DATA), new byte[] {0, 0, 0, 1});
        try (UserJournal journal = UserJournal.open(dir)) {
            assertThatThrownBy(() -> journal.replay(r -> { })).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("damaged");
        }
    }

    @Test
    void aSnapshotInAnotherFormatIsRefused() throws IOException {
        SnapshotStore.Snapshot s;
        try (UserJournal journal = UserJournal.open(dir)) {
            journal.append(offline(A, 1)).join();
            s = journal.snapshot(Coverage.of(journal.position().join()), List.of(offline(A, 1)), 1);
        }
        assertThat(Files.readString(s.dir().resolve("FORMAT"), StandardCharsets.UTF_8))
                .isEqualTo("chasqui user-journal snapshot format 1\n");
        Files.writeString(s.dir().resolve("FORMAT"), "chasqui user-journal snapshot format 2\n");
        try (UserJournal journal = UserJournal.open(dir)) {
            assertThatThrownBy(() -> journal.replay(r -> { }))
                    .isInstanceOf(FormatMarker.IncompatibleDataException.class)
                    .hasMessageContaining("snapshot format 2");
        }
    }

    @Test
    void everyUserRecordKindRoundTripsThroughASnapshot() {
        List<UserRecord> state = List.of(
                new RosterItem("juliet", "romeo@example.net", "Romeo", List.of("Friends"), Subscription.BOTH, true, false, 7),
                new UserRecord.RosterItemRemoved("juliet", "tybalt@example.com", 9),
                new UserRecord.PendingIn("juliet", "mercutio@example.com", "<presence type='subscribe'/>"),
                new UserRecord.OfflineCleared("romeo", 41),
                offline("romeo", 42),
                new UserRecord.Blocklist("romeo", List.of("tybalt@example.com")),
                new UserRecord.VCard("romeo", "<vCard xmlns='vcard-temp'/>"),
                new UserRecord.LastSeen("romeo", 5, null));
        try (UserJournal journal = UserJournal.open(dir)) {
            journal.snapshot(Coverage.of(journal.position().join()), state, 1);
        }
        List<UserRecord> read = new ArrayList<>();
        try (UserJournal journal = UserJournal.open(dir)) {
            journal.replay(read::add);
        }
        assertThat(read).isEqualTo(state);
    }

    private List<Path> journalFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4")).toList();
        }
    }

    private boolean bytesOnDiskContain(String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(p), needle) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
