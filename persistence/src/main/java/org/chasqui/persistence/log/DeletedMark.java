package org.chasqui.persistence.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * What a journal directory no longer holds: the file {@value #FILE}, one line with the index of the
 * last record of the newest journal file deleted (decimal). {@link ChronicleLog} writes it before it
 * deletes files, so it is never behind what is gone. A reader that must not skip records (a feed read
 * from a position a consumer remembers) needs it: positions are not consecutive across files, so
 * "my next position is older than the oldest file held" does not tell whether a deleted file held a
 * record after it; the index of the last deleted record does. No file: nothing deleted since this
 * marker exists (older versions deleted without it).
 */
final class DeletedMark {

    static final String FILE = "DELETED";
    private static final String TEMP = FILE + ".tmp";

    private DeletedMark() {
    }

    /** Records that every record up to {@code index} is gone: written whole (rename) and forced. */
    static void write(Path dir, long index) throws IOException {
        Path temp = dir.resolve(TEMP);
        Files.writeString(temp, index + "\n", StandardCharsets.UTF_8);
        force(temp, StandardOpenOption.WRITE);
        Files.move(temp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try {
            force(dir, StandardOpenOption.READ); // the rename itself
        } catch (IOException e) {
            // some platforms cannot open a directory for fsync; the rename is still atomic
        }
    }

    /** The index of the newest deleted record, or {@link ChronicleLog#NO_INDEX} when none is recorded. */
    static long read(Path dir) {
        String text;
        try {
            text = Files.readString(dir.resolve(FILE), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return ChronicleLog.NO_INDEX;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(FILE), e);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(dir.resolve(FILE) + " holds \"" + text + "\", not a journal index");
        }
    }

    private static void force(Path p, StandardOpenOption mode) throws IOException {
        try (FileChannel ch = FileChannel.open(p, mode)) {
            ch.force(true);
        }
    }
}
