package org.chasqui.persistence.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every journal directory says which journal it is and in which format ({@value #FILE}, one line such
 * as {@code chasqui user-journal format 1}); a directory written in another format, or for another
 * journal, is refused at open with a message naming both, never misread. A directory of version 1
 * from before the marker existed gets one.
 */
public final class FormatMarker {

    /** The format this version writes and reads. */
    public static final int VERSION = 1;
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

    static String expected(String journal) {
        return "chasqui " + journal + " format " + VERSION;
    }

    /**
     * What is wrong with the marker of {@code dir} for {@code journal}, or null when it is right;
     * changes nothing (for offline checks).
     */
    static String problem(Path dir, String journal) {
        Path marker = dir.resolve(FILE);
        if (!Files.exists(marker)) {
            return "no " + FILE + " marker in " + dir;
        }
        try {
            String found = Files.readString(marker, StandardCharsets.UTF_8).strip();
            return found.equals(expected(journal)) ? null
                    : dir + " holds \"" + found + "\" but this Chasqui reads \"" + expected(journal) + "\"";
        } catch (IOException e) {
            return "cannot read " + marker + ": " + e;
        }
    }

    /** Checks {@code dir} (creating it and its marker when new) for {@code journal}. */
    static void check(Path dir, String journal) {
        Path marker = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            if (!Files.exists(marker)) {
                Files.writeString(marker, expected(journal) + "\n", StandardCharsets.UTF_8);
                return;
            }
            String found = Files.readString(marker, StandardCharsets.UTF_8).strip();
            if (!found.equals(expected(journal))) {
                throw new IncompatibleDataException(dir + " holds \"" + found + "\" but this Chasqui reads \""
                        + expected(journal) + "\": refusing to start rather than misread it (use a data"
                        + " directory written by this version, or the version that wrote it)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the format of " + dir, e);
        }
    }

    /**
     * Writes the marker of {@code what} (e.g. {@code user-journal snapshot}) in format {@code version}
     * into {@code dir}, for data that is not a journal directory of its own (snapshots).
     */
    public static void write(Path dir, String what, int version) {
        try {
            Files.writeString(dir.resolve(FILE), "chasqui " + what + " format " + version + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the format of " + dir, e);
        }
    }

    /** Throws {@link IncompatibleDataException} unless {@code dir} holds {@code what} in format {@code version}. */
    public static void require(Path dir, String what, int version) {
        String expected = "chasqui " + what + " format " + version;
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
