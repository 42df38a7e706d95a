package org.chasqui.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link ChronicleLog#read}: a record by the address its append or a reader gave, on any thread. */
class RandomReadTest {

    private static final long DAY = 86_400_000L;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis() - 10 * DAY);

    private static String text(Bytes<?> in) {
        byte[] data = new byte[(int) in.readRemaining()];
        in.read(data);
        return new String(data, StandardCharsets.UTF_8);
    }

    private static CompletableFuture<Long> append(ChronicleLog log, String text) {
        return log.appendAddressed(out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void eachRecordIsReadAtTheAddressItsAppendYieldedAndAReaderReports(Durability durability) throws Exception {
        List<Long> addresses = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (ChronicleLog log = ChronicleLog.open(dir, "test-journal", durability, clock::get)) {
            for (int day = 0; day < 3; day++) {
                for (int i = 0; i < 100; i++) {
                    String text = "day " + day + " record " + i + " " + "é".repeat(i);
                    texts.add(text);
                    addresses.add(append(log, text).join());
                }
                clock.addAndGet(DAY);
            }
            for (int i = addresses.size() - 1; i >= 0; i -= 7) { // backwards, across the three files
                assertThat(log.read(addresses.get(i), RandomReadTest::text)).isEqualTo(texts.get(i));
            }
            List<String> fromOtherThread = new ArrayList<>();
            Thread t = new Thread(() -> addresses.forEach(a -> fromOtherThread.add(log.read(a, RandomReadTest::text))));
            t.start();
            t.join();
            assertThat(fromOtherThread).isEqualTo(texts);

            List<Long> replayed = new ArrayList<>();
            try (LogReader reader = log.reader()) {
                reader.readAvailable(bytes -> replayed.add(reader.address()));
            }
            assertThat(replayed).isEqualTo(addresses);
        }
    }

    @Test
    void aRecordAppendedAfterTheFileWasMappedIsFoundToo() {
        try (ChronicleLog log = ChronicleLog.open(dir, "test-journal")) {
            long first = append(log, "first").join();
            assertThat(log.read(first, RandomReadTest::text)).isEqualTo("first"); // maps the file as it is now
            String big = "x".repeat(64 * 1024);
            long last = 0;
            for (int i = 0; i < 4000; i++) { // 256 MB: the file grows past what was mapped
                last = append(log, i + big).join();
            }
            assertThat(log.read(last, RandomReadTest::text)).isEqualTo(3999 + big);
            assertThat(log.read(first, RandomReadTest::text)).isEqualTo("first");
        }
    }

    @Test
    void recordsLargerThanAThreadKeepsAreReadWholeToo() {
        try (ChronicleLog log = ChronicleLog.open(dir, "test-journal")) {
            String large = "L".repeat(3 << 20);
            long small = append(log, "small").join();
            long big = append(log, large).join();
            assertThat(log.read(big, RandomReadTest::text)).isEqualTo(large);
            assertThat(log.read(small, RandomReadTest::text)).isEqualTo("small");
        }
    }

    @Test
    void aDeletedFileHasNoRecordsAndAClosedLogReadsNothing() {
        long old;
        long kept;
        ChronicleLog log = ChronicleLog.open(dir, "test-journal", Durability.PROCESS, clock::get);
        try {
            old = append(log, "old").join();
            assertThat(log.read(old, RandomReadTest::text)).isEqualTo("old");
            clock.addAndGet(DAY);
            kept = append(log, "kept").join();
            long keptIndex = log.position().join();
            assertThat(log.deleteCyclesBefore(keptIndex).join()).isEqualTo(1);
            assertThat(log.read(old, RandomReadTest::text)).isNull();
            assertThat(log.read(kept, RandomReadTest::text)).isEqualTo("kept");
        } finally {
            log.close();
        }
        assertThatThrownBy(() -> log.read(kept, RandomReadTest::text)).isInstanceOf(IllegalStateException.class);
    }
}
