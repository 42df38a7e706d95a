package org.chasqui.persistence.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import org.chasqui.persistence.log.RawJournal;
import org.chasqui.pubsub.AccessModel;
import org.chasqui.pubsub.Affiliation;
import org.chasqui.pubsub.Item;
import org.chasqui.pubsub.NodeConfig;
import org.chasqui.pubsub.NodeDefaults;
import org.chasqui.pubsub.PubSubRecord;
import org.chasqui.pubsub.ServiceLimits;
import org.chasqui.pubsub.Subscription;
import org.chasqui.pubsub.SubscriptionOptions;
import org.chasqui.pubsub.SubscriptionState;
import org.chasqui.xmpp.jid.Jid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PubSubJournalTest {

    @TempDir
    Path dir;

    static final Jid SERVICE = Jid.parse("pubsub.shakespeare.lit");
    static final Jid PEP = Jid.parse("juliet@capulet.lit");
    static final NodeConfig DEFAULTS = NodeDefaults.leaf(ServiceLimits.DEFAULTS);

    @Test
    void everyRecordKindSurvivesAReopen() {
        NodeConfig custom = DEFAULTS.toBuilder().accessModel(AccessModel.WHITELIST).maxItems(77)
                .collections(List.of("blogs")).build();
        Subscription sub = new Subscription("sub1", Jid.parse("francisco@denmark.lit/barracks"), SubscriptionState.PENDING,
                new SubscriptionOptions(false, true, 1234, -1, true, Set.of("chat", "dnd"), "nodes", 0));
        List<PubSubRecord> records = List.of(
                new PubSubRecord.NodeCreated("princely_musings", custom, Jid.parse("hamlet@denmark.lit"), 99),
                new PubSubRecord.NodeConfigured("princely_musings", DEFAULTS),
                new PubSubRecord.ItemPublished("princely_musings",
                        new Item("ae890ac52d", "<entry xmlns='http://www.w3.org/2005/Atom'>Ünïcödé &amp;</entry>",
                                Jid.parse("hamlet@denmark.lit"), 1_700_000_000_000L)),
                new PubSubRecord.ItemPublished("notify-only", new Item("x", (String) null, Jid.parse("hamlet@denmark.lit"), 5)),
                new PubSubRecord.ItemsRemoved("princely_musings", List.of("a", "b")),
                new PubSubRecord.AffiliationSet("princely_musings", Jid.parse("bard@shakespeare.lit"), Affiliation.PUBLISH_ONLY),
                new PubSubRecord.SubscriptionSaved("princely_musings", sub),
                new PubSubRecord.SubscriptionRemoved("princely_musings", "sub1"),
                new PubSubRecord.NodePurged("princely_musings"),
                new PubSubRecord.NodeDeleted("princely_musings"));
        try (PubSubJournal journal = PubSubJournal.open(dir)) {
            for (PubSubRecord r : records) {
                journal.append(SERVICE, r).join();
            }
            journal.append(PEP, records.get(0)).join();
        }
        List<PubSubRecord> read = new ArrayList<>();
        List<Jid> services = new ArrayList<>();
        List<PubSubRecord> expected = new ArrayList<>(records);
        expected.add(records.get(0));
        try (PubSubJournal journal = PubSubJournal.open(dir)) {
            journal.replay(DEFAULTS, (service, r) -> {
                services.add(service);
                read.add(r);
            });
            assertThat(read).isEqualTo(expected); // item payloads are read from the open journal
        }
        assertThat(services.get(services.size() - 1)).isEqualTo(PEP);
    }

    @Test
    void aFormatOneDirectoryReplaysAndTakesAppendsWithoutChecksums() throws Exception {
        PubSubRecord created = new PubSubRecord.NodeCreated("news", DEFAULTS, Jid.parse("hamlet@denmark.lit"), 99);
        PubSubRecord item = new PubSubRecord.ItemPublished("news",
                new Item("i1", "<entry xmlns='http://www.w3.org/2005/Atom'>old</entry>", Jid.parse("hamlet@denmark.lit"), 7));
        RawJournal.writeFormatOne(dir, PubSubJournal.NAME, List.<Consumer<Bytes<?>>>of(
                out -> PubSubRecordCodec.write(out, SERVICE, created), out -> PubSubRecordCodec.write(out, PEP, item)));
        PubSubRecord added = new PubSubRecord.ItemPublished("news",
                new Item("i2", "<entry xmlns='http://www.w3.org/2005/Atom'>new</entry>", Jid.parse("hamlet@denmark.lit"), 8));
        try (PubSubJournal journal = PubSubJournal.open(dir)) {
            List<PubSubRecord> read = new ArrayList<>();
            journal.replay(DEFAULTS, (service, r) -> read.add(r));
            assertThat(read).containsExactly(created, item);
            journal.append(SERVICE, added).join();
        }
        List<String> read = new ArrayList<>();
        try (PubSubJournal journal = PubSubJournal.open(dir)) {
            journal.replay(DEFAULTS, (service, r) -> read.add(service + " " + r));
        }
        assertThat(read).containsExactly(SERVICE + " " + created, PEP + " " + item, SERVICE + " " + added);
        assertThat(Files.readString(dir.resolve("FORMAT")).strip()).isEqualTo("chasqui pubsub-journal format 1");
        assertThat(PubSubJournal.verify(dir, DEFAULTS).problems()).isEmpty();
    }
}
