package org.chasqui.persistence.log;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal writer's side of its {@link ForcedMark}: what it stores there, and when. Used on the
 * writer thread only.
 */
final class ForcedMarkWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ForcedMarkWriter.class);

    private final String name;
    private final Path dir;
    /** The writer's forces ({@link Durability#OS}); null at {@link Durability#PROCESS}. */
    private final FileSync sync;
    private ForcedMark mark;
    /** Whether the mark is set for this writer's level (at {@code process}: before its first append). */
    private boolean set;

    ForcedMarkWriter(String name, Path dir, FileSync sync) {
        this.name = name;
        this.dir = dir;
        this.sync = sync;
    }

    /**
     * At {@link Durability#OS}, when the writer starts and before its first append: the mark says "none
     * forced yet" while every file already there is forced (a run at {@code process}, or a killed
     * process, may have left records the disk does not have yet), then names the last record they held,
     * read before the files are listed so that each record up to it is in a file forced. It only ever
     * lowers the mark or sets it to records forced here, so another instance doing the same on a live
     * journal (a backup beside the server) cannot make it claim too much; at worst it holds readers back
     * until the server's next force.
     */
    void start(LongSupplier lastIndex) throws IOException {
        set = true;
        mark = ForcedMark.forWriter(dir, ChronicleLog.NO_INDEX);
        long last = lastIndex.getAsLong();
        sync.forceExisting(cycleFiles());
        mark.publish(last < 0 ? ChronicleLog.NO_INDEX : last);
    }

    /**
     * Before each append; acts before the first only. At {@link Durability#PROCESS} a mark left by a run
     * at {@code os} would hold readers back at what that run forced, so it is set to "no limit", in place
     * (a reader that mapped it sees the store; removing the file would leave such a reader at the old
     * value), and before this run's first record is written, so none of them is held back. Not at open:
     * a journal opened without appending (a backup beside a running server, which opens the user and
     * account journals at {@code process}) must not lift the limit of a writer at {@code os}. A
     * directory without the file is left without it (no file: no limit).
     */
    void beforeAppend() {
        if (set) {
            return;
        }
        set = true;
        if (sync != null || !ForcedMark.exists(dir)) {
            return;
        }
        try {
            ForcedMark.forWriter(dir, ChronicleLog.NO_LIMIT);
        } catch (IOException e) {
            LOG.warn("{}: cannot lift the forced mark left by a run at os ({}); event readers stay behind it",
                    name, e.toString());
        }
    }

    /** After a force returned: every record up to {@code index} is on the device. */
    void forced(long index) {
        if (mark != null) {
            mark.publish(index);
        }
    }

    private List<File> cycleFiles() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX))
                    .map(Path::toFile).toList();
        }
    }
}
