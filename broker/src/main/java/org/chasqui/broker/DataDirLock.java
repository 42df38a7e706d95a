package org.chasqui.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The claim of one process on a data directory, so that two servers never write the same journals
 * (each would replay the other's records into a state it does not hold, and their snapshots would
 * delete files the other still reads) and {@code repair-data} never rebuilds journals a server is
 * writing. An exclusive OS lock ({@code fcntl}) on {@code data_dir/lock}, held for the life of the
 * server: the kernel releases it when the process ends, however it ends (a SIGKILL included), so a
 * crash leaves no stale claim to clear by hand. Commands that only read (verify-data, backup) or that
 * append through Chronicle's own lock while the server runs (adduser, passwd, deluser) do not take it.
 */
public final class DataDirLock implements AutoCloseable {

    /** The lock file's name in the data directory. */
    public static final String FILE = "lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims {@code dataDir} (created if missing) for this process.
     *
     * @throws InUseException if another process (or another server in this one) holds it
     */
    public static DataDirLock claim(Path dataDir, String purpose) {
        Path file = dataDir.resolve(FILE);
        FileChannel channel;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new InUseException(dataDir, purpose);
            }
            return new DataDirLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            close(channel);
            throw new InUseException(dataDir, purpose);
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it anyway
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held through it any more
        }
    }

    /** The data directory is claimed by another process: a server runs on it. */
    public static final class InUseException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        InUseException(Path dataDir, String purpose) {
            super(dataDir + " is in use by a running Chasqui server (" + dataDir.resolve(FILE)
                    + " is locked); " + purpose);
        }
    }
}
