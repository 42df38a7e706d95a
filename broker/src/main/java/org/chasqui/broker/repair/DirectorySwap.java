package org.chasqui.broker.repair;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Puts a rebuilt journal directory in the place of a damaged one and keeps the damaged one, next to it,
 * under another name. The rebuilt one is made in {@code <journal>.repairing-<stamp>} beside it and
 * forced to the disk; then the damaged one is renamed to {@code <journal>.damaged-<stamp>}, and the
 * rebuilt one to {@code <journal>} (each rename forced). So the damaged directory is never deleted, and
 * the rebuilt one is complete before anything is moved. The stamp is the time in UTC
 * ({@code 20261124T101500Z}).
 *
 * <p>An interruption between the two renames leaves no {@code <journal>}, but both directories of one
 * stamp: the aside name is taken only once the rebuilt directory is complete, so
 * {@link #finishInterrupted} (run first by every repair) moves that rebuilt directory in. A
 * {@code .repairing-} directory without its {@code .damaged-} partner next to a journal is an
 * interrupted rebuild, and goes.
 */
final class DirectorySwap {

    static final String BUILDING = ".repairing-";
    static final String ASIDE = ".damaged-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The directories of one swap: the journal, where its replacement is built, where it goes aside. */
    record Names(Path journal, Path building, Path aside) {
    }

    private DirectorySwap() {
    }

    /** Free names for a swap of {@code journal} stamped with {@code now} (and a counter if that stamp is taken). */
    static Names names(Path journal, Instant now) {
        String stamp = STAMP.format(now);
        for (int n = 1; ; n++) {
            Names names = new Names(journal, sibling(journal, BUILDING + stamp), sibling(journal, ASIDE + stamp));
            if (!Files.exists(names.building()) && !Files.exists(names.aside())) {
                return names;
            }
            stamp = STAMP.format(now) + "-" + n;
        }
    }

    /** A directory where a replacement of {@code journal} is or was being built, if there is one. */
    static Optional<Path> building(Path journal) {
        Path parent = journal.toAbsolutePath().getParent();
        String prefix = journal.getFileName() + BUILDING;
        if (!Files.isDirectory(parent)) {
            return Optional.empty();
        }
        try (Stream<Path> siblings = Files.list(parent)) {
            return siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parent, e);
        }
    }

    /** Forces the rebuilt directory, moves the journal aside and the rebuilt directory in its place. */
    static void swap(Names names) throws IOException {
        forceTree(names.building());
        Files.move(names.journal(), names.aside(), StandardCopyOption.ATOMIC_MOVE);
        force(names.journal().getParent());
        Files.move(names.building(), names.journal(), StandardCopyOption.ATOMIC_MOVE);
        force(names.journal().getParent());
    }

    /** Deletes a directory a failed rebuild left (it only ever holds what the rebuild wrote). */
    static void discard(Path building) throws IOException {
        if (!Files.exists(building)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(building)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Completes a swap of {@code journal} that was interrupted between its renames, and removes rebuilds
     * interrupted before them; returns the damaged directory of a completed swap.
     */
    static Optional<Path> finishInterrupted(Path journal) throws IOException {
        Path parent = journal.getParent();
        String prefix = journal.getFileName() + BUILDING;
        if (!Files.isDirectory(parent)) {
            return Optional.empty();
        }
        List<Path> building;
        try (Stream<Path> entries = Files.list(parent)) {
            building = entries.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
        Optional<Path> finished = Optional.empty();
        for (Path b : building) {
            Path aside = sibling(journal, ASIDE + b.getFileName().toString().substring(prefix.length()));
            if (!Files.exists(journal) && Files.isDirectory(aside)) {
                Files.move(b, journal, StandardCopyOption.ATOMIC_MOVE);
                force(parent);
                finished = Optional.of(aside);
            } else if (Files.exists(journal) && !Files.exists(aside)) {
                discard(b);
            }
        }
        return finished;
    }

    private static Path sibling(Path journal, String suffix) {
        return journal.resolveSibling(journal.getFileName() + suffix);
    }

    /** fsync of every file and directory under {@code dir}. */
    private static void forceTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) { // contents before their directory
                if (Files.isDirectory(p)) {
                    force(p);
                } else {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                        ch.force(true);
                    }
                }
            }
        }
    }

    /** fsync of a directory, so renames in it are durable (some platforms cannot; the renames are still atomic). */
    private static void force(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // as SnapshotStore: a directory that cannot be opened for fsync
        }
    }
}
