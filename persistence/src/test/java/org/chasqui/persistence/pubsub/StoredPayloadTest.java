package org.chasqui.persistence.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.chasqui.persistence.snapshot.Coverage;
import org.chasqui.pubsub.Command;
import org.chasqui.pubsub.Facts;
import org.chasqui.pubsub.Item;
import org.chasqui.pubsub.Node;
import org.chasqui.pubsub.NodeConfig;
import org.chasqui.pubsub.NodeDefaults;
import org.chasqui.pubsub.Outcome;
import org.chasqui.pubsub.PubSubRecord;
import org.chasqui.pubsub.PubSubService;
import org.chasqui.pubsub.Reply;
import org.chasqui.pubsub.ServiceLimits;
import org.chasqui.pubsub.ServicePolicy;
import org.chasqui.xmpp.jid.Jid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Item payloads kept in the journal's files (index in memory, payload on disk): an engine running on
 * {@link PubSubJournal#payloads()} returns exactly the published XML after the append, after a restart,
 * after snapshots that delete the journal files and older snapshots its items were read from, and while
 * other threads read during such a snapshot.
 */
class StoredPayloadTest {

    private static final long DAY = 86_400_000L;
    private static final Jid SERVICE = Jid.parse("pubsub.shakespeare.lit");
    private static final Jid OWNER = Jid.parse("hamlet@denmark.lit");
    private static final NodeConfig DEFAULTS = NodeDefaults.leaf(ServiceLimits.DEFAULTS);
    private static final NodeConfig CONFIG = DEFAULTS.toBuilder().maxItems(1000).build();

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis() - 30 * DAY);
    /** What each node must hold, id -> payload, oldest first. */
    private final Map<String, Map<String, String>> expected = new LinkedHashMap<>();
    private int serial;

    /** One service on a journal, driven the way the broker drives it: handle, then append the records. */
    private final class Running implements AutoCloseable {
        final PubSubJournal journal;
        final PubSubService service;

        Running() {
            journal = PubSubJournal.open(dir, clock::get);
            service = new PubSubService(SERVICE, ServiceLimits.DEFAULTS, new ServicePolicy(DEFAULTS, true, a -> true, false),
                    InstantSource.fixed(Instant.ofEpochMilli(1_700_000_000_000L)), () -> "id" + (serial++),
                    journal.payloads());
            journal.recover(DEFAULTS, (s, r) -> service.apply(r));
        }

        void journal(Outcome o) {
            assertThat(o.error()).isNull();
            for (PubSubRecord r : o.records()) {
                journal.append(SERVICE, r).join();
            }
        }

        void create(String node) {
            PubSubRecord r = new PubSubRecord.NodeCreated(node, CONFIG, OWNER, 1);
            service.apply(r);
            journal.append(SERVICE, r).join();
            expected.put(node, new LinkedHashMap<>());
        }

        void publish(String node, String... ids) {
            List<Command.NewItem> items = new ArrayList<>();
            for (String id : ids) {
                String xml = "<entry xmlns='urn:example:stored'>" + node + "/" + id + " #" + (serial++)
                        + " Ünïcödé \uD834\uDD1E &amp; " + "x".repeat(serial % 300) + "</entry>";
                items.add(new Command.NewItem(id, xml));
                expected.get(node).remove(id);
                expected.get(node).put(id, xml);
            }
            journal(service.handle(new Command.Publish(OWNER, node, items, null), Facts.NONE));
        }

        void retract(String node, String id) {
            journal(service.handle(new Command.Retract(OWNER, node, List.of(id), false), Facts.NONE));
            expected.get(node).remove(id);
        }

        /** Every node's items as a retrieval returns them (XEP-0060 §6.5). */
        Map<String, Map<String, String>> retrieved() {
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            for (Node n : service.nodes()) {
                Outcome o = service.handle(new Command.GetItems(OWNER, n.id(), null, null, null), Facts.NONE);
                Map<String, String> items = new LinkedHashMap<>();
                for (Item i : ((Reply.Items) o.reply()).items()) {
                    items.put(i.id(), i.payloadXml());
                }
                out.put(n.id(), items);
            }
            return out;
        }

        /** A snapshot as the broker takes it: the state's records at the journal's position. */
        void snapshot(int keep) {
            List<PubSubJournal.Entry> entries = new ArrayList<>();
            for (Node n : service.nodes()) {
                entries.add(new PubSubJournal.Entry(SERVICE, new PubSubRecord.NodeCreated(n.id(), n.config(), n.creator(),
                        n.createdAtMillis())));
                n.items().forEach(i -> entries.add(new PubSubJournal.Entry(SERVICE, new PubSubRecord.ItemPublished(n.id(), i))));
            }
            journal.snapshot(Coverage.of(journal.position().join()), entries, keep);
        }

        List<StoredPayload> payloads() {
            List<StoredPayload> out = new ArrayList<>();
            for (Node n : service.nodes()) {
                n.items().forEach(i -> out.add((StoredPayload) i.payload()));
            }
            return out;
        }

        @Override
        public void close() {
            journal.close();
        }
    }

    @Test
    void afterTheAppendOnlyEachNodesNewestItemKeepsItsPayloadOnTheHeap() {
        try (Running r = new Running()) {
            r.create("a");
            r.create("b");
            for (int k = 0; k < 20; k++) {
                r.publish(k % 2 == 0 ? "a" : "b", "item" + k);
            }
            // several items in one publish: all but the last stop being newest before their append completes
            r.publish("a", "batch1", "batch2", "batch3");
            for (Node n : r.service.nodes()) {
                for (Item i : n.items()) {
                    StoredPayload p = (StoredPayload) i.payload();
                    assertThat(p.location()).as("appended: its address is known").isGreaterThanOrEqualTo(0);
                    assertThat(p.onHeap()).as(i.id()).isEqualTo(i == n.lastItem());
                }
            }
            assertThat(r.retrieved()).isEqualTo(expected);
            r.retract("a", "item18"); // the newest: the one before becomes newest and is kept once read
            assertThat(r.retrieved()).isEqualTo(expected);
            assertThat(((StoredPayload) r.service.node("a").lastItem().payload()).onHeap()).isTrue();
        }
    }

    @Test
    void aRestartReadsPayloadsFromTheJournalWithoutLoadingThem() {
        try (Running r = new Running()) {
            r.create("a");
            for (int k = 0; k < 30; k++) {
                r.publish("a", "item" + (k % 25)); // five re-publishes move items to the end
            }
            r.retract("a", "item3");
        }
        try (Running r = new Running()) {
            assertThat(r.payloads()).hasSize(24).noneMatch(StoredPayload::onHeap);
            assertThat(r.retrieved()).isEqualTo(expected);
            assertThat(r.payloads().stream().filter(StoredPayload::onHeap).count()).as("only the newest is kept").isEqualTo(1);
            assertThat(r.retrieved().get("a")).doesNotContainKey("item3");
        }
    }

    @Test
    void afterASnapshotDeletesTheJournalFilesPayloadsAreReadFromTheSnapshot() throws IOException {
        try (Running r = new Running()) {
            r.create("a");
            r.create("b");
            for (int day = 0; day < 3; day++) {
                for (int k = 0; k < 10; k++) {
                    r.publish(k % 2 == 0 ? "a" : "b", "d" + day + "-" + k);
                }
                clock.addAndGet(DAY);
            }
            r.publish("a", "today");
            assertThat(journalFiles()).hasSize(4);
            r.snapshot(1);
            assertThat(journalFiles()).as("the three days before are covered and deleted").hasSize(1);
            assertThat(r.payloads()).allMatch(p -> p.location() < 0, "every item refers to the snapshot");
            assertThat(r.retrieved()).isEqualTo(expected);
            r.retract("b", "d1-3");
            r.publish("b", "after-snapshot");
            assertThat(r.retrieved()).isEqualTo(expected);
        }
        try (Running r = new Running()) { // snapshot + the journal tail after it
            assertThat(r.retrieved()).isEqualTo(expected);
            assertThat(r.retrieved().get("b")).doesNotContainKey("d1-3").containsKey("after-snapshot");
        }
    }

    @Test
    void aReaderThatFoundTheOldPlaceBeforeTheSnapshotFindsTheNewOneAfterTheFileIsGone() throws InterruptedException {
        try (Running r = new Running()) {
            r.create("a");
            r.publish("a", "old");
            r.publish("a", "newest");
            StoredPayload old = (StoredPayload) r.service.node("a").item("old").payload();
            long before = old.location();
            assertThat(before).as("a journal address").isGreaterThanOrEqualTo(0);
            clock.addAndGet(DAY);
            r.publish("a", "next-day");
            r.snapshot(1); // moves "old" to the snapshot, then deletes the file it was in
            assertThat(old.location()).isNotEqualTo(before);
            JournalPayloads store = (JournalPayloads) r.journal.payloads();
            String[] read = new String[1];
            Thread reader = new Thread(() -> read[0] = store.read(old, before)); // a thread that never mapped that file
            reader.start();
            reader.join();
            assertThat(read[0]).isEqualTo(expected.get("a").get("old"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void severalSnapshotRoundsWithRetentionKeepEveryPayloadReadable(int keep) throws IOException {
        Random random = new Random(keep);
        try (Running r = new Running()) {
            r.create("a");
            r.create("b");
            r.create("c");
            for (int round = 0; round < 6; round++) {
                for (int k = 0; k < 40; k++) {
                    String node = List.of("a", "b", "c").get(random.nextInt(3));
                    r.publish(node, "i" + random.nextInt(30)); // new ids and re-publishes
                    if (random.nextInt(5) == 0 && !expected.get(node).isEmpty()) {
                        r.retract(node, expected.get(node).keySet().iterator().next());
                    }
                }
                clock.addAndGet(DAY);
                r.publish("a", "round" + round);
                r.snapshot(keep);
                assertThat(r.journal.snapshots().list()).hasSize(Math.min(round + 1, keep));
                assertThat(journalFiles()).hasSizeLessThanOrEqualTo(keep);
                assertThat(r.retrieved()).as("round %d", round).isEqualTo(expected);
            }
        }
        for (int restart = 0; restart < 2; restart++) { // the replayed references move on at the next snapshot too
            try (Running r = new Running()) {
                assertThat(r.retrieved()).isEqualTo(expected);
                r.publish("b", "restart" + restart);
                clock.addAndGet(DAY);
                r.publish("c", "restart-next-day" + restart);
                r.snapshot(keep);
                assertThat(r.retrieved()).isEqualTo(expected);
            }
        }
    }

    @Test
    void readersOnOtherThreadsGetTheRightPayloadWhileSnapshotsDeleteWhatTheyWereReading() throws Exception {
        List<Item> items;
        try (Running r = new Running()) {
            r.create("a");
            for (int k = 0; k < 200; k++) {
                r.publish("a", "item" + k);
            }
            items = r.service.node("a").items();
            Map<String, String> payloads = Map.copyOf(expected.get("a"));
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            AtomicLong reads = new AtomicLong();
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Random random = new Random(t);
                Thread reader = new Thread(() -> {
                    while (!stop.get()) {
                        Item i = items.get(random.nextInt(items.size()));
                        try {
                            String xml = i.payloadXml();
                            if (!xml.equals(payloads.get(i.id()))) {
                                wrong.add(i.id() + " read " + xml);
                            }
                        } catch (RuntimeException e) {
                            wrong.add(i.id() + ": " + e);
                        }
                        reads.incrementAndGet();
                    }
                });
                reader.start();
                readers.add(reader);
            }
            for (int round = 0; round < 8; round++) {
                clock.addAndGet(DAY);
                r.publish("a", "day" + round); // a record today, so older days are covered
                r.snapshot(1); // moves every reference, then deletes the old snapshot and journal files
                Thread.sleep(20);
            }
            stop.set(true);
            for (Thread t : readers) {
                t.join();
            }
            assertThat(wrong).isEmpty();
            assertThat(reads.get()).isGreaterThan(100);
            assertThat(journalFiles()).hasSize(1);
        }
    }

    private List<Path> journalFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4")).toList();
        }
    }
}
