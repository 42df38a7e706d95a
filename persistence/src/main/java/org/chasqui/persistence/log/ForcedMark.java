package org.chasqui.persistence.log;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * How far a journal's records are forced to the device: the file {@value #FILE} in the journal
 * directory, written by the journal's writer at {@link Durability#OS} after each force, read by readers
 * in other processes (the event feed) so that they hand over only records a power loss cannot take.
 *
 * <p><b>Layout.</b> 16 bytes in the machine's byte order: the index of the last forced record, then its
 * bitwise complement. A pair that does not match is {@link #DAMAGED}. The value is one of: an index (every
 * record up to it was forced), {@link ChronicleLog#NO_INDEX} (none is known to be forced yet), or
 * {@link ChronicleLog#NO_LIMIT} (the writer runs at {@link Durability#PROCESS}: every record counts).
 *
 * <p><b>Why it is never ahead of the disk, without an fsync of its own.</b> The writer stores an index
 * only after the force covering that record returned, so the record reached the device before the
 * mark's page could be written back (a dirty page is written back at any time after its store, never
 * before). After an OS crash or power loss the file holds some value the writer stored (each such value
 * was true when stored, and forced records stay: it may be behind, never ahead), or bytes the device
 * never finished: a torn write of the pair, or a page of the newly created file that never got its
 * contents (zeros). Those do not match their complement and read as {@link #DAMAGED}; random bytes pass
 * the check with probability 2^-64. The writer creates the file whole (written and forced under a
 * temporary name, then renamed), so it never exists half written.
 *
 * <p><b>Live readers.</b> Each half is an aligned 8-byte store into a page shared with readers in other
 * processes, atomic on x86-64 and aarch64. The writer stores the value and then the complement (release
 * order); a reader loads the value and then the complement (acquire order). A matching pair therefore
 * holds a value the writer really stored (a reader that loaded value k sees complement k-1 or later, and
 * only complement k matches), and a reader that loads a pair in the middle of an update sees a mismatch
 * and tries again. The value is not required to only grow: a writer reopening the journal lowers it to
 * {@link ChronicleLog#NO_INDEX} before it forces the files it found, and readers must take it as a limit
 * at that moment, not as a promise for later.
 */
final class ForcedMark {

    static final String FILE = "FORCED";
    private static final String TEMP = FILE + ".tmp";
    static final int SIZE = 2 * Long.BYTES;
    /** What {@link #read} gives for a pair that does not match (or a file of another size). */
    static final long DAMAGED = Long.MIN_VALUE;
    private static final int ATTEMPTS = 100;
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final MappedByteBuffer page;

    private ForcedMark(MappedByteBuffer page) {
        this.page = page;
    }

    /**
     * The mark of {@code dir} for its writer, set to {@code value} before it is returned: written in place
     * when the file is there with its size, else created whole with that value (temporary name, force,
     * rename, force of the directory).
     */
    static ForcedMark forWriter(Path dir, long value) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file) || Files.size(file) != SIZE) {
            create(dir, value);
        }
        ForcedMark mark = new ForcedMark(map(file, FileChannel.MapMode.READ_WRITE));
        mark.publish(value);
        return mark;
    }

    /** The mark of {@code dir} for a reader, or null when the file is not there or is not of its size. */
    static ForcedMark forReader(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file) || Files.size(file) != SIZE) {
            return null;
        }
        return new ForcedMark(map(file, FileChannel.MapMode.READ_ONLY));
    }

    /** Whether {@code dir} has a mark file (of any size). */
    static boolean exists(Path dir) {
        return Files.exists(dir.resolve(FILE));
    }

    /** Stores {@code value}: the value first, then its complement (see the class comment). */
    void publish(long value) {
        LONGS.setRelease(page, 0, value);
        LONGS.setRelease(page, Long.BYTES, ~value);
    }

    /** The value stored, or {@link #DAMAGED} when the pair does not match (after a few tries). */
    long read() {
        for (int i = 0; i < ATTEMPTS; i++) {
            long value = (long) LONGS.getAcquire(page, 0);
            long complement = (long) LONGS.getAcquire(page, Long.BYTES);
            if (complement == ~value) {
                return value;
            }
            Thread.onSpinWait(); // a store in progress, or damage
        }
        return DAMAGED;
    }

    private static void create(Path dir, long value) throws IOException {
        Path temp = dir.resolve(TEMP);
        ByteBuffer pair = ByteBuffer.allocate(SIZE).order(ByteOrder.nativeOrder()).putLong(value).putLong(~value).flip();
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            while (pair.hasRemaining()) {
                ch.write(pair);
            }
            ch.force(true);
        }
        Files.move(temp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // the rename itself
        } catch (IOException e) {
            // some platforms cannot open a directory for fsync; the rename is still atomic
        }
    }

    private static MappedByteBuffer map(Path file, FileChannel.MapMode mode) throws IOException {
        StandardOpenOption[] options = mode == FileChannel.MapMode.READ_WRITE
                ? new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE}
                : new StandardOpenOption[] {StandardOpenOption.READ};
        try (FileChannel ch = FileChannel.open(file, options)) {
            return ch.map(mode, 0, SIZE); // the mapping outlives the channel
        }
    }
}
