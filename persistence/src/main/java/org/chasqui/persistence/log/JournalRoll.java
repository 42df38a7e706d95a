package org.chasqui.persistence.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/**
 * How often a journal starts a new cycle file. Snapshots delete whole files, so the roll bounds how long
 * a dead record's bytes stay on disk after the snapshot that no longer needs them: up to one roll period.
 *
 * <p>A directory keeps the roll it was created with. Chronicle Queue records it in the directory's
 * {@code metadata.cq4t} and, opened with a builder asking for another roll, uses the recorded one and
 * logs a warning ("Overriding roll cycle from ... to ..."; Chronicle Queue 2026.4, shown by
 * {@code ChronicleRollTest}). So Chasqui asks for the directory's own roll, read from the names of
 * its cycle files or, before it has any, from that metadata ({@link #of(Path, JournalRoll)}), and checks what the queue then says it uses
 * ({@link #of(RollCycle, Path)}); a directory whose files are named after two rolls, or after one
 * Chasqui does not write, is refused, never misread.
 */
public enum JournalRoll {

    /** One file a UTC day, {@code yyyyMMddF.cq4}: what every journal used before the setting existed. */
    DAILY(RollCycles.FAST_DAILY, Pattern.compile("\\d{8}F\\.cq4")),
    /** One file a UTC hour, {@code yyyyMMdd-HHF.cq4}. */
    HOURLY(RollCycles.FAST_HOURLY, Pattern.compile("\\d{8}-\\d{2}F\\.cq4"));

    /** Where the metadata's header, with the roll, lies (it is written first, in a few hundred bytes). */
    private static final int METADATA_HEAD = 4096;

    private final RollCycle cycle;
    private final Pattern fileName;

    JournalRoll(RollCycle cycle, Pattern fileName) {
        this.cycle = cycle;
        this.fileName = fileName;
    }

    /** The Chronicle roll cycle. */
    public RollCycle cycle() {
        return cycle;
    }

    /** The configuration's spelling: {@code daily}, {@code hourly}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The roll of the journal directory {@code dir}: the one its cycle files are named after; without
     * any, the one its Chronicle metadata names; without that, {@code forNew} (a new directory). Reads
     * the directory's listing and the head of its metadata file.
     *
     * @throws FormatMarker.IncompatibleDataException if the files are named after two rolls
     */
    public static JournalRoll of(Path dir, JournalRoll forNew) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(forNew, "forNew");
        if (!Files.isDirectory(dir)) {
            return forNew;
        }
        Set<JournalRoll> found = EnumSet.noneOf(JournalRoll.class);
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).forEach(name -> {
                for (JournalRoll r : values()) {
                    if (r.fileName.matcher(name).matches()) {
                        found.add(r);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (found.size() > 1) {
            throw new FormatMarker.IncompatibleDataException(dir + " holds both daily and hourly journal files;"
                    + " a journal directory keeps one roll, so it cannot be read safely");
        }
        if (!found.isEmpty()) {
            return found.iterator().next();
        }
        JournalRoll recorded = inMetadata(dir);
        return recorded == null ? forNew : recorded;
    }

    /**
     * The roll named in the directory's {@code metadata.cq4t} (a journal opened but not yet written to
     * has one and no cycle file), or null when there is none or it names neither roll. Chronicle keeps
     * the roll's file-name pattern there as text, and neither pattern contains the other. Only a way to
     * ask Chronicle for the roll it will use anyway (so it has nothing to override and warn about);
     * what the queue then uses is checked by {@link #of(RollCycle, Path)}.
     */
    private static JournalRoll inMetadata(Path dir) {
        Path metadata = dir.resolve("metadata.cq4t");
        if (!Files.isRegularFile(metadata)) {
            return null;
        }
        byte[] head = new byte[METADATA_HEAD];
        int length;
        try (InputStream in = Files.newInputStream(metadata)) {
            length = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return null; // Chronicle reports it when it opens the queue
        }
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        JournalRoll named = null;
        for (JournalRoll r : values()) {
            if (text.contains(r.cycle.format())) {
                if (named != null) {
                    return null;
                }
                named = r;
            }
        }
        return named;
    }

    /**
     * The roll a queue on {@code dir} uses ({@code SingleChronicleQueue.rollCycle()}, from the
     * directory's metadata).
     *
     * @throws FormatMarker.IncompatibleDataException if it is neither daily nor hourly
     */
    static JournalRoll of(RollCycle used, Path dir) {
        for (JournalRoll r : values()) {
            if (r.cycle == used) {
                return r;
            }
        }
        throw new FormatMarker.IncompatibleDataException(dir + " was written with the roll cycle " + used
                + ", which Chasqui does not use (daily or hourly); it is not read");
    }
}
