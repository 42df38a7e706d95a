package org.chasqui.persistence.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A reader's view of a journal directory's {@link ForcedMark}: the index of the last record it may hand
 * over now. Asked once per read; thread-safe (a lock held for the look).
 *
 * <ul>
 *   <li>No {@code FORCED} file: {@link ChronicleLog#NO_LIMIT}. A journal written only at
 *       {@link Durability#PROCESS}, or by a version before the mark, has none. The file is looked for
 *       again at every read, so one created by a writer at {@link Durability#OS} later applies from then
 *       on (it is created whole, never seen half written).</li>
 *   <li>A value: that index (the writer forced every record up to it), or {@link ChronicleLog#NO_LIMIT}
 *       (a writer at {@code process} lifted the limit in place), or {@link ChronicleLog#NO_INDEX}.</li>
 *   <li>Damaged (a pair that does not match, a file of another size): the last value this view read,
 *       which was true when read, or {@link ChronicleLog#NO_INDEX} before any. The file is mapped anew at
 *       the next read, so a writer's next store (or its replacing the file) is seen. So a damaged mark
 *       holds records back until the writer writes it again (its next open or force), and never lets
 *       one through that is not known forced.</li>
 * </ul>
 *
 * <p>A file removed while mapped would hold this view at its last value; writers never remove it, they
 * write it in place (or replace one of the wrong size, which is read as damaged).
 */
final class ForcedLimit {

    private final Path dir;
    private ForcedMark mark;
    private long lastGood = ChronicleLog.NO_INDEX;

    ForcedLimit(Path dir) {
        this.dir = dir;
    }

    /** The index of the last record a reader may hand over now ({@link ChronicleLog#NO_LIMIT}: every one). */
    synchronized long through() {
        if (mark == null) {
            if (!ForcedMark.exists(dir)) {
                return ChronicleLog.NO_LIMIT;
            }
            try {
                mark = ForcedMark.forReader(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + dir.resolve(ForcedMark.FILE), e);
            }
            if (mark == null) {
                return lastGood; // another size: damaged, or removed just now
            }
        }
        long value = mark.read();
        if (value == ForcedMark.DAMAGED || value < ChronicleLog.NO_INDEX) {
            mark = null; // map it again next time: the writer may replace it
            return lastGood;
        }
        lastGood = value;
        return value;
    }
}
