package org.chasqui.persistence.log;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forces what a group of appends wrote to the storage device, for {@link Durability#OS}. Used by the
 * writer thread only.
 *
 * <p>Why {@code FileChannel.force} and not Chronicle's {@code appender.sync()} (with
 * {@code SingleChronicleQueueBuilder.syncMode(SyncMode.SYNC)}): in Chronicle Queue 2026.4 that
 * msyncs only the written range of the current mapped chunk since its previous sync, leaving out
 * the store header (write position) and the index pages, which appends also change. An fdatasync
 * of the cycle file writes back every dirty page of the file, mapped or not (Linux has one page
 * cache). A new cycle file also needs its directory entry and the queue's {@code metadata.cq4t}
 * on the device, so those are forced once when the writer moves to a new file.
 */
final class FileSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileSync.class);

    private final Path dir;
    private final Set<File> touched = new LinkedHashSet<>();
    private File currentFile;
    private FileChannel current;
    private boolean directoryPending = true; // a file created just before this process opened the log
    private volatile long forces; // written by the writer thread only

    FileSync(Path dir) {
        this.dir = dir;
    }

    /** Notes that the last append went to {@code cycleFile}. */
    void wrote(File cycleFile) {
        touched.add(cycleFile);
    }

    /** Forces every file written since the last call; then the directory if a new file appeared. */
    void force() throws IOException {
        for (File f : touched) {
            if (f.equals(currentFile)) {
                current.force(false);
                continue;
            }
            FileChannel ch = FileChannel.open(f.toPath(), StandardOpenOption.WRITE);
            try {
                ch.force(false);
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            if (current != null) {
                current.close();
            }
            currentFile = f;
            current = ch;
            directoryPending = true;
        }
        touched.clear();
        forces++;
        if (directoryPending) {
            forceQuietly(dir.resolve("metadata.cq4t"), StandardOpenOption.WRITE);
            forceQuietly(dir, StandardOpenOption.READ);
            directoryPending = false;
        }
    }

    /**
     * Forces {@code files} (the journal's files when the writer starts) and the directory, once. Not
     * counted in {@link #forces()}, which counts groups of appends.
     */
    void forceExisting(List<File> files) throws IOException {
        for (File f : files) {
            try (FileChannel ch = FileChannel.open(f.toPath(), StandardOpenOption.WRITE)) {
                ch.force(false);
            }
        }
        forceQuietly(dir.resolve("metadata.cq4t"), StandardOpenOption.WRITE);
        forceQuietly(dir, StandardOpenOption.READ);
    }

    /** How many times {@link #force()} ran (for tests of the group commit). */
    long forces() {
        return forces;
    }

    /** A directory cannot be opened for fsync on every platform (it can on Linux). */
    private static void forceQuietly(Path p, StandardOpenOption mode) {
        try (FileChannel ch = FileChannel.open(p, mode)) {
            ch.force(true);
        } catch (IOException e) {
            LOG.debug("cannot fsync {}: {}", p, e.toString());
        }
    }

    @Override
    public void close() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                LOG.debug("closing {}: {}", currentFile, e.toString());
            }
            current = null;
        }
    }
}
