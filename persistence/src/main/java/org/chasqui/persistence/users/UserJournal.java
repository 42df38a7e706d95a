package org.chasqui.persistence.users;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.chasqui.persistence.log.ChronicleLog;
import org.chasqui.persistence.log.Durability;
import org.chasqui.persistence.log.JournalReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal of every user's durable IM state (rosters, pending subscription requests, offline
 * messages, block lists, vCards, last activity), format in {@code package-info.java}. One writer
 * thread; appends keep their call order; a future completes once its record is in the queue.
 */
public final class UserJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UserJournal.class);

    private static final String NAME = "user-journal";

    private final ChronicleLog log;

    private UserJournal(ChronicleLog log) {
        this.log = log;
    }

    /** Opens (creating if needed) the journal in {@code dir}. */
    public static UserJournal open(Path dir) {
        return open(dir, Durability.PROCESS);
    }

    /** Opens (creating if needed) the journal in {@code dir}; appends complete at {@code durability}. */
    public static UserJournal open(Path dir, Durability durability) {
        return new UserJournal(ChronicleLog.open(dir, NAME, durability));
    }

    /** Checks the journal in {@code dir} offline (changes nothing); every record must decode. */
    public static JournalReport verify(Path dir) {
        return ChronicleLog.verify(dir, NAME, UserRecordCodec::read);
    }

    public CompletableFuture<Void> append(UserRecord record) {
        Objects.requireNonNull(record, "record");
        return log.append(out -> UserRecordCodec.write(out, record));
    }

    /**
     * Hands every record from the start, in order, to {@code visitor}; returns how many. A record this
     * version cannot read is skipped with a warning naming it (it never stops the replay of the rest).
     */
    public int replay(Consumer<UserRecord> visitor) {
        int[] count = new int[1];
        try (ChronicleLog.Reader reader = log.reader()) {
            reader.readAvailable(bytes -> {
                UserRecord r;
                try {
                    r = UserRecordCodec.read(bytes);
                } catch (RuntimeException e) {
                    LOG.warn("user journal: skipping a record: {}", e.getMessage());
                    return;
                }
                count[0]++;
                visitor.accept(r);
            });
        }
        return count[0];
    }

    @Override
    public void close() {
        log.close();
    }
}
