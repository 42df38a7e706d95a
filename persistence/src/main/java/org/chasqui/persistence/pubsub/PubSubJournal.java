package org.chasqui.persistence.pubsub;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.chasqui.persistence.log.ChronicleLog;
import org.chasqui.persistence.log.Durability;
import org.chasqui.persistence.log.JournalReport;
import org.chasqui.pubsub.NodeConfig;
import org.chasqui.pubsub.PubSubRecord;
import org.chasqui.xmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal of every pubsub service (pubsub.domain and the PEP services), format in
 * {@code package-info.java}: the engine's {@link PubSubRecord}s tagged with their service. One writer
 * thread; appends keep their call order; a future completes once its record is in the queue.
 */
public final class PubSubJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PubSubJournal.class);

    /** What a replay delivers, in journal order. */
    @FunctionalInterface
    public interface Visitor {
        void record(Jid service, PubSubRecord record);
    }

    private static final String NAME = "pubsub-journal";

    private final ChronicleLog log;

    private PubSubJournal(ChronicleLog log) {
        this.log = log;
    }

    public static PubSubJournal open(Path dir) {
        return open(dir, Durability.PROCESS);
    }

    /** Opens (creating if needed) the journal in {@code dir}; appends complete at {@code durability}. */
    public static PubSubJournal open(Path dir, Durability durability) {
        return new PubSubJournal(ChronicleLog.open(dir, NAME, durability));
    }

    /** Checks the journal in {@code dir} offline (changes nothing); every record must decode over {@code defaults}. */
    public static JournalReport verify(Path dir, NodeConfig defaults) {
        return ChronicleLog.verify(dir, NAME, bytes -> PubSubRecordCodec.read(bytes, defaults));
    }

    public CompletableFuture<Void> append(Jid service, PubSubRecord record) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(record, "record");
        return log.append(out -> PubSubRecordCodec.write(out, service, record));
    }

    /**
     * Hands every record from the start to the visitor; returns how many. Stored configurations are read
     * over {@code defaults}. A record this version cannot read is skipped with a warning.
     */
    public int replay(NodeConfig defaults, Visitor visitor) {
        int[] count = new int[1];
        try (ChronicleLog.Reader reader = log.reader()) {
            reader.readAvailable(bytes -> {
                PubSubRecordCodec.Entry e;
                try {
                    e = PubSubRecordCodec.read(bytes, defaults);
                } catch (RuntimeException ex) {
                    LOG.warn("pubsub journal: skipping a record: {}", ex.getMessage());
                    return;
                }
                count[0]++;
                visitor.record(e.service(), e.record());
            });
        }
        return count[0];
    }

    @Override
    public void close() {
        log.close();
    }
}
