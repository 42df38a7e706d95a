package org.chasqui.persistence.log;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of raw byte records on a Chronicle Queue directory, with exactly one writer
 * thread. Callers (Vert.x event loops) hand an encoder over and get a future that completes on the
 * writer thread once the record is durable at the log's {@link Durability} level: in the queue's
 * mapped file ({@link Durability#PROCESS}), or forced to the device ({@link Durability#OS}, group
 * commit: the writer writes every append waiting, forces once, then completes their futures).
 * Records keep the order in which {@link #append} was called. Each record is framed as its
 * directory's format says ({@link Framing}: in format 2 behind a CRC-32C computed on the writer
 * thread), and readers check the frame of every record they hand over. Opening checks the files
 * first ({@link JournalCheck}): a torn tail is cleared with a warning, damage (a record whose
 * checksum does not match included) refuses the open.
 *
 * <p>{@link #salvage} opens a damaged journal read-only for {@code chasqui repair-data}: its readers
 * stop before the first damage instead of the open refusing it.
 *
 * <p>{@link #position()} and {@link #deleteCyclesBefore} go through the same queue as appends, so
 * they see exactly the appends requested before them: the writer first commits (and, at
 * {@link Durability#OS}, forces) what it has written of its group, completes those futures, and only
 * then runs them. A position therefore covers only records whose futures have already completed.
 */
public final class ChronicleLog implements AutoCloseable {

    /**
     * The roll of a directory created without one being asked for: one file a day (only on days with
     * changes). An existing directory keeps its own ({@link JournalRoll}). Not WEEKLY: with Chronicle
     * Queue 2026.4 a WEEKLY queue took appends but its tailers found no records, and {@code toStart()}
     * failed an assertion under {@code -ea}.
     */
    public static final RollCycle ROLL_CYCLE = JournalRoll.DAILY.cycle();

    private static final Logger LOG = LoggerFactory.getLogger(ChronicleLog.class);
    private static final long CLOSE_TIMEOUT_SECONDS = 60;
    /** Appends written and forced together at most; bounds the latency the first one of a group sees. */
    private static final int MAX_GROUP = 1024;

    /** What the writer thread takes from {@link #pending}, in the order it was handed over. */
    private sealed interface Request {
    }

    private record Pending(Consumer<Bytes<?>> encoder, CompletableFuture<Long> done) implements Request {
    }

    /** An append written but not yet forced ({@link Durability#OS}), with its record's address. */
    private record Written(Pending pending, long address) {
    }

    /**
     * Work that must see every append requested before it committed: the writer commits its group so
     * far, then runs it with that commit's failure (null when the appends are durable). If the log
     * closes first, {@code done} fails instead.
     */
    private record Barrier(Consumer<Throwable> work, CompletableFuture<?> done) implements Request {
    }

    private record Stop() implements Request {
    }

    /** Put last by {@link #close()}: the writer stops after it. */
    private static final Request STOP = new Stop();
    /** The read limit of a log that hands over every record (also: "no forced mark", {@link ReadOnlyLog#forcedThrough()}). */
    public static final long NO_LIMIT = Long.MAX_VALUE;

    private final String name;
    private final SingleChronicleQueue queue;
    /** The directory's format (its FORMAT marker): how records are framed. */
    private final int format;
    private final Durability durability;
    private final BlockingQueue<Request> pending = new LinkedBlockingQueue<>();
    /**
     * Guards {@link #closed} together with the hand-over to {@link #pending}, so that no append is
     * queued after {@link #STOP} (it would never complete). Held only for a flag check and a queue
     * insert; no other lock is taken inside it.
     */
    private final Object handOver = new Object();
    private boolean closed; // guarded by handOver
    private final Thread writer;
    // used on the writer thread only:
    private ExcerptAppender appender;
    private final Framing framing;
    private final FileSync sync;
    private final List<Written> written = new ArrayList<>();
    /** How far appends are forced, for readers in other processes ({@link ForcedMark}). */
    private final ForcedMarkWriter forcedMark;
    /** Run on the writer thread just before each group's force; a seam for tests that hold a force. */
    private volatile Runnable beforeForce = () -> { };
    /** Random reads by address ({@link #read}). */
    private final CycleFiles files;
    /** {@link Framing} keeps a scratch buffer, so each thread reading by address has its own. */
    private final ThreadLocal<Framing> readFraming;
    private volatile boolean readable = true;
    /** The writer's first failure, after which nothing more is appended. */
    private final WriterFailure failure;
    /** Opened by {@link #salvage}: nothing may be written, readers stop at {@link #damage}. */
    private final boolean salvaging;
    /** The first damage of a salvaged log (null: none, or not salvaged). */
    private final JournalDamage damage;

    private ChronicleLog(String name, Path dir, SingleChronicleQueue queue, int format, Durability durability,
            boolean salvaging, JournalDamage damage) {
        this.name = name;
        this.failure = new WriterFailure(name);
        this.queue = queue;
        this.format = format;
        this.salvaging = salvaging;
        this.damage = damage;
        this.framing = Framing.of(format);
        this.durability = durability;
        this.sync = durability == Durability.OS ? new FileSync(dir) : null;
        this.forcedMark = new ForcedMarkWriter(name, dir, sync);
        this.files = new CycleFiles(this::fileOf);
        this.readFraming = ThreadLocal.withInitial(() -> Framing.of(format));
        this.writer = new Thread(this::runWriter, "chasqui-" + name + "-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** {@link #open(Path, String, Durability)} at {@link Durability#PROCESS}. */
    public static ChronicleLog open(Path dir, String name) {
        return open(dir, name, Durability.PROCESS);
    }

    /**
     * Opens (creating if needed) the log in {@code dir}; {@code name} appears in thread names and logs.
     *
     * @throws FormatMarker.IncompatibleDataException if the directory holds another journal or format
     * @throws CorruptJournalException                if a file is damaged before its last complete record
     */
    public static ChronicleLog open(Path dir, String name, Durability durability) {
        return open(dir, name, durability, null);
    }

    /**
     * {@link #open(Path, String, Durability)} with the clock that decides the cycle (file) records go
     * to; tests use it to write several cycles. Every process opening the directory must see time move
     * forward.
     */
    public static ChronicleLog open(Path dir, String name, Durability durability, LongSupplier clockMillis) {
        return open(dir, name, durability, JournalRoll.DAILY, clockMillis);
    }

    /**
     * {@link #open(Path, String, Durability, LongSupplier)} creating a new directory with {@code roll};
     * an existing one keeps the roll it was created with (logged when that is not {@code roll}).
     * {@code clockMillis} may be null (the system clock).
     *
     * @throws FormatMarker.IncompatibleDataException also if the directory's files are named after two
     *                                                rolls, or after a roll Chasqui does not use
     */
    public static ChronicleLog open(Path dir, String name, Durability durability, JournalRoll roll,
            LongSupplier clockMillis) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(roll, "roll");
        int format = FormatMarker.check(dir, name);
        SingleChronicleQueue queue = queue(dir, roll, false, clockMillis);
        JournalRoll kept = JournalRoll.of(queue.rollCycle(), dir);
        if (kept != roll) {
            LOG.info("{}: {} was created with a {} roll and keeps it; a {} roll applies to new journal directories",
                    name, dir, kept.spelling(), roll.spelling());
        }
        try {
            JournalCheck.atOpen(queue, name, Framing.checksummed(format));
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
        return new ChronicleLog(name, dir, queue, format, durability, false, null);
    }

    /**
     * Builds the queue on {@code dir} with the directory's own roll ({@link JournalRoll#of(Path,
     * JournalRoll)}; {@code forNew} when it has no cycle file) and checks that the queue uses a roll
     * Chasqui knows. Every queue Chasqui opens is built here.
     */
    static SingleChronicleQueue queue(Path dir, JournalRoll forNew, boolean readOnly, LongSupplier clockMillis) {
        SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.single(dir.toFile())
                .rollCycle(JournalRoll.of(dir, forNew).cycle()).readOnly(readOnly);
        if (clockMillis != null) {
            builder.timeProvider(clockMillis::getAsLong);
        }
        SingleChronicleQueue queue = builder.build();
        try {
            JournalRoll.of(queue.rollCycle(), dir);
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
        return queue;
    }

    /**
     * For {@code chasqui repair-data} only, never for serving: opens the journal in {@code dir}
     * read-only, without the check {@link #open} makes, and finds its first damage ({@link #damage()}).
     * Its readers hand over the records before that damage and then stop, as at the end of a log; a
     * read by address stays possible (item payloads of those records). Appends, positions and
     * deletions fail. Changes nothing in {@code dir}.
     *
     * @throws FormatMarker.IncompatibleDataException without a marker, or with another journal's or
     *                                                format's
     */
    public static ChronicleLog salvage(Path dir, String name) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(name, "name");
        int format = FormatMarker.read(dir, name);
        SingleChronicleQueue queue = queue(dir, JournalRoll.DAILY, true, null);
        JournalDamage damage;
        try {
            damage = JournalCheck.firstDamage(queue, name, Framing.checksummed(format));
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
        return new ChronicleLog(name, dir, queue, format, Durability.PROCESS, true, damage);
    }

    /**
     * The first damage of a log opened by {@link #salvage} (its readers stop before it); empty when
     * there is none, and for a log opened by {@link #open}, which refuses damage.
     */
    public Optional<JournalDamage> damage() {
        return Optional.ofNullable(damage);
    }

    /** A failed future when the log was opened by {@link #salvage} (nothing may be written to it), else null. */
    private <T> CompletableFuture<T> refusedWhileSalvaging() {
        return salvaging ? CompletableFuture.failedFuture(new IllegalStateException(name
                + " is open read-only to salvage it")) : null;
    }

    /**
     * Checks the journal in {@code dir} offline and changes nothing: its FORMAT marker, the structure of
     * every file, every record's checksum (format 2), and that {@code decoder} reads every record (it
     * throws on one it cannot read).
     */
    public static JournalReport verify(Path dir, String name, Consumer<Bytes<?>> decoder) {
        return JournalCheck.offline(dir, name, decoder);
    }

    /**
     * For tests: {@code hook} runs on the writer thread just before each group of appends is forced
     * ({@link Durability#OS}), after its records are in the mapped file; a hook that waits holds the
     * force, and with it the appends' futures and the forced mark.
     */
    void beforeEachForce(Runnable hook) {
        beforeForce = Objects.requireNonNull(hook, "hook");
    }

    /** Groups forced to the device so far ({@link Durability#OS}; 0 otherwise). For tests. */
    long forcedGroups() {
        return sync == null ? 0 : sync.forces();
    }

    public Durability durability() {
        return durability;
    }

    /**
     * {@code listener} is told (once, on the writer thread, or at once if it already happened) when the
     * writer fails: an append could not be written or a force failed. From then on every append and
     * {@link #position()} fails with a {@link WriterFailure.JournalFailedException}: the writer's owner
     * applied that change in memory and must not go on serving it (see {@link WriterFailure}).
     */
    public void onFailure(Consumer<Throwable> listener) {
        failure.listen(Objects.requireNonNull(listener, "listener"));
    }

    /** The format of the log's directory ({@link FormatMarker}); records carry checksums from format 2. */
    public int format() {
        return format;
    }

    /** Appends one record written by {@code encoder} (on the writer thread). */
    public CompletableFuture<Void> append(Consumer<Bytes<?>> encoder) {
        return appendAddressed(encoder).thenAccept(address -> { });
    }

    /** {@link #append} whose future yields the record's address (for {@link #read}). */
    public CompletableFuture<Long> appendAddressed(Consumer<Bytes<?>> encoder) {
        Objects.requireNonNull(encoder, "encoder");
        CompletableFuture<Long> refused = refusedWhileSalvaging();
        if (refused != null) {
            return refused;
        }
        WriterFailure.JournalFailedException failed = failure.refusal();
        if (failed != null) {
            return CompletableFuture.failedFuture(failed);
        }
        Pending p = new Pending(encoder, new CompletableFuture<>());
        if (!handOver(p)) {
            return CompletableFuture.failedFuture(new IllegalStateException(name + " closed"));
        }
        return p.done();
    }

    /** Queues {@code r} for the writer; false when the log is closed (nothing was queued). */
    private boolean handOver(Request r) {
        synchronized (handOver) {
            if (closed) {
                return false;
            }
            pending.add(r);
            return true;
        }
    }

    /** The writer thread: takes what is waiting, as one group, until {@link #STOP}. */
    private void runWriter() {
        List<Request> group = new ArrayList<>();
        try {
            if (sync != null) {
                startForcedMark();
            }
            boolean stop = false;
            while (!stop) {
                group.add(pending.take());
                pending.drainTo(group, MAX_GROUP - 1);
                stop = commit(group);
                group.clear();
            }
        } catch (InterruptedException e) {
            LOG.warn("{}: writer interrupted; failing the appends still waiting", name);
        } finally {
            pending.drainTo(group);
            IllegalStateException closedError = new IllegalStateException(name + " closed");
            for (Request r : group) {
                if (r instanceof Pending p) {
                    p.done().completeExceptionally(closedError);
                } else if (r instanceof Barrier b) {
                    b.done().completeExceptionally(closedError);
                }
            }
            if (appender != null) {
                appender.close();
            }
            if (sync != null) {
                sync.close();
            }
        }
    }

    /**
     * Writes a group; at {@link Durability#OS} forces it once before completing it. A {@link Barrier}
     * in the group commits what came before it, then runs. Returns true at {@link #STOP}.
     */
    private boolean commit(List<Request> group) {
        boolean stop = false;
        for (Request r : group) {
            if (r instanceof Pending p) {
                WriterFailure.JournalFailedException failed = failure.refusal();
                if (failed != null) {
                    p.done().completeExceptionally(failed);
                    continue;
                }
                forcedMark.beforeAppend();
                long address;
                try {
                    address = write(p.encoder());
                } catch (Throwable t) {
                    failure.fail(t);
                    p.done().completeExceptionally(t);
                    continue;
                }
                if (sync == null) {
                    p.done().complete(address);
                } else {
                    sync.wrote(appender.currentFile());
                    written.add(new Written(p, address));
                }
            } else if (r instanceof Barrier b) {
                Throwable forced = forceWritten();
                b.work().accept(forced != null ? forced : failure.refusal());
            } else {
                stop = true;
            }
        }
        forceWritten();
        return stop;
    }

    /** Forces the appends written since the last force and completes them; returns the failure, if any. */
    private Throwable forceWritten() {
        if (written.isEmpty()) {
            return null;
        }
        Throwable forceFailure = null;
        try {
            beforeForce.run();
            sync.force();
            forcedMark.forced(appender.lastIndexAppended()); // after the force returned: never ahead of the disk
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: cannot force {} appends to the device; failing them", name, written.size(), e);
            forceFailure = e;
            failure.fail(e);
        }
        for (Written w : written) {
            if (forceFailure == null) {
                w.pending().done().complete(w.address());
            } else {
                w.pending().done().completeExceptionally(forceFailure);
            }
        }
        written.clear();
        return forceFailure;
    }

    /** At {@link Durability#OS}, before the first append; a failure fails the writer (nothing is served at os that cannot be forced). */
    private void startForcedMark() {
        try {
            forcedMark.start(queue::lastIndex);
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: cannot force the journal files found at open or record how far they are forced", name, e);
            failure.fail(e);
        }
    }

    /** On the writer thread; returns the record's address. */
    private long write(Consumer<Bytes<?>> encoder) {
        if (appender == null) {
            appender = queue.createAppender();
        }
        long position;
        try (DocumentContext dc = appender.writingDocument()) {
            try {
                position = dc.wire().bytes().writePosition(); // the body's offset in the cycle file
                framing.frame(dc.wire().bytes(), encoder);
            } catch (RuntimeException e) {
                dc.rollbackOnClose(); // never leave half a record
                throw e;
            }
        }
        return CycleFiles.address(queue.rollCycle().toCycle(appender.lastIndexAppended()), position);
    }

    /**
     * Decodes the record at {@code address} (as {@link #appendAddressed} or {@link LogReader#address()} gave
     * it: its cycle and the byte offset of its body in the cycle's file) and returns what {@code decoder}
     * returns; null when there is no complete record there (e.g. its file was deleted). This is the one
     * place records are read at random.
     *
     * <p>Any thread, no lock: the bytes are read where they are, in the cycle file mapped read-only
     * ({@link CycleFiles}): plain memory access, a page fault (not a system call) when the page is not
     * resident. Not through Chronicle's tailers: they are single-threaded, and finding a record by index
     * walks up to 255 records from the nearest index entry. A read after {@link #close()} fails.
     */
    public <T> T read(long address, Function<Bytes<?>, T> decoder) {
        if (!readable) {
            throw new IllegalStateException(name + " closed");
        }
        return files.read(address, bytes -> {
            if (!readFraming.get().unframe(bytes)) {
                throw new CorruptJournalException(name, fileOf(CycleFiles.cycleOf(address)),
                        CycleFiles.positionOf(address) - Integer.BYTES,
                        "the record read by address does not match its checksum: its content is damaged");
            }
            return decoder.apply(bytes);
        });
    }

    /** The file of a cycle (which need not exist). */
    private File fileOf(int cycle) {
        RollCycle roll = queue.rollCycle();
        DateTimeFormatter format = DateTimeFormatter.ofPattern(roll.format()).withZone(ZoneOffset.UTC);
        return new File(queue.file(), format.format(Instant.ofEpochMilli((long) cycle * roll.lengthInMillis()))
                + SingleChronicleQueue.SUFFIX);
    }

    /** A new reader positioned at the start of the log. */
    public LogReader reader() {
        return reader(NO_INDEX);
    }

    /** Index before every record: "nothing covered yet". */
    public static final long NO_INDEX = -1;

    /**
     * A new reader that hands over only the records after index {@code after} ({@link #NO_INDEX}: all).
     * It starts at {@code after} (or the record just after it) when that record is still there, else at
     * the start and skips.
     */
    public LogReader reader(long after) {
        boolean isClosed;
        synchronized (handOver) {
            isClosed = closed;
        }
        if (isClosed) {
            throw new IllegalStateException(name + " closed");
        }
        long limit = damage == null ? NO_LIMIT : damage.index();
        return reader(name, queue, format, after, () -> limit);
    }

    /**
     * A reader of {@code queue} (in {@code format}) after index {@code after}: at that record when it is
     * there, else at the next one, else at the start, skipping what is not after it; it hands over no
     * record at or after the index {@code limits} gives when a read starts ({@link #NO_LIMIT}: none).
     */
    static LogReader reader(String name, SingleChronicleQueue queue, int format, long after, LongSupplier limits) {
        ExcerptTailer tailer = queue.createTailer();
        if (after == NO_INDEX || !(tailer.moveToIndex(after) || tailer.moveToIndex(after + 1))) {
            tailer.toStart();
        }
        return new LogReader(name, tailer, Framing.of(format), queue.rollCycle(), after, limits);
    }

    /**
     * The index of the last record in the log once every append requested before this call is
     * committed: a caller that appends in order (a shard) learns which of its records are at or before
     * it. Completes on the writer thread after the futures of those appends (at {@link Durability#OS}
     * after their force; if that force failed, it fails too). {@link #NO_INDEX} when the log is empty.
     * The queue's last index, which also holds when this writer has not appended yet or its last
     * append failed.
     */
    public CompletableFuture<Long> position() {
        CompletableFuture<Long> refused = refusedWhileSalvaging();
        if (refused != null) {
            return refused;
        }
        CompletableFuture<Long> done = new CompletableFuture<>();
        Barrier b = new Barrier(failure -> {
            if (failure != null) {
                done.completeExceptionally(failure);
                return;
            }
            try {
                done.complete(queue.lastIndex());
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, done);
        if (!handOver(b)) {
            done.completeExceptionally(new IllegalStateException(name + " closed"));
        }
        return done;
    }

    /**
     * Deletes the cycle files whose records all come before the cycle of {@code index} (so the file
     * holding {@code index} and every later one stay); returns how many went. On the writer thread,
     * after the appends requested before it are committed, so it never races an append rolling to a
     * new file or a force of a file it deletes. The index of the last record deleted is recorded first
     * ({@link ReadOnlyLog#deletedThrough()}); when that cannot be written, nothing is deleted.
     */
    public CompletableFuture<Integer> deleteCyclesBefore(long index) {
        CompletableFuture<Integer> refused = refusedWhileSalvaging();
        if (refused != null) {
            return refused;
        }
        if (index == NO_INDEX) {
            return CompletableFuture.completedFuture(0);
        }
        CompletableFuture<Integer> done = new CompletableFuture<>();
        Barrier b = new Barrier(failure -> { // a failed force of newer appends does not concern older files
            try {
                done.complete(deleteBefore(queue.rollCycle().toCycle(index)));
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, done);
        if (!handOver(b)) {
            done.completeExceptionally(new IllegalStateException(name + " closed"));
        }
        return done;
    }

    private int deleteBefore(int cycle) {
        long last = lastIndexBefore(cycle);
        if (last != NO_INDEX) {
            try {
                DeletedMark.write(queue.file().toPath(), last); // first: readers must never miss a deletion
            } catch (IOException e) {
                LOG.warn("{}: cannot record the deletion of journal files ({}); keeping them", name, e.toString());
                return 0;
            }
        }
        int deleted = 0;
        for (int c = queue.firstCycle(); c < cycle; c++) { // no file: firstCycle is Integer.MAX_VALUE
            if (fileOf(c).delete()) {
                deleted++;
            }
        }
        files.forgetBefore(cycle);
        if (deleted > 0) {
            queue.refreshDirectoryListing();
            LOG.info("{}: deleted {} journal file(s) covered by a snapshot", name, deleted);
        }
        return deleted;
    }

    /** The index of the last record in a cycle file before {@code cycle}, or {@link #NO_INDEX} when none holds one. */
    private long lastIndexBefore(int cycle) {
        int first = queue.firstCycle();
        if (first >= cycle) {
            return NO_INDEX;
        }
        try (ExcerptTailer tailer = queue.createTailer()) {
            for (long c : queue.listCyclesBetween(first, cycle - 1).descendingSet()) {
                long records = tailer.excerptsInCycle((int) c);
                if (records > 0) {
                    return queue.rollCycle().toIndex((int) c, records - 1);
                }
            }
        }
        return NO_INDEX;
    }

    /** Waits for pending appends to finish, then closes the queue. Idempotent. */
    @Override
    public void close() {
        synchronized (handOver) {
            if (closed) {
                return;
            }
            closed = true;
            pending.add(STOP);
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(CLOSE_TIMEOUT_SECONDS));
            if (writer.isAlive()) {
                LOG.warn("{}: appends still pending after {} s; closing anyway", name, CLOSE_TIMEOUT_SECONDS);
                writer.interrupt();
                writer.join(TimeUnit.SECONDS.toMillis(CLOSE_TIMEOUT_SECONDS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.interrupt();
        }
        readable = false;
        queue.close();
    }
}
