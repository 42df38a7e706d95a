package org.chasqui.persistence.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * A journal directory opened for reading only, by a reader that is not its writer: a command beside
 * the running server, in another process or the same one. It creates, clears and writes nothing:
 * the {@code FORMAT} marker is read (never made), the queue is mapped read-only, and an incomplete
 * record at the end (an append in progress, or a torn tail the writer clears at its next start) is
 * simply where reading stops for now. Readers check every record's checksum as the writer's do.
 *
 * <p>Its readers hand over only records the writer has made durable at its level: beside a writer at
 * {@link Durability#OS}, only records up to the directory's {@code FORCED} mark ({@link ForcedMark},
 * {@link ForcedLimit}), so never a record an OS crash or a power loss could still take away and whose
 * index the next record would then get. A record past the mark is handed over once a force covers it.
 */
public final class ReadOnlyLog implements AutoCloseable {

    private final String name;
    private final Path dir;
    private final int format;
    private final SingleChronicleQueue queue;
    private final ForcedLimit forced;

    private ReadOnlyLog(String name, Path dir, int format, SingleChronicleQueue queue) {
        this.name = name;
        this.dir = dir;
        this.format = format;
        this.queue = queue;
        this.forced = new ForcedLimit(dir);
    }

    /**
     * Opens the journal {@code name} in {@code dir}.
     *
     * @throws IllegalArgumentException                if there is no journal directory there
     * @throws FormatMarker.IncompatibleDataException if it holds another journal or format
     */
    public static ReadOnlyLog open(Path dir, String name) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(name, "name");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no " + name + " in " + dir + ": not a directory");
        }
        int format = FormatMarker.read(dir, name);
        SingleChronicleQueue queue = ChronicleLog.queue(dir, JournalRoll.DAILY, true, null);
        return new ReadOnlyLog(name, dir, format, queue);
    }

    public String name() {
        return name;
    }

    /** The roll the directory was created with (which its queue uses). */
    public JournalRoll roll() {
        return JournalRoll.of(queue.rollCycle(), dir);
    }

    /** The index of the oldest record the directory still holds; {@link ChronicleLog#NO_INDEX} when none. */
    public long firstIndex() {
        queue.refreshDirectoryListing(); // files deleted since the last look
        long first = queue.firstIndex();
        return first == Long.MAX_VALUE || first > queue.lastIndex() ? ChronicleLog.NO_INDEX : first;
    }

    /** The index of the newest record; {@link ChronicleLog#NO_INDEX} when none. */
    public long lastIndex() {
        queue.refreshDirectoryListing();
        long last = queue.lastIndex();
        return last < 0 ? ChronicleLog.NO_INDEX : last;
    }

    /**
     * The index of the last record its readers may hand over now: the directory's forced mark, or
     * {@link ChronicleLog#NO_LIMIT} when there is none (see {@link ForcedLimit}); may be ahead of
     * {@link #lastIndex()} (a mark lifted by a writer at {@code process}).
     */
    public long forcedThrough() {
        return forced.through();
    }

    /**
     * The index of the newest record deleted with its journal file after a snapshot covered it (every
     * record up to it may be gone); {@link ChronicleLog#NO_INDEX} when no deletion is recorded.
     * Recorded before the files go, so never behind the files actually deleted.
     */
    public long deletedThrough() {
        return DeletedMark.read(dir);
    }

    /**
     * A reader of the records after index {@code after} ({@link ChronicleLog#NO_INDEX}: all), positioned
     * as {@link ChronicleLog#reader(long)} positions one, that hands over no record past
     * {@link #forcedThrough()} as it is when a read starts. Use it from one thread at a time.
     */
    public LogReader reader(long after) {
        return ChronicleLog.reader(name, queue, format, after, () -> {
            long through = forced.through();
            return through == ChronicleLog.NO_LIMIT ? ChronicleLog.NO_LIMIT : through + 1;
        });
    }

    @Override
    public void close() {
        queue.close();
    }
}
