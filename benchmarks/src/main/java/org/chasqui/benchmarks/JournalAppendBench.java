package org.chasqui.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.chasqui.persistence.log.Durability;
import org.chasqui.persistence.pubsub.PubSubJournal;
import org.chasqui.pubsub.Item;
import org.chasqui.pubsub.PubSubRecord;
import org.chasqui.xmpp.jid.Jid;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Journal appends of a published item (~200 bytes of payload) through the single writer thread of
 * the pubsub journal: {@code appendAndWait} is the latency-bound path one publish sees (append, then
 * the future completes); {@code appendPipelined} lets 64 appends be in flight, as a busy shard does.
 * {@code durability}: PROCESS completes once the record is in the mapped file (the OS writes back
 * when it likes); OS completes after an fdatasync of the cycle file, one per group of appends that
 * waited together (group commit), so pipelined appends share forces and waited-for ones do not.
 */
@State(Scope.Thread)
public class JournalAppendBench extends BenchmarkDefaults {

    private static final Jid SERVICE = Jid.parse("pubsub.bench.example");
    private static final Item ITEM = new Item("id", "<entry xmlns='http://www.w3.org/2005/Atom'><title>"
            + "x".repeat(160) + "</title></entry>", Jid.parse("owner@bench.example"), 1L);
    private static final PubSubRecord RECORD = new PubSubRecord.ItemPublished("news", ITEM);

    @Param({"PROCESS", "OS"})
    public Durability durability;

    private Path dir;
    private PubSubJournal journal;
    private final CompletableFuture<?>[] window = new CompletableFuture<?>[64];
    private int slot;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("chasqui-journal-bench");
        journal = PubSubJournal.open(dir, durability);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        journal.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public void appendAndWait() {
        journal.append(SERVICE, RECORD).join();
    }

    @Benchmark
    public void appendPipelined() {
        CompletableFuture<?> previous = window[slot];
        if (previous != null) {
            previous.join();
        }
        window[slot] = journal.append(SERVICE, RECORD);
        slot = (slot + 1) % window.length;
    }
}
