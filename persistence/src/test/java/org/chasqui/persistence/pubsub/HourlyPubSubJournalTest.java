package org.chasqui.persistence.pubsub;

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
import org.chasqui.persistence.log.JournalRoll;
import org.chasqui.persistence.snapshot.Coverage;
import org.chasqui.pubsub.Item;
import org.chasqui.pubsub.NodeConfig;
import org.chasqui.pubsub.NodeDefaults;
import org.chasqui.pubsub.PubSubRecord;
import org.chasqui.pubsub.ServiceLimits;
import org.chasqui.xmpp.jid.Jid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pubsub journal with an hourly roll (issue 5): a retracted item's bytes leave the disk at the
 * first snapshot taken in a later hour, not a later day; replay and the event feed go across hour
 * files and their deletion.
 */
class HourlyPubSubJournalTest {

    private static final long HOUR = 3_600_000L;
    private static final NodeConfig DEFAULTS = NodeDefaults.leaf(ServiceLimits.DEFAULTS);
    private static final Jid SERVICE = Jid.parse("pubsub.example.org");
    private static final Jid OWNER = Jid.parse("owner@example.org");

    @TempDir
    Path dir;

    /** Ten hours ago, at the start of an hour plus one minute. */
    private final AtomicLong clock = new AtomicLong((System.currentTimeMillis() / HOUR - 10) * HOUR + 60_000);

    private static PubSubRecord item(String id, String payload) {
        return new PubSubRecord.ItemPublished("news", new Item(id, payload, OWNER, 2));
    }

    @Test
    void aRetractedItemLeavesTheDiskAtTheFirstSnapshotOfALaterHour() throws IOException {
        PubSubRecord created = new PubSubRecord.NodeCreated("news", DEFAULTS, OWNER, 1);
        PubSubRecord kept = item("1", "<kept-payload/>");
        try (PubSubJournal journal = PubSubJournal.open(dir, JournalRoll.HOURLY, clock::get)) {
            journal.append(SERVICE, created).join();
            journal.append(SERVICE, kept).join();
            journal.append(SERVICE, item("2", "<retracted-secret/>")).join();
            journal.append(SERVICE, new PubSubRecord.ItemsRemoved("news", List.of("2"))).join();
            clock.addAndGet(30 * 60_000); // the same hour: its file is still the newest
            journal.snapshot(Coverage.of(journal.position().join()), List.of(new PubSubJournal.Entry(SERVICE, created),
                    new PubSubJournal.Entry(SERVICE, kept)), 1);
            assertThat(bytesOnDiskContain("retracted-secret")).as("its hour is not over").isTrue();

            clock.addAndGet(HOUR);
            journal.append(SERVICE, item("3", "<next-hour/>")).join();
            journal.snapshot(Coverage.of(journal.position().join()), List.of(new PubSubJournal.Entry(SERVICE, created),
                    new PubSubJournal.Entry(SERVICE, kept), new PubSubJournal.Entry(SERVICE, item("3", "<next-hour/>"))), 1);
            assertThat(bytesOnDiskContain("retracted-secret")).isFalse();
            assertThat(cycleFiles()).hasSize(1).allMatch(n -> n.matches("\\d{8}-\\d{2}F\\.cq4"));
        }
        List<PubSubRecord> read = new ArrayList<>();
        try (PubSubJournal journal = PubSubJournal.open(dir, JournalRoll.HOURLY, clock::get)) {
            journal.replay(DEFAULTS, (s, r) -> read.add(r));
        }
        assertThat(read).containsExactly(created, kept, item("3", "<next-hour/>"));
    }

    @Test
    void theEventFeedGoesAcrossHourFilesAndTheirDeletion() {
        List<Long> positions = new ArrayList<>();
        List<PubSubRecord> records = new ArrayList<>();
        try (PubSubJournal journal = PubSubJournal.open(dir, JournalRoll.HOURLY, clock::get)) {
            for (int hour = 0; hour < 3; hour++) {
                for (int i = 0; i < 2; i++) {
                    PubSubRecord r = item(hour + "-" + i, "<entry/>");
                    journal.append(SERVICE, r).join();
                    positions.add(journal.position().join());
                    records.add(r);
                }
                clock.addAndGet(HOUR);
            }
            try (EventFeed feed = EventFeed.from(dir, DEFAULTS, positions.get(1) + 1)) {
                List<EventFeed.Event> read = new ArrayList<>();
                feed.poll(read::add);
                assertThat(read).extracting(EventFeed.Event::position).isEqualTo(positions.subList(2, 6));
                assertThat(read).extracting(EventFeed.Event::record).isEqualTo(records.subList(2, 6));
            }
            journal.snapshot(Coverage.of(positions.get(4)), List.of(), 1); // hours 0 and 1 go
        }
        assertThatThrownBy(() -> EventFeed.from(dir, DEFAULTS, positions.get(2)))
                .isInstanceOf(PositionUnavailableException.class)
                .satisfies(e -> assertThat(((PositionUnavailableException) e).earliest()).isEqualTo(positions.get(4)));
        try (EventFeed feed = EventFeed.from(dir, DEFAULTS, positions.get(3) + 1)) { // read hour 1 to its end
            List<EventFeed.Event> read = new ArrayList<>();
            feed.poll(read::add);
            assertThat(read).extracting(EventFeed.Event::position).isEqualTo(positions.subList(4, 6));
        }
    }

    private List<String> cycleFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).toList();
        }
    }

    private boolean bytesOnDiskContain(String text) throws IOException {
        String needle = text;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(needle)) {
                    return true;
                }
            }
        }
        return false;
    }
}
