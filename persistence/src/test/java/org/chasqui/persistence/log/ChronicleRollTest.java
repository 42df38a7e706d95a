package org.chasqui.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.onoes.ExceptionKey;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Chronicle Queue itself (2026.4, from chronicle-bom 2026.18) does when a queue directory written
 * with one roll cycle is opened by a builder asking for another: it uses the directory's own cycle,
 * read from its {@code metadata.cq4t}, and warns ("Overriding roll cycle from ... to ..."); it does
 * not fail and does not mix file names. {@link JournalRoll} relies on the first part and avoids the
 * warning by asking for the directory's roll in the first place.
 */
class ChronicleRollTest {

    /** 2023-11-14T22:13:20Z. */
    private static final long T0 = 1_700_000_000_000L;
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(T0);
    private Map<ExceptionKey, Integer> warnings;

    @AfterEach
    void resetHandlers() {
        Jvm.resetExceptionHandlers();
    }

    /** Opens the directory asking for {@code asked}; appends {@code records}, one an hour; returns the cycle used. */
    private RollCycle open(RollCycle asked, boolean readOnly, String... records) {
        warnings = Jvm.recordExceptions(false, false, false);
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(asked)
                .timeProvider(clock::get).readOnly(readOnly).build()) {
            try (ExcerptAppender appender = readOnly ? null : queue.createAppender()) {
                for (String r : records) {
                    try (DocumentContext dc = appender.writingDocument()) {
                        dc.wire().bytes().append8bit(r);
                    }
                    clock.addAndGet(HOUR);
                }
            }
            return queue.rollCycle();
        } finally {
            Jvm.resetExceptionHandlers();
        }
    }

    private List<String> readAll() {
        List<String> out = new ArrayList<>();
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile()).readOnly(true)
                .rollCycle(JournalRoll.of(dir, JournalRoll.DAILY).cycle()).build();
                ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return out;
                    }
                    out.add(dc.wire().bytes().toString());
                }
            }
        }
    }

    private List<String> cycleFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted().toList();
        }
    }

    private List<String> warningMessages() {
        return warnings.keySet().stream().map(ExceptionKey::message).toList();
    }

    @Test
    void aDailyQueueOpenedAsHourlyStaysDailyWithAWarning() throws IOException {
        open(RollCycles.FAST_DAILY, false, "d1");
        assertThat(warningMessages()).isEmpty();

        assertThat(open(RollCycles.FAST_HOURLY, false, "h1", "h2")).isEqualTo(RollCycles.FAST_DAILY);
        assertThat(warningMessages()).anySatisfy(m -> assertThat(m)
                .contains("Overriding roll cycle from FAST_HOURLY to FAST_DAILY"));
        assertThat(cycleFiles()).containsExactly("20231114F.cq4", "20231115F.cq4"); // 22:13, 23:13, 00:13 UTC
        assertThat(readAll()).containsExactly("d1", "h1", "h2");

        assertThat(open(RollCycles.FAST_HOURLY, true)).as("read-only too").isEqualTo(RollCycles.FAST_DAILY);
        assertThat(warningMessages()).anySatisfy(m -> assertThat(m).contains("Overriding roll cycle"));
    }

    @Test
    void anHourlyQueueOpenedAsDailyStaysHourlyWithAWarning() throws IOException {
        open(RollCycles.FAST_HOURLY, false, "h1");
        assertThat(open(RollCycles.FAST_DAILY, false, "d1", "d2")).isEqualTo(RollCycles.FAST_HOURLY);
        assertThat(warningMessages()).anySatisfy(m -> assertThat(m)
                .contains("Overriding roll cycle from FAST_DAILY to FAST_HOURLY"));
        assertThat(cycleFiles()).containsExactly("20231114-22F.cq4", "20231114-23F.cq4", "20231115-00F.cq4");
        assertThat(readAll()).containsExactly("h1", "d1", "d2");
    }

    @Test
    void askingForTheDirectorysOwnRollWarnsOfNothing() {
        open(RollCycles.FAST_HOURLY, false, "h1");
        assertThat(open(JournalRoll.of(dir, JournalRoll.DAILY).cycle(), false, "h2")).isEqualTo(RollCycles.FAST_HOURLY);
        assertThat(warningMessages()).isEmpty();
    }
}
