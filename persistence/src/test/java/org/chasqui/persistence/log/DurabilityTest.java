package org.chasqui.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 'os' level forces appends to the device in groups before their futures complete. */
class DurabilityTest {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 500;

    @TempDir
    Path dir;

    @Test
    void concurrentAppendsAreForcedInGroupsAndCompleteOnlyAfterTheirForce() throws Exception {
        AtomicLong completedBeforeAnyForce = new AtomicLong();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        long groups;
        try (ChronicleLog log = ChronicleLog.open(dir, "test-journal", Durability.OS)) {
            ExecutorService callers = Executors.newFixedThreadPool(THREADS);
            List<Future<List<CompletableFuture<Void>>>> perThread = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                perThread.add(callers.submit(() -> {
                    List<CompletableFuture<Void>> mine = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        String text = thread + ":" + i;
                        CompletableFuture<Void> f = log.append(out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
                        // runs on the writer thread when the future completes: after its group's force
                        mine.add(f.thenRun(() -> {
                            if (log.forcedGroups() == 0) {
                                completedBeforeAnyForce.incrementAndGet();
                            }
                        }));
                    }
                    return mine;
                }));
            }
            for (Future<List<CompletableFuture<Void>>> f : perThread) {
                all.addAll(f.get());
            }
            callers.shutdown();
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            groups = log.forcedGroups();
        }
        assertThat(completedBeforeAnyForce).hasValue(0);
        assertThat(groups).as("group commit: fewer forces than appends").isBetween(1L, (long) THREADS * PER_THREAD - 1);

        try (ChronicleLog log = ChronicleLog.open(dir, "test-journal", Durability.OS)) {
            Map<Integer, Integer> next = new HashMap<>();
            int[] count = new int[1];
            try (LogReader reader = log.reader()) {
                reader.readAvailable(b -> {
                    String[] parts = b.toString().split(":");
                    int thread = Integer.parseInt(parts[0]);
                    int i = Integer.parseInt(parts[1]);
                    assertThat(i).as("each caller's appends keep their order").isEqualTo(next.getOrDefault(thread, 0));
                    next.put(thread, i + 1);
                    count[0]++;
                });
            }
            assertThat(count[0]).isEqualTo(THREADS * PER_THREAD);
        }
    }

    @Test
    void theProcessLevelNeverForces() throws Exception {
        try (ChronicleLog log = ChronicleLog.open(dir, "test-journal")) {
            assertThat(log.durability()).isEqualTo(Durability.PROCESS);
            log.append(out -> out.writeInt(1)).join();
            assertThat(log.forcedGroups()).isZero();
        }
    }

    @Test
    void closeWaitsForTheAppendsStillQueued() {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        try (ChronicleLog log = ChronicleLog.open(dir, "test-journal", Durability.OS)) {
            for (int i = 0; i < 200; i++) {
                futures.add(log.append(out -> out.writeInt(7)));
            }
        }
        assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted().isNotCompletedExceptionally());
        try (ChronicleLog log = ChronicleLog.open(dir, "test-journal")) {
            assertThat(log.append(out -> out.writeInt(8))).succeedsWithin(java.time.Duration.ofSeconds(10));
        }
    }

    @Test
    void positionCoversExactlyTheAppendsRequestedBeforeItAndCompletesAfterTheirFutures() throws Exception {
        List<CompletableFuture<Void>> before = new ArrayList<>();
        boolean[] allDoneAtPosition = new boolean[1];
        long position;
        try (ChronicleLog log = ChronicleLog.open(dir, "test-journal", Durability.OS)) {
            ExecutorService other = Executors.newSingleThreadExecutor(); // another shard, appending meanwhile
            Future<?> noise = other.submit(() -> {
                for (int i = 0; i < 2000; i++) {
                    String text = "x:" + i;
                    log.append(out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
                }
            });
            for (int i = 0; i < 200; i++) {
                String text = "a:" + i;
                before.add(log.append(out -> out.write(text.getBytes(StandardCharsets.UTF_8))));
            }
            CompletableFuture<Long> pos = log.position().whenComplete((p, e) ->
                    allDoneAtPosition[0] = before.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally()));
            for (int i = 0; i < 10; i++) {
                String text = "b:" + i;
                log.append(out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
            }
            position = pos.join();
            noise.get();
            other.shutdown();
            log.append(out -> out.write("end".getBytes(StandardCharsets.UTF_8))).join();
        }
        assertThat(allDoneAtPosition[0]).as("the futures of the appends before it completed first").isTrue();

        Map<String, Long> index = new HashMap<>();
        try (ChronicleLog log = ChronicleLog.open(dir, "test-journal");
                LogReader reader = log.reader()) {
            reader.readAvailable((i, b) -> index.put(b.toString(), i));
        }
        assertThat(position).isGreaterThanOrEqualTo(index.get("a:199")).isLessThan(index.get("b:0"));
    }
}
