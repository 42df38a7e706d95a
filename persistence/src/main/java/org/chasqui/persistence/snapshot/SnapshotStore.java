package org.chasqui.persistence.snapshot;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import net.openhft.chronicle.bytes.Bytes;
import org.chasqui.persistence.log.FormatMarker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshots of one journal, in {@code <journal dir>/snapshots/<sequence>/}: each a directory with a
 * {@code FORMAT} marker ({@code chasqui <journal> snapshot format 1}) and a {@code data} file. A
 * snapshot is written under a temporary name, flushed to disk and renamed, so a directory with a final
 * name is always complete; a crash mid-write leaves only a temporary directory, removed at the next
 * write. Never used by two processes writing at once (the server writes; tools read).
 *
 * <p>{@code data}: int format version, int shard count, one long position per shard (the
 * {@link Coverage}), then the records, each an int length (&gt; 0) and the record exactly as the
 * journal's codec writes it (tag and format version first), then int -1, the long record count and
 * the long CRC-32 of everything before it. A snapshot whose trailer is missing or wrong is refused.
 */
public final class SnapshotStore {

    public static final int VERSION = 1;
    public static final String DIRECTORY = "snapshots";
    static final String DATA = "data";
    private static final String TEMP_PREFIX = ".tmp-";
    static final int MAX_RECORD_BYTES = 128 * 1024 * 1024;
    private static final int MAX_SHARDS = 1 << 16;
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

    /** A complete snapshot on disk. */
    public record Snapshot(Path dir, long sequence, Coverage coverage, long records) {
        /** The file holding its records. */
        public Path data() {
            return dir.resolve(DATA);
        }
    }

    /** Told where a record went: the offset of its first byte in the data file (after its length). */
    @FunctionalInterface
    public interface Placed<R> {
        void at(R record, long offset);
    }

    /** A record read back, with its offset as {@link Placed} gives it. */
    @FunctionalInterface
    public interface RecordAt {
        void accept(Bytes<?> bytes, long offset);
    }

    private final Path root;
    private final String what;

    /** The snapshots of the journal in {@code journalDir} named {@code journal} (as in its FORMAT marker). */
    public SnapshotStore(Path journalDir, String journal) {
        this.root = Objects.requireNonNull(journalDir, "journalDir").resolve(DIRECTORY);
        this.what = Objects.requireNonNull(journal, "journal") + " snapshot";
    }

    public Path root() {
        return root;
    }

    /**
     * Writes a snapshot of {@code records} covering {@code coverage} and makes it the newest. Blocking
     * file I/O: not on an event loop.
     */
    public <R> Snapshot write(Coverage coverage, Iterable<? extends R> records, BiConsumer<Bytes<?>, R> encoder) {
        return write(coverage, records, encoder, (r, offset) -> { });
    }

