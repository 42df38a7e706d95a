package org.chasqui.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code FORCED} mark: a reader beside a writer at {@code os} ({@link ReadOnlyLog}) hands over a
 * record only once its force returned; at {@code process}, or without the file, every record; a damaged
 * mark holds records back until the writer writes it again.
 */
class ForcedMarkTest {

    private static final String NAME = "test-journal";

    @TempDir
    Path dir;

    private static long append(ChronicleLog log, int value) {
        log.append(out -> out.writeInt(value)).join();
        return log.position().join();
    }

    private static List<Long> readAll(LogReader reader) {
        List<Long> read = new ArrayList<>();
        reader.readAvailable((index, bytes) -> read.add(index));
        return read;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aRecordWrittenButNotForcedIsHandedOverOnlyOnceItsForceReturned() throws Exception {
        try (ChronicleLog log = ChronicleLog.open(dir, NAME, Durability.OS);
                ReadOnlyLog beside = ReadOnlyLog.open(dir, NAME);
                LogReader feed = beside.reader(ChronicleLog.NO_INDEX)) {
            long first = append(log, 1);
            assertThat(readAll(feed)).containsExactly(first);

            CountDownLatch atForce = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            log.beforeEachForce(() -> {
                atForce.countDown();
                await(release);
            });
            CompletableFuture<Void> second = log.append(out -> out.writeInt(2));
            await(atForce); // the record is in the mapped file; its force waits
            try (LogReader unlimited = log.reader(first)) {
                assertThat(readAll(unlimited)).as("the record is in the file").hasSize(1);
            }
            assertThat(readAll(feed)).as("not forced: not handed over").isEmpty();
            assertThat(beside.forcedThrough()).isEqualTo(first);
            assertThat(second).isNotDone();

            release.countDown();
            second.join();
            long secondIndex = log.position().join();
            assertThat(readAll(feed)).as("forced now").containsExactly(secondIndex);
        }
    }

    @Test
    void theMarkExcludesEachGroupUntilItsForceAndCoversItAfter() throws Exception {
        try (ChronicleLog log = ChronicleLog.open(dir, NAME, Durability.OS);
                ReadOnlyLog beside = ReadOnlyLog.open(dir, NAME)) {
            List<Long> atForce = new ArrayList<>();
            log.beforeEachForce(() -> atForce.add(beside.forcedThrough()));
            List<Long> indexes = new ArrayList<>();
            List<Long> afterward = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                indexes.add(append(log, i));
                afterward.add(beside.forcedThrough());
            }
            List<Long> before = new ArrayList<>();
            before.add(ChronicleLog.NO_INDEX); // an empty journal at open: nothing forced
            before.addAll(indexes.subList(0, indexes.size() - 1));
            assertThat(atForce).as("just before each force: the records before it only").isEqualTo(before);
            assertThat(afterward).as("once an append completed: its record").isEqualTo(indexes);
        }
    }

    @Test
    void aWriterAtOsStartsByForcingWhatItFoundAndMarkingIt() {
        long last;
        try (ChronicleLog log = ChronicleLog.open(dir, NAME)) {
            append(log, 1);
            last = append(log, 2);
        }
        assertThat(dir.resolve(ForcedMark.FILE)).as("process only: no mark").doesNotExist();
        try (ReadOnlyLog beside = ReadOnlyLog.open(dir, NAME);
                LogReader feed = beside.reader(ChronicleLog.NO_INDEX)) {
            assertThat(beside.forcedThrough()).isEqualTo(ChronicleLog.NO_LIMIT);
            assertThat(readAll(feed)).hasSize(2);
        }
        try (ChronicleLog log = ChronicleLog.open(dir, NAME, Durability.OS);
                ReadOnlyLog beside = ReadOnlyLog.open(dir, NAME)) {
            log.position().join(); // the writer's start is done
            assertThat(beside.forcedThrough()).isEqualTo(last);
        }
    }

