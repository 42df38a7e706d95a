package org.chasqui.persistence.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.chasqui.persistence.log.ChronicleLog;
import org.chasqui.persistence.log.CorruptJournalException;
import org.chasqui.persistence.log.Durability;
import org.chasqui.persistence.log.RawJournal;
import org.chasqui.persistence.snapshot.Coverage;
import org.chasqui.pubsub.Affiliation;
import org.chasqui.pubsub.Item;
import org.chasqui.pubsub.NodeConfig;
import org.chasqui.pubsub.NodeDefaults;
import org.chasqui.pubsub.PubSubRecord;
import org.chasqui.pubsub.ServiceLimits;
import org.chasqui.xmpp.jid.Jid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EventFeed} on real journal files written by {@link PubSubJournal}: order, positions (checked
 * against the journal's own {@code position()}), resuming, the ends, deleted files, damage, and
 * reading while the journal is appended to.
 */
class EventFeedTest {

    private static final long DAY = 86_400_000L;
    static final NodeConfig DEFAULTS = NodeDefaults.leaf(ServiceLimits.DEFAULTS);
    static final Jid SERVICE = Jid.parse("pubsub.example.org");
    static final Jid PEP = Jid.parse("juliet@example.org");
    static final Jid OWNER = Jid.parse("hamlet@example.org");

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis() - 10 * DAY);

    /** What was appended, with the position the journal gave it. */
    private record Appended(long position, Jid service, PubSubRecord record) {
        EventFeed.Event event() {
            return new EventFeed.Event(position, service, record);
        }
    }

    private static PubSubRecord item(String node, String id) {
        return new PubSubRecord.ItemPublished(node, new Item(id, "<entry xmlns='urn:test'>" + id + "</entry>", OWNER, 7));
    }

    private static Appended append(PubSubJournal journal, Jid service, PubSubRecord r) {
        journal.append(service, r).join();
        return new Appended(journal.position().join(), service, r);
    }

    private List<Appended> appendSome(PubSubJournal journal, String prefix, int n) {
        List<Appended> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            done.add(append(journal, i % 2 == 0 ? SERVICE : PEP, item("news", prefix + i)));
        }
        return done;
    }

    private static List<EventFeed.Event> events(List<Appended> appended) {
        return appended.stream().map(Appended::event).toList();
    }

    private static List<EventFeed.Event> pollAll(EventFeed feed) {
        List<EventFeed.Event> read = new ArrayList<>();
        feed.poll(read::add);
        return read;
    }

    @Test
    void everyRecordComesOnceInJournalOrderWithItsPositionServiceAndContent() {
        List<Appended> appended = new ArrayList<>();
        try (PubSubJournal journal = PubSubJournal.open(dir)) {
            appended.add(append(journal, SERVICE, new PubSubRecord.NodeCreated("news", DEFAULTS, OWNER, 5)));
            appended.add(append(journal, SERVICE, new PubSubRecord.AffiliationSet("news", PEP, Affiliation.PUBLISHER)));
            appended.add(append(journal, SERVICE, item("news", "a")));
            appended.add(append(journal, PEP, new PubSubRecord.ItemPublished("urn:xmpp:avatar:metadata",
                    new Item("b", (String) null, PEP, 9))));
            appended.add(append(journal, SERVICE, new PubSubRecord.ItemsRemoved("news", List.of("a"))));
            appended.add(append(journal, SERVICE, new PubSubRecord.NodePurged("news")));
            appended.add(append(journal, SERVICE, new PubSubRecord.NodeDeleted("news")));
        }
        try (EventFeed feed = EventFeed.fromStart(dir, DEFAULTS)) {
            List<EventFeed.Event> read = pollAll(feed);
            assertThat(read).isEqualTo(events(appended)); // payloads read from the files, onto the heap
            assertThat(pollAll(feed)).as("nothing twice").isEmpty();
        }
        assertThat(appended).extracting(Appended::position).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void resumingAfterTheLastProcessedPositionNeitherRepeatsNorSkipsEvenAcrossJournalFiles() {
        List<Appended> appended = new ArrayList<>();
        try (PubSubJournal journal = PubSubJournal.open(dir, clock::get)) {
            appended.addAll(appendSome(journal, "day0-", 3));
            clock.addAndGet(DAY);
            appended.addAll(appendSome(journal, "day1-", 3));
        }
        assertThat(appended.get(3).position()).as("a new file starts a new range of positions")
                .isGreaterThan(appended.get(2).position() + 1);
        for (int processed = 0; processed < appended.size(); processed++) {
            long resume = appended.get(processed).position() + 1;
            try (EventFeed feed = EventFeed.from(dir, DEFAULTS, resume)) {
                assertThat(pollAll(feed)).as("resumed after event %d", processed)
                        .isEqualTo(events(appended.subList(processed + 1, appended.size())));
            }
        }
        try (EventFeed feed = EventFeed.from(dir, DEFAULTS, appended.get(4).position())) {
            assertThat(pollAll(feed)).as("from is inclusive").isEqualTo(events(appended.subList(4, 6)));
        }
    }

    @Test
    void aBoundedPollHandsOverAtMostItsShareAndTheNextGoesOnFromThere() {
        List<Appended> appended;
        try (PubSubJournal journal = PubSubJournal.open(dir)) {
            appended = appendSome(journal, "x", 5);
        }
        try (EventFeed feed = EventFeed.fromStart(dir, DEFAULTS)) {
            assertThat(feed.newest()).isEqualTo(appended.get(4).position());
            List<EventFeed.Event> read = new ArrayList<>();
            assertThat(feed.poll(read::add, 2)).isEqualTo(2);
            assertThat(feed.poll(read::add, 2)).isEqualTo(2);
            assertThat(feed.poll(read::add, 2)).isEqualTo(1);
            assertThat(feed.poll(read::add, 2)).isZero();
            assertThat(read).isEqualTo(events(appended));
        }
    }

    @Test
    void aFeedFromTheEndSeesOnlyWhatIsAppendedAfterItOpened() {
        try (PubSubJournal journal = PubSubJournal.open(dir)) {
            appendSome(journal, "old-", 2);
            try (EventFeed feed = EventFeed.fromEnd(dir, DEFAULTS)) {
                assertThat(pollAll(feed)).isEmpty();
                List<Appended> later = appendSome(journal, "new-", 2);
                assertThat(pollAll(feed)).isEqualTo(events(later));
            }
        }
    }

    @Test
    void anEmptyJournalFeedsNothingUntilARecordIsAppended() {
        try (PubSubJournal journal = PubSubJournal.open(dir)) {
            try (EventFeed start = EventFeed.fromStart(dir, DEFAULTS);
                 EventFeed end = EventFeed.fromEnd(dir, DEFAULTS);
                 EventFeed zero = EventFeed.from(dir, DEFAULTS, 0)) {
                for (EventFeed f : List.of(start, end, zero)) {
                    assertThat(pollAll(f)).isEmpty();
                }
                List<Appended> first = appendSome(journal, "first-", 1);
                for (EventFeed f : List.of(start, end, zero)) {
                    assertThat(pollAll(f)).isEqualTo(events(first));
                }
            }
        }
    }

    @Test
    void aPositionPastTheEndOrNegativeIsNotAPositionOfThisJournal() {
        long last;
        try (PubSubJournal journal = PubSubJournal.open(dir)) {
            last = appendSome(journal, "x", 2).get(1).position();
        }
        EventFeed.from(dir, DEFAULTS, last + 1).close(); // caught up: fine
        assertThatThrownBy(() -> EventFeed.from(dir, DEFAULTS, last + 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("past the end").hasMessageContaining(String.valueOf(last));
        assertThatThrownBy(() -> EventFeed.from(dir, DEFAULTS, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventFeed.fromStart(dir.resolve("absent"), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absent");
        assertThat(dir.resolve("absent")).doesNotExist();
    }

    /** Days 0, 1, 2 with records; a snapshot at day 2 deletes the files of days 0 and 1. */
    private List<Appended> threeDaysThenASnapshot() {
        List<Appended> appended = new ArrayList<>();
        try (PubSubJournal journal = PubSubJournal.open(dir, clock::get)) {
            for (int day = 0; day < 3; day++) {
                appended.addAll(appendSome(journal, "day" + day + "-", 2));
                clock.addAndGet(DAY);
            }
            journal.snapshot(Coverage.of(journal.position().join()), List.of(), 1);
        }
        assertThat(journalFiles()).hasSize(1);
        return appended;
    }

    @Test
    void aPositionInAJournalFileDeletedAfterASnapshotIsRefusedNamingTheEarliestStillHeld() {
        List<Appended> appended = threeDaysThenASnapshot();
        long earliest = appended.get(4).position();
        for (int gone = 0; gone < 4; gone++) {
            long position = appended.get(gone).position();
            assertThatThrownBy(() -> EventFeed.from(dir, DEFAULTS, position))
                    .isInstanceOf(PositionUnavailableException.class)
                    .hasMessageContaining("position " + position + " is no longer in the pubsub journal")
                    .hasMessageContaining("earliest position still held is " + earliest)
                    .satisfies(e -> assertThat(((PositionUnavailableException) e).earliest()).isEqualTo(earliest));
        }
        try (EventFeed feed = EventFeed.fromStart(dir, DEFAULTS)) {
            assertThat(pollAll(feed)).isEqualTo(events(appended.subList(4, 6)));
        }
        try (EventFeed feed = EventFeed.from(dir, DEFAULTS, earliest)) {
            assertThat(pollAll(feed)).isEqualTo(events(appended.subList(4, 6)));
        }
    }

    @Test
    void aConsumerThatHadReadADeletedFileToItsEndResumesWithoutAGap() {
        // Its next position lies in a deleted file, yet nothing it has not seen was deleted: the journal
        // records the last deleted position, so this is told apart from a real gap.
        List<Appended> appended = threeDaysThenASnapshot();
        try (EventFeed feed = EventFeed.from(dir, DEFAULTS, appended.get(3).position() + 1)) {
            assertThat(pollAll(feed)).isEqualTo(events(appended.subList(4, 6)));
        }
        assertThatThrownBy(() -> EventFeed.from(dir, DEFAULTS, appended.get(2).position() + 1))
                .isInstanceOf(PositionUnavailableException.class);
    }

    @Test
    void withoutTheRecordOfDeletionsEveryPositionBeforeTheOldestFileIsRefused() throws IOException {
        // a data directory whose files an older version deleted: the last deleted position is not known
        List<Appended> appended = threeDaysThenASnapshot();
        Files.delete(dir.resolve("DELETED"));
        assertThatThrownBy(() -> EventFeed.from(dir, DEFAULTS, appended.get(3).position() + 1))
                .isInstanceOf(PositionUnavailableException.class);
        try (EventFeed feed = EventFeed.from(dir, DEFAULTS, appended.get(4).position())) {
            assertThat(pollAll(feed)).isEqualTo(events(appended.subList(4, 6)));
        }
    }

    @Test
    void aFeedThatFellBehindADeletionStopsInsteadOfSkipping() {
        List<Appended> appended = new ArrayList<>();
        try (PubSubJournal journal = PubSubJournal.open(dir, clock::get)) {
            appended.addAll(appendSome(journal, "day0-", 2));
            try (EventFeed feed = EventFeed.fromStart(dir, DEFAULTS)) {
                assertThat(pollAll(feed)).isEqualTo(events(appended));
                for (int day = 1; day < 3; day++) {
                    clock.addAndGet(DAY);
                    appended.addAll(appendSome(journal, "day" + day + "-", 2));
                }
                journal.snapshot(Coverage.of(journal.position().join()), List.of(), 1); // days 0 and 1 go
                List<EventFeed.Event> read = new ArrayList<>();
                for (int attempt = 0; attempt < 2; attempt++) {
                    assertThatThrownBy(() -> feed.poll(read::add)).isInstanceOf(PositionUnavailableException.class)
                            .hasMessageContaining("position " + (appended.get(1).position() + 1));
                }
                assertThat(read).as("nothing after the gap was handed over").isEmpty();
            }
        }
    }

    @Test
    void aDamagedRecordStopsTheFeedWithAnErrorNamingItEveryTime() throws IOException {
        List<Appended> appended;
        try (PubSubJournal journal = PubSubJournal.open(dir)) {
            appended = appendSome(journal, "item-", 3);
        }
        Path file = RawJournal.cycleFile(dir);
        RawJournal.flip(file, RawJournal.offsetOf(file, "item-1") + 2); // "itdm-1": still decodes
        List<EventFeed.Event> read = new ArrayList<>();
        try (EventFeed feed = EventFeed.fromStart(dir, DEFAULTS)) {
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(() -> feed.poll(read::add)).isInstanceOf(CorruptJournalException.class)
                        .hasMessageContaining(file.toString())
                        .hasMessageContaining(String.format("index 0x%x", appended.get(1).position()))
                        .hasMessageContaining("does not match its checksum");
            }
        }
        assertThat(read).as("the record before the damage, once").isEqualTo(events(appended.subList(0, 1)));
    }

    @Test
    void aSoundRecordThisVersionCannotReadStopsTheFeedToo() {
        long unknown;
        try (ChronicleLog log = ChronicleLog.open(dir, PubSubJournal.NAME)) {
            log.append(out -> PubSubRecordCodec.write(out, SERVICE, item("news", "a"))).join();
            log.append(out -> out.writeByte((byte) 'Z').writeByte((byte) 1)).join(); // a kind from a newer version
            unknown = log.position().join();
        }
        List<EventFeed.Event> read = new ArrayList<>();
        try (EventFeed feed = EventFeed.fromStart(dir, DEFAULTS)) {
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(() -> feed.poll(read::add)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("record at position " + unknown + " cannot be read");
            }
        }
        assertThat(read).extracting(EventFeed.Event::record).containsExactly(item("news", "a"));
    }

    @Test
    void aFeedFollowsWhileAnotherAppenderInThisJvmAppends() {
        int n = 2_000;
        try (PubSubJournal journal = PubSubJournal.open(dir)) {
            appendSome(journal, "before-", 1);
            List<EventFeed.Event> read = new ArrayList<>();
            try (EventFeed feed = EventFeed.fromStart(dir, DEFAULTS)) {
                CompletableFuture<List<Appended>> writer = CompletableFuture.supplyAsync(() -> appendSome(journal, "w", n));
                while (true) {
                    boolean done = writer.isDone();
                    if (feed.poll(read::add) == 0) {
                        if (done) {
                            break; // every append had completed before this poll found nothing
                        }
                        Thread.onSpinWait();
                    }
                }
                List<Appended> all = new ArrayList<>();
                try (EventFeed again = EventFeed.fromStart(dir, DEFAULTS)) {
                    again.poll(e -> all.add(new Appended(e.position(), e.service(), e.record())));
                }
                assertThat(all).hasSize(n + 1);
                assertThat(all.subList(1, n + 1)).isEqualTo(writer.join());
                assertThat(read).isEqualTo(events(all));
            }
        }
    }

    @Test
    void besideAJournalAtOsTheFeedFollowsForcedRecordsAndAfterASwitchToProcessReadsThemAll() throws IOException {
        List<Appended> appended = new ArrayList<>();
        try (PubSubJournal journal = PubSubJournal.open(dir, Durability.OS);
                EventFeed feed = EventFeed.fromStart(dir, DEFAULTS)) {
            appended.addAll(appendSome(journal, "os-", 2)); // each append completes after its force
            assertThat(pollAll(feed)).isEqualTo(events(appended));
            assertThat(feed.newest()).isEqualTo(appended.get(1).position());
        }
        // as a killed os run can leave it: the second record is in the file but its force never returned
        markForcedThrough(appended.get(0).position());
        try (EventFeed feed = EventFeed.fromStart(dir, DEFAULTS)) {
            assertThat(pollAll(feed)).as("held at the forced mark").isEqualTo(events(appended.subList(0, 1)));
            assertThat(feed.newest()).isEqualTo(appended.get(0).position());
            try (PubSubJournal journal = PubSubJournal.open(dir, Durability.PROCESS)) {
                appended.addAll(appendSome(journal, "process-", 1));
                assertThat(pollAll(feed)).as("at process nothing is held back")
                        .isEqualTo(events(appended.subList(1, 3)));
            }
        }
        try (EventFeed feed = EventFeed.fromStart(dir, DEFAULTS)) {
            assertThat(pollAll(feed)).isEqualTo(events(appended));
        }
    }

    /** Writes the journal's FORCED file as its writer would (value, then its complement, native order). */
    private void markForcedThrough(long index) throws IOException {
        ByteBuffer pair = ByteBuffer.allocate(2 * Long.BYTES).order(ByteOrder.nativeOrder()).putLong(index).putLong(~index);
        Files.write(dir.resolve("FORCED"), pair.array());
    }

    private List<Path> journalFiles() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".cq4")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
