package org.chasqui.persistence.log;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check of a journal at open: every cycle file is walked ({@link JournalScan}), and in a
 * checksummed directory every record's checksum is checked; a torn tail is cleared with a warning,
 * damage (a record that does not match its checksum included) stops the open with
 * {@link CorruptJournalException}.
 */
final class JournalCheck {

    private static final Logger LOG = LoggerFactory.getLogger(JournalCheck.class);
    private static final int MAX_LISTED = 10;

    private JournalCheck() {
    }

    /** Scans every cycle file of {@code queue}, oldest first, checking checksums when {@code checksummed}. */
    static List<JournalScan.Result> scan(SingleChronicleQueue queue, boolean checksummed) {
        List<JournalScan.Result> results = new ArrayList<>();
        int first = queue.firstCycle();
        int last = queue.lastCycle();
        if (first == Integer.MAX_VALUE || last == Integer.MIN_VALUE) {
            return results; // no cycle file yet
        }
        for (long cycle : queue.listCyclesBetween(first, last)) {
            SingleChronicleQueueStore store = queue.storeForCycle((int) cycle, queue.epoch(), false, null);
            if (store == null) {
                continue;
            }
            File file;
            long writePosition;
            try {
                file = store.file();
                writePosition = store.writePosition(); // before the walk: see JournalScan.scan
            } finally {
                queue.closeStore(store);
            }
            try {
                results.add(JournalScan.scan(file, writePosition, checksummed,
                        queue.rollCycle().toIndex((int) cycle, 0)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return results;
    }

    /**
     * Checks {@code queue} before anything reads or appends: clears a torn tail (WARN), throws
     * {@link CorruptJournalException} on damage. Another process may be appending to the same
     * directory (the CLI and the server share the account journal), and its append in progress looks
     * like a torn tail; so findings are acted on only after a second scan made while holding
     * Chronicle's write lock, which an append in progress holds until its record is complete.
     */
    static void atOpen(SingleChronicleQueue queue, String name, boolean checksummed) {
        if (scan(queue, checksummed).stream().allMatch(r -> r.kind() == JournalScan.End.ROLLED || r.kind() == JournalScan.End.CLEAN)) {
            return;
        }
        try (ExcerptAppender appender = queue.createAppender();
                DocumentContext lock = appender.writingDocument()) {
            lock.rollbackOnClose(); // writes nothing: it only holds the write lock
            for (JournalScan.Result r : scan(queue, checksummed)) {
                switch (r.kind()) {
                    case CORRUPT -> throw new CorruptJournalException(name, r.file(), r.end(), r.problem());
                    case TORN -> clearTornTail(name, r);
                    default -> { }
                }
            }
        }
    }

    /**
     * The first damage of {@code queue} (see {@link JournalDamage}), or null when nothing before its
     * last complete record is damaged (a torn tail is not damage). Changes nothing.
     */
    static JournalDamage firstDamage(SingleChronicleQueue queue, String name, boolean checksummed) {
        List<JournalScan.Result> results = scan(queue, checksummed);
        long before = 0;
        for (int i = 0; i < results.size(); i++) {
            JournalScan.Result r = results.get(i);
            if (r.kind() != JournalScan.End.CORRUPT) {
                before += r.records();
                continue;
            }
            JournalScan.Rest rest;
            try {
                rest = JournalScan.rest(r.file(), r.end(), r.mismatch());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + r.file(), e);
            }
            List<JournalScan.Result> later = results.subList(i + 1, results.size());
            return new JournalDamage(name, r.file(), r.end(), r.indexAtEnd(), r.problem(), before + r.records(),
                    rest.records(), rest.bytes(), later.size(), later.stream().mapToLong(JournalScan.Result::records).sum());
        }
        return null;
    }

    /** See {@link ChronicleLog#verify}. */
    static JournalReport offline(Path dir, String name, Consumer<Bytes<?>> decoder) {
        if (!Files.isDirectory(dir)) {
            return new JournalReport(name, dir, false, 0, List.of(), List.of());
        }
        List<String> warnings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Framing framing;
        try {
            framing = Framing.of(FormatMarker.read(dir, name));
        } catch (FormatMarker.IncompatibleDataException | UncheckedIOException e) {
            problems.add(e.getMessage());
            return new JournalReport(name, dir, true, 0, warnings, problems);
        }
        long records = 0;
        try (SingleChronicleQueue queue = ChronicleLog.queue(dir, JournalRoll.DAILY, true, null)) {
            for (JournalScan.Result r : scan(queue, framing.checksummed())) {
                switch (r.kind()) {
                    case CORRUPT -> problems.add(r.file() + " offset " + r.end() + ": " + r.problem());
                    case TORN -> warnings.add(r.file() + " offset " + r.end() + ": an incomplete record ("
                            + (r.tailEnd() - r.end()) + " bytes) after the last complete one, from a write cut off"
                            + " by a crash; never acknowledged; the next start clears it");
                    default -> { }
                }
            }
            List<String> unreadable = new ArrayList<>();
            try (ExcerptTailer tailer = queue.createTailer().toStart()) {
                while (true) {
                    try (DocumentContext dc = tailer.readingDocument()) {
                        if (!dc.isPresent()) {
                            break;
                        }
                        records++;
                        if (!framing.unframe(dc.wire().bytes())) {
                            continue; // the scan above reported it, with its file and offset
                        }
                        try {
                            decoder.accept(dc.wire().bytes());
                        } catch (RuntimeException e) {
                            unreadable.add(String.format("record %d (index 0x%x) cannot be read: %s",
                                    records, dc.index(), e.getMessage()));
                        }
                    }
                }
            } catch (RuntimeException e) {
                problems.add("reading stopped after " + records + " records: " + e);
            }
            problems.addAll(unreadable.subList(0, Math.min(unreadable.size(), MAX_LISTED)));
            if (unreadable.size() > MAX_LISTED) {
                problems.add((unreadable.size() - MAX_LISTED) + " more unreadable records");
            }
        } catch (RuntimeException e) {
            problems.add("cannot open the queue: " + e);
        }
        return new JournalReport(name, dir, true, records, warnings, problems);
    }

    private static void clearTornTail(String name, JournalScan.Result r) {
        LOG.warn("{}: {} ends with an incomplete record at offset {} ({} bytes, a write cut off by a crash;"
                + " it was never acknowledged): clearing it; the journal ends at its last complete record"
                + " ({} records in this file)", name, r.file(), r.end(), r.tailEnd() - r.end(), r.records());
        try {
            JournalScan.clear(r.file(), r.end(), r.tailEnd());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the torn tail of " + r.file(), e);
        }
    }
}