    /**
     * {@link #write(Coverage, Iterable, BiConsumer)} telling {@code placed} where each record went (before
     * the snapshot is complete: use the offsets once this returns).
     */
    public <R> Snapshot write(Coverage coverage, Iterable<? extends R> records, BiConsumer<Bytes<?>, R> encoder,
                              Placed<? super R> placed) {
        try {
            Files.createDirectories(root);
            removeTemporaries();
            long sequence = list().stream().mapToLong(Snapshot::sequence).max().orElse(0) + 1;
            Path temp = root.resolve(TEMP_PREFIX + name(sequence));
            Files.createDirectories(temp);
            long count = writeData(temp.resolve(DATA), coverage, records, encoder, placed);
            FormatMarker.write(temp, what, VERSION);
            force(temp.resolve(FormatMarkerFile.NAME), false);
            force(temp, true);
            Path done = root.resolve(name(sequence));
            try {
                Files.move(temp, done, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename " + temp + " atomically", e);
            }
            force(root, true);
            return new Snapshot(done, sequence, coverage, count);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a snapshot under " + root, e);
        }
    }

    private static <R> long writeData(Path file, Coverage coverage, Iterable<? extends R> records,
                                      BiConsumer<Bytes<?>, R> encoder, Placed<? super R> placed) throws IOException {
        CRC32 crc = new CRC32();
        long count = 0;
        try (OutputStream raw = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc))) {
            out.writeInt(VERSION);
            out.writeInt(coverage.shards());
            for (int s = 0; s < coverage.shards(); s++) {
                out.writeLong(coverage.position(s));
            }
            Bytes<?> buffer = Bytes.allocateElasticOnHeap(512);
            byte[] copy = new byte[512];
            long offset = headerBytes(coverage.shards());
            for (R r : records) {
                buffer.clear();
                encoder.accept(buffer, r);
                int length = (int) buffer.readRemaining();
                if (copy.length < length) {
                    copy = new byte[Math.max(length, copy.length * 2)];
                }
                buffer.read(copy, 0, length);
                out.writeInt(length);
                out.write(copy, 0, length);
                placed.at(r, offset + Integer.BYTES);
                offset += Integer.BYTES + length;
                count++;
            }
            out.writeInt(-1);
            out.writeLong(count);
            out.flush();
            long sum = crc.getValue();
            out.writeLong(sum); // not part of the checksum: the trailer ends with it
            out.flush();
        }
        force(file, false);
        return count;
    }

    /** The bytes before the first record: version, shard count, positions. */
    private static long headerBytes(int shards) {
        return Integer.BYTES * 2 + (long) Long.BYTES * shards;
    }

    /**
     * The complete snapshots, oldest first. A snapshot in another format is refused
     * ({@link FormatMarker.IncompatibleDataException}): falling back to an older one could lose what only
     * it holds, since the journal it covers may be deleted.
     */
    public List<Snapshot> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Snapshot> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                String name = dir.getFileName().toString();
                if (name.startsWith(TEMP_PREFIX) || !name.matches("[0-9]{20}")) {
                    continue;
                }
                FormatMarker.require(dir, what, VERSION); // another format: refuse, never fall back past it
                try {
                    out.add(header(dir, Long.parseLong(name)));
                } catch (IOException e) {
                    LOG.warn("{}: ignoring snapshot {}: {}", what, dir, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        out.sort(Comparator.comparingLong(Snapshot::sequence));
        return out;
    }

    /** Whether any snapshot directory (usable or not) is there. */
    public boolean hasAny() {
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.anyMatch(d -> d.getFileName().toString().matches("[0-9]{20}"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /** The newest complete snapshot whose checksum holds, if any. */
    public Optional<Snapshot> newest() {
        List<Snapshot> all = list();
        for (int i = all.size() - 1; i >= 0; i--) {
            Snapshot s = all.get(i);
            try {
                verify(s);
                return Optional.of(s);
            } catch (IOException | RuntimeException e) {
                LOG.warn("{}: snapshot {} is damaged ({}); trying an older one", what, s.dir(), e.getMessage());
            }
        }
        return Optional.empty();
    }

    private Snapshot header(Path dir, long sequence) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(DATA))))) {
            Coverage coverage = readCoverage(in);
            return new Snapshot(dir, sequence, coverage, -1);
        }
    }

    private static Coverage readCoverage(DataInputStream in) throws IOException {
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("snapshot data in format " + version + ", this Chasqui reads " + VERSION);
        }
        int shards = in.readInt();
        if (shards < 1 || shards > MAX_SHARDS) {
            throw new IOException("implausible shard count " + shards);
        }
        long[] positions = new long[shards];
        for (int s = 0; s < shards; s++) {
            positions[s] = in.readLong();
        }
        return Coverage.of(positions);
    }

    /** Reads the whole file once and checks the trailer. */
    private static void verify(Snapshot s) throws IOException {
        read(s, bytes -> { });
    }

    /**
     * Hands each record of {@code s} to {@code decoder}, in the order written; returns how many. Call
     * only with a snapshot from {@link #newest()} (checked), or be ready for a partial read.
     */
    public static long read(Snapshot s, Consumer<Bytes<?>> decoder) throws IOException {
        return read(s, (bytes, offset) -> decoder.accept(bytes));
    }

    /** {@link #read(Snapshot, Consumer)} with each record's offset (see {@link Placed}). */
    public static long read(Snapshot s, RecordAt decoder) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream raw = Files.newInputStream(s.dir().resolve(DATA));
             CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), crc);
             DataInputStream in = new DataInputStream(checked)) {
            long offset = headerBytes(readCoverage(in).shards());
            long count = 0;
            byte[] data = new byte[512];
            Bytes<?> bytes = Bytes.allocateElasticOnHeap(512);
            while (true) {
                int length = in.readInt();
                if (length == -1) {
                    break;
                }
                if (length <= 0 || length > MAX_RECORD_BYTES) {
                    throw new IOException("bad record length " + length);
                }
                if (data.length < length) {
                    data = new byte[Math.max(length, data.length * 2)];
                }
                in.readFully(data, 0, length);
                bytes.clear();
                bytes.write(data, 0, length);
                decoder.accept(bytes, offset + Integer.BYTES);
                offset += Integer.BYTES + length;
                count++;
            }
            long written = in.readLong();
            long expected = crc.getValue();
            long sum;
            try {
                sum = in.readLong();
            } catch (EOFException e) {
                throw new IOException("snapshot trailer cut short", e);
            }
            if (written != count || sum != expected || in.read() != -1) {
                throw new IOException("snapshot trailer does not match its records");
            }
            return count;
        }
    }

    /**
     * Deletes all but the newest {@code keep} snapshots (and leftover temporary ones); returns what is
     * kept, oldest first.
     */
    public List<Snapshot> prune(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one snapshot");
        }
        List<Snapshot> all = list();
        int drop = Math.max(0, all.size() - keep);
        for (Snapshot s : all.subList(0, drop)) {
            deleteTree(s.dir());
        }
        try {
            removeTemporaries();
        } catch (IOException e) {
            LOG.warn("{}: cannot remove temporary snapshots: {}", what, e.getMessage());
        }
        return List.copyOf(all.subList(drop, all.size()));
    }

    private void removeTemporaries() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(d -> d.getFileName().toString().startsWith(TEMP_PREFIX)).forEach(SnapshotStore::deleteTree);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static String name(long sequence) {
        return String.format("%020d", sequence);
    }

    /** fsync of a file or (on Linux) a directory, so a rename is durable. */
    private static void force(Path path, boolean directory) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!directory) {
                throw e;
            }
            // some platforms cannot open a directory for fsync; the rename is still atomic
        }
    }

    /** The marker file's name, as {@link FormatMarker} writes it. */
    private static final class FormatMarkerFile {
        static final String NAME = "FORMAT";
    }
}
