package org.chasqui.persistence.pubsub;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.openhft.chronicle.bytes.Bytes;
import org.chasqui.persistence.log.ChronicleLog;
import org.chasqui.persistence.log.LogReader;
import org.chasqui.persistence.log.CorruptJournalException;
import org.chasqui.persistence.log.ReadOnlyLog;
import org.chasqui.persistence.pubsub.PubSubJournal.Entry;
import org.chasqui.persistence.snapshot.SnapshotStore;
import org.chasqui.pubsub.NodeConfig;
import org.chasqui.pubsub.PubSubRecord;
import org.chasqui.xmpp.jid.Jid;

/**
 * The pubsub journal read as a stream of events by a consumer outside the server (an indexer, a bridge
 * to another bus, an auditor): every record in journal order with its position, read from the journal
 * directory without changing it, also while the server appends to it from another process.
 *
 * <p><b>Positions.</b> A record's position is its index in the journal: increasing along the journal
 * but not consecutive (each journal file, one per day, starts a new range). {@link #from(Path,
 * NodeConfig, long) from(p)} hands over the records at positions {@code >= p}; a consumer that has
 * processed the record at {@code q} resumes with {@code from(q + 1)} and gets neither that record again
 * nor a gap. A position older than the records still held (their journal file was deleted after a
 * snapshot covered them) is refused with {@link PositionUnavailableException}, never silently skipped;
 * so is falling behind such a deletion while following.
 *
 * <p><b>Damage.</b> A record that does not match its checksum stops the feed with
 * {@link CorruptJournalException} (file, offset, index), and polling again stops there again: the feed
 * never steps over damage. A record this version cannot decode stops it too.
 *
 * <p><b>Durability.</b> Beside a server at {@code storage.durability: os} the feed hands over a record
 * only once it is forced to the disk (the journal's {@code FORCED} mark, see {@link ReadOnlyLog}): an
 * OS crash or a power loss cannot take back an event the feed gave, nor give its position to another
 * record. A record appended and not yet forced is handed over by a later poll, after its force. At
 * {@code process} every record in the journal's files is handed over.
 *
 * <p>{@link #poll} hands over what is there now; polling again later follows the journal. Use a feed
 * from one thread at a time.
 */
public final class EventFeed implements AutoCloseable {

    /** One journaled change: the record at {@code position}, of the service {@code service}. */
    public record Event(long position, Jid service, PubSubRecord record) {
        public Event {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(record, "record");
        }
    }

    /** {@link #expected} before the first record of a feed started at the start: any record is next. */
    private static final long ANY = ChronicleLog.NO_INDEX;

    private final ReadOnlyLog log;
    private final SnapshotStore snapshots;
    private final NodeConfig defaults;
    private final LogReader reader;
    /** The position the next record must have unless records were deleted in between. */
    private long expected;
    private RuntimeException failure;

    private EventFeed(ReadOnlyLog log, Path dir, NodeConfig defaults, long after, long expected) {
        this.log = log;
        this.snapshots = new SnapshotStore(dir, PubSubJournal.NAME);
        this.defaults = defaults;
        this.reader = log.reader(after);
        this.expected = expected;
    }

    /**
     * The records from the oldest one the journal in {@code dir} still holds. Configurations are read
     * over {@code defaults}, as a replay reads them.
     *
     * @throws IllegalArgumentException when {@code dir} is not a journal directory
     * @throws IllegalStateException    when it holds another journal or format ({@code FormatMarker})
     */
    public static EventFeed fromStart(Path dir, NodeConfig defaults) {
        ReadOnlyLog log = ReadOnlyLog.open(dir, PubSubJournal.NAME);
        return opened(log, () -> new EventFeed(log, dir, defaults, ChronicleLog.NO_INDEX, ANY));
    }

    /**
     * The records appended after the newest one the journal holds now (nothing until one is appended).
     * At {@code os} that newest record may not be forced yet: it is still "before now", so it is not
     * handed over even once forced.
     */
    public static EventFeed fromEnd(Path dir, NodeConfig defaults) {
        ReadOnlyLog log = ReadOnlyLog.open(dir, PubSubJournal.NAME);
        return opened(log, () -> {
            long last = log.lastIndex();
            return new EventFeed(log, dir, defaults, last, last == ChronicleLog.NO_INDEX ? ANY : last + 1);
        });
    }