    @Test
    void aJournalSwitchedFromOsToProcessIsReadFullyOnceTheProcessWriterAppends() throws IOException {
        long first;
        long second;
        try (ChronicleLog log = ChronicleLog.open(dir, NAME, Durability.OS)) {
            first = append(log, 1);
            second = append(log, 2);
        }
        ForcedMark.forWriter(dir, first); // as a killed os run leaves it: the second record was not forced
        try (ChronicleLog log = ChronicleLog.open(dir, NAME);
                ReadOnlyLog beside = ReadOnlyLog.open(dir, NAME);
                LogReader feed = beside.reader(ChronicleLog.NO_INDEX)) {
            assertThat(readAll(feed)).as("held at what the os run forced").containsExactly(first);
            long third = append(log, 3);
            assertThat(readAll(feed)).as("a process writer lifted the limit before its append")
                    .containsExactly(second, third);
            assertThat(beside.forcedThrough()).isEqualTo(ChronicleLog.NO_LIMIT);
        }
    }

    @Test
    void aDamagedMarkHoldsRecordsBackUntilTheWriterWritesItAgain() throws IOException {
        long last;
        try (ChronicleLog log = ChronicleLog.open(dir, NAME, Durability.OS)) {
            append(log, 1);
            last = append(log, 2);
        }
        Path mark = dir.resolve(ForcedMark.FILE);
        try (ReadOnlyLog earlier = ReadOnlyLog.open(dir, NAME)) {
            assertThat(earlier.forcedThrough()).isEqualTo(last);
            Files.write(mark, new byte[ForcedMark.SIZE]); // zeros: what a power loss can leave of a new file
            assertThat(earlier.forcedThrough()).as("the last value it read").isEqualTo(last);
            try (ReadOnlyLog fresh = ReadOnlyLog.open(dir, NAME);
                    LogReader feed = fresh.reader(ChronicleLog.NO_INDEX)) {
                assertThat(readAll(feed)).as("nothing known forced").isEmpty();
                try (ChronicleLog log = ChronicleLog.open(dir, NAME, Durability.OS)) {
                    log.position().join();
                    assertThat(readAll(feed)).hasSize(2);
                }
            }
        }
        Files.write(mark, new byte[] {1, 2, 3}); // another size
        try (ReadOnlyLog fresh = ReadOnlyLog.open(dir, NAME);
                LogReader feed = fresh.reader(ChronicleLog.NO_INDEX)) {
            assertThat(readAll(feed)).isEmpty();
            try (ChronicleLog log = ChronicleLog.open(dir, NAME, Durability.OS)) {
                log.position().join();
                assertThat(Files.size(mark)).as("replaced whole").isEqualTo(ForcedMark.SIZE);
                assertThat(readAll(feed)).hasSize(2);
            }
        }
    }

    @Test
    void aTornPairReadsAsDamaged() throws IOException {
        ForcedMark.forWriter(dir, 7);
        ByteBuffer torn = ByteBuffer.allocate(ForcedMark.SIZE).order(ByteOrder.nativeOrder()).putLong(9).putLong(~7L);
        Files.write(dir.resolve(ForcedMark.FILE), torn.array()); // the value of one store, the complement of another
        assertThat(ForcedMark.forReader(dir).read()).isEqualTo(ForcedMark.DAMAGED);
        ForcedMark.forWriter(dir, 9);
        assertThat(ForcedMark.forReader(dir).read()).isEqualTo(9);
    }

    @Test
    void noMarkFileMeansNoLimit() {
        try (ChronicleLog log = ChronicleLog.open(dir, NAME)) {
            append(log, 1);
            try (ReadOnlyLog beside = ReadOnlyLog.open(dir, NAME);
                    LogReader feed = beside.reader(ChronicleLog.NO_INDEX)) {
                assertThat(readAll(feed)).hasSize(1);
                assertThat(dir.resolve(ForcedMark.FILE)).doesNotExist();
            }
        }
    }
}
