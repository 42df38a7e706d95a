package org.chasqui.persistence.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Every journal directory says which journal it is and in which format ({@value #FILE}, one line such
 * as {@code chasqui user-journal format 2}); the format decides how its records are framed
 * ({@link Framing}: format 1 plain, format 2 with a checksum per record), so a directory is read and
 * appended to in the format it was created in, never misread. New directories get {@link #VERSION}.
 * A directory of an unknown format, or of another journal, is refused at open with a message naming
 * both. A directory with journal files from before the marker existed is format 1 and gets its marker.
 */
public final class FormatMarker {

    /** The format this version writes into new journal directories (and the newest it reads). */
    public static final int VERSION = Framing.CHECKSUMMED_FORMAT;
    /** The oldest journal format this version reads and appends to. */
    public static final int OLDEST = 1;
    static final String FILE = "FORMAT";

    private FormatMarker() {
    }

    /** Thrown when a directory holds data this version must not read. */
    public static final class IncompatibleDataException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        IncompatibleDataException(String message) {
            super(message);
        }
    }

    static String line(String what, int version) {
        return "chasqui " + what + " format " + version;
    }

    /**
     * The format of the journal directory {@code dir}, which must hold {@code journal}; changes nothing
     * (for offline checks).
     *
     * @throws IncompatibleDataException without a marker, or with one this version does not read
     */
    static int read(Path dir, String journal) {
        Path marker = dir.resolve(FILE);
        if (!Files.exists(marker)) {
            throw new IncompatibleDataException("no " + FILE + " marker in " + dir);
        }
        return parse(dir, journal, readLine(marker), "");
    }

    /**
     * Checks {@code dir} (creating it and its marker when new) for {@code journal} and returns its
     * format.
     */
    static int check(Path dir, String journal) {
        Path marker = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            if (!Files.exists(marker)) {
                int version = hasJournalFiles(dir) ? OLDEST : VERSION;
                Files.writeString(marker, line(journal, version) + "\n", StandardCharsets.UTF_8);
                return version;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the format of " + dir, e);
        }
        return parse(dir, journal, readLine(marker), ": refusing to start rather than misread it (use a data"
                + " directory written by this version, or the version that wrote it)");
    }

    private static int parse(Path dir, String journal, String found, String advice) {
        StringBuilder readable = new StringBuilder();
        for (int v = OLDEST; v <= VERSION; v++) {
            if (found.equals(line(journal, v))) {
                return v;
            }
            readable.append(v == OLDEST ? "" : " or ").append('"').append(line(journal, v)).append('"');
        }
        throw new IncompatibleDataException(dir + " holds \"" + found + "\" but this Chasqui reads " + readable + advice);
    }

    private static String readLine(Path marker) {
        try {
            return Files.readString(marker, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker, e);
        }
    }

    private static boolean hasJournalFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX));
        }
    }

    /**
     * Writes the marker of {@code what} (e.g. {@code user-journal snapshot}) in format {@code version}
     * into {@code dir}, for data that is not a journal directory of its own (snapshots).
     */
    public static void write(Path dir, String what, int version) {
        try {
            Files.writeString(dir.resolve(FILE), line(what, version) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the format of " + dir, e);
        }
    }

    /** Throws {@link IncompatibleDataException} unless {@code dir} holds {@code what} in format {@code version}. */
    public static void require(Path dir, String what, int version) {
        String expected = line(what, version);
        String found;
        try {
            found = Files.readString(dir.resolve(FILE), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            found = "no " + FILE + " file";
        }
        if (!found.equals(expected)) {
            throw new IncompatibleDataException(dir + " holds \"" + found + "\" but this Chasqui reads \"" + expected + "\"");
        }
    }
}