    /**
     * The records at {@code position} and after.
     *
     * @throws PositionUnavailableException when records at or after {@code position} were deleted
     * @throws IllegalArgumentException     when {@code position} is negative or past the journal's end
     *                                      (the newest position + 1): not a position of this journal
     */
    public static EventFeed from(Path dir, NodeConfig defaults, long position) {
        if (position < 0) {
            throw new IllegalArgumentException("a position is a number >= 0, got " + position);
        }
        ReadOnlyLog log = ReadOnlyLog.open(dir, PubSubJournal.NAME);
        return opened(log, () -> {
            long last = log.lastIndex();
            if (position > last + 1) { // NO_INDEX + 1 == 0
                throw new IllegalArgumentException("position " + position + " is past the end of the pubsub journal"
                        + " in " + dir + " (its newest position is " + last + "): not a position of this journal");
            }
            requireHeld(log, new SnapshotStore(dir, PubSubJournal.NAME), position);
            return new EventFeed(log, dir, defaults, position - 1, position);
        });
    }

    /** The feed {@code opening} makes over {@code log}; {@code log} is closed when that fails. */
    private static EventFeed opened(ReadOnlyLog log, Supplier<EventFeed> opening) {
        try {
            return opening.get();
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /**
     * Hands every record appended and not yet handed over to {@code sink}, in journal order; returns how
     * many (0 at the end of the journal: poll again later to follow it). An exception from the sink
     * propagates; its event counts as handed over.
     *
     * @throws CorruptJournalException      at a record that does not match its checksum; the feed stays
     *                                      before it
     * @throws PositionUnavailableException when the next records were deleted before the feed read them
     * @throws IllegalStateException        at a record this version cannot decode
     */
    public int poll(Consumer<Event> sink) {
        return poll(sink, Integer.MAX_VALUE);
    }

    /**
     * {@link #poll(Consumer)} handing over {@code max} events at most, so that a caller following a
     * journal appended to faster than it reads gets control back (to flush, or to stop).
     */
    public int poll(Consumer<Event> sink, int max) {
        Objects.requireNonNull(sink, "sink");
        if (failure != null) {
            throw failure;
        }
        try {
            return reader.readAvailable((position, bytes) -> {
                if (expected != ANY && position != expected) {
                    requireHeld(log, snapshots, expected); // a new journal file, or records deleted under the feed
                }
                Entry e = decode(position, bytes);
                expected = position + 1;
                sink.accept(new Event(position, e.service(), e.record()));
            }, max);
        } catch (PositionUnavailableException | UnreadableRecord e) {
            failure = e;
            throw e;
        }
    }

    /**
     * The position of the newest record the feed could hand over now ({@link ChronicleLog#NO_INDEX} when
     * there is none): the journal's newest record, or at {@code os} its newest forced one. Where "the
     * current end" is for a reader that does not follow.
     */
    public long newest() {
        return Math.min(log.lastIndex(), log.forcedThrough());
    }

    /** Throws unless every record at {@code position} or after is still there to be read. */
    private static void requireHeld(ReadOnlyLog log, SnapshotStore snapshots, long position) {
        long deleted = log.deletedThrough();
        if (deleted == ChronicleLog.NO_INDEX && snapshots.hasAny()) {
            // a version that did not record its deletions may have deleted any file older than the oldest held
            long first = log.firstIndex();
            deleted = first == ChronicleLog.NO_INDEX ? ChronicleLog.NO_INDEX : first - 1;
        }
        if (deleted != ChronicleLog.NO_INDEX && position <= deleted) {
            throw new PositionUnavailableException(position, log.firstIndex());
        }
    }

    private Entry decode(long position, Bytes<?> bytes) {
        try {
            return PubSubRecordCodec.read(bytes, defaults);
        } catch (RuntimeException e) {
            throw new UnreadableRecord("the pubsub journal record at position " + position
                    + " cannot be read by this version: " + e.getMessage(), e);
        }
    }

    /** A sound record (its checksum matches) that this version cannot decode. */
    private static final class UnreadableRecord extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        UnreadableRecord(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public void close() {
        reader.close();
        log.close();
    }
}
