package org.chasqui.benchmarks;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.config.PubSubConfig;
import org.chasqui.broker.pubsub.PubSubServices;
import org.chasqui.broker.users.UserShards;
import org.chasqui.persistence.log.Durability;
import org.chasqui.persistence.pubsub.PubSubJournal;
import org.chasqui.pubsub.Command;
import org.chasqui.pubsub.Facts;
import org.chasqui.pubsub.Item;
import org.chasqui.pubsub.NodeConfig;
import org.chasqui.pubsub.NodeDefaults;
import org.chasqui.pubsub.Outcome;
import org.chasqui.pubsub.PubSubRecord;
import org.chasqui.pubsub.Reply;
import org.chasqui.xmpp.jid.Jid;

/**
 * Restart time of the pubsub state with many items, from the whole journal and from a snapshot, the
 * heap the stored items take, and the cost of reading stored payloads (issue 5): random single items
 * and whole-node retrievals through the engine, on the service's shard, while the items refer to the
 * journal, after a snapshot (they refer to it), and after a restart from it. Not JMH: one restart is
 * seconds long and its first run is what an operator waits for. Run:
 * <pre>
 * java -Xmx6g [Chronicle flags] -cp benchmarks/target/benchmarks.jar org.chasqui.benchmarks.RestartBench [nodes] [items per node]
 * </pre>
 * The journal is written as yesterday's file, each item published twice (a re-publish replaces it), so
 * the history is twice the live data; a tail of 10,000 publishes is written today after the snapshot.
 */
public final class RestartBench {

    private static final String DOMAIN = "bench.example";
    private static final long DAY = 86_400_000L;
    private static final int TAIL = 10_000;
    private static final int READS = 200_000;
    private static final int RETRIEVALS = 2_000;

    private RestartBench() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int perNode = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path data = Files.createTempDirectory("chasqui-restart-bench");
        PubSubConfig settings = PubSubConfig.DEFAULTS;
        Jid service = Jid.domain("pubsub." + DOMAIN);
        Jid owner = Jid.parse("owner@" + DOMAIN);
        NodeConfig config = NodeDefaults.leaf(settings.limits()).toBuilder().maxItems(perNode).build();
        String payload = "<entry xmlns='http://www.w3.org/2005/Atom'><title>" + "x".repeat(100) + "</title></entry>";
        System.out.printf("# %d nodes x %d items = %d live items; payload %d bytes; each item published twice%n",
                nodes, perNode, (long) nodes * perNode, payload.getBytes(StandardCharsets.UTF_8).length);

        long started = System.nanoTime();
        long yesterday = System.currentTimeMillis() - DAY;
        long records = 0;
        try (PubSubJournal journal = PubSubJournal.open(ChasquiServer.pubsubDir(data), () -> yesterday)) {
            CompletableFuture<Void> last = null;
            for (int n = 0; n < nodes; n++) {
                journal.append(service, new PubSubRecord.NodeCreated("node" + n, config, owner, 1));
                records++;
            }
            for (int round = 0; round < 2; round++) {
                for (int n = 0; n < nodes; n++) {
                    for (int k = 0; k < perNode; k++) {
                        last = journal.append(service, new PubSubRecord.ItemPublished("node" + n,
                                new Item("item" + k, payload, owner, round)));
                        records++;
                    }
                    if (n % 100 == 0) {
                        last.join(); // bound the writer's queue
                    }
                }
            }
            last.join();
        }
        since("journal written", started, records + " records");
        note("disk after writing", du(data));

        Measured full = restart(data, settings);
        took("restart from the whole journal", full.nanosStart, full.detail());

        Vertx vertx = Vertx.vertx();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            full.services.attach(new UserShards(vertx, 2), Facts.NONE);
            reads(full.services, service, owner, nodes, perNode, "reads after the restart from the journal");
            long t = System.nanoTime();
            full.services.snapshot(1, worker).join();
            since("snapshot taken (keep 1)", t, du(data.resolve("pubsub").resolve("snapshots")) + " snapshot");
            reads(full.services, service, owner, nodes, perNode, "reads after the snapshot");
            full.services.close();
            try (PubSubJournal journal = PubSubJournal.open(ChasquiServer.pubsubDir(data))) {
                CompletableFuture<Void> last = null;
                for (int i = 0; i < TAIL; i++) {
                    last = journal.append(service, new PubSubRecord.ItemPublished("node" + (i % nodes),
                            new Item("item" + (i % perNode), payload, owner, 3)));
                }
                last.join();
            }
            Measured fromSnapshot = restart(data, settings);
            took("restart from snapshot + " + TAIL + " tail records", fromSnapshot.nanosStart,
                    fromSnapshot.detail());
            fromSnapshot.services.attach(new UserShards(vertx, 2), Facts.NONE);
            reads(fromSnapshot.services, service, owner, nodes, perNode, "reads after the restart from the snapshot");
            t = System.nanoTime();
            fromSnapshot.services.snapshot(1, worker).join();
            since("second snapshot (yesterday's journal file deleted)", t, du(data) + " on disk in all");
            fromSnapshot.services.close();
        } finally {
            worker.shutdown();
            vertx.close().toCompletionStage().toCompletableFuture().join();
            deleteTree(data);
        }
    }

    private record Measured(PubSubServices services, long nanosStart, long cpuNanos, long heapBytes) {
        String detail() {
            return String.format("(%.2f s CPU of the replaying thread) %d MB heap for the state", cpuNanos / 1e9,
                    heapBytes / 1_000_000);
        }
    }

    /** Wall time, and the replaying thread's CPU time: the machine may be shared, the CPU time says more. */
    private static Measured restart(Path data, PubSubConfig settings) {
        long before = usedHeap();
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long t = System.nanoTime();
        PubSubServices services = ChasquiServer.openPubSub(data, settings, DOMAIN, InstantSource.system(),
                Durability.PROCESS);
        long elapsed = System.nanoTime() - t;
        cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu;
        return new Measured(services, elapsed, cpu, usedHeap() - before);
    }

    /**
     * On the service's shard: {@link #READS} payloads of random items, twice over the same items (the
     * second pass finds the pages resident), then {@link #RETRIEVALS} retrievals of a random node's
     * items through the engine (XEP-0060 §6.5), which reads each payload once.
     */
    private static void reads(PubSubServices services, Jid address, Jid owner, int nodes, int perNode, String what) {
        CompletableFuture<String> done = new CompletableFuture<>();
        services.read(address, s -> {
            try {
                String[] nodeIds = new String[READS];
                String[] itemIds = new String[READS];
                Random random = new Random(42);
                for (int i = 0; i < READS; i++) {
                    nodeIds[i] = "node" + random.nextInt(nodes);
                    itemIds[i] = "item" + random.nextInt(perNode);
                }
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long[] nanos = new long[2];
                long[] cpu = new long[2];
                long chars = 0;
                for (int pass = 0; pass < 2; pass++) {
                    long c = threads.getCurrentThreadCpuTime();
                    long t = System.nanoTime();
                    for (int i = 0; i < READS; i++) {
                        chars += s.node(nodeIds[i]).item(itemIds[i]).payloadXml().length();
                    }
                    nanos[pass] = System.nanoTime() - t;
                    cpu[pass] = threads.getCurrentThreadCpuTime() - c;
                }
                long c = threads.getCurrentThreadCpuTime();
                long t = System.nanoTime();
                long items = 0;
                for (int i = 0; i < RETRIEVALS; i++) {
                    Outcome o = s.handle(new Command.GetItems(owner, "node" + random.nextInt(nodes), null, null, null),
                            Facts.NONE);
                    items += ((Reply.Items) o.reply()).detached().items().size(); // the reads the server does on a worker
                }
                long retrieval = System.nanoTime() - t;
                long retrievalCpu = threads.getCurrentThreadCpuTime() - c;
                done.complete(String.format("random payload %.2f us (CPU %.2f), again %.2f us (CPU %.2f); retrieval of"
                        + " %d items %.0f us (CPU %.0f), %.2f us per item%s", nanos[0] / 1e3 / READS, cpu[0] / 1e3 / READS,
                        nanos[1] / 1e3 / READS, cpu[1] / 1e3 / READS, items / RETRIEVALS, retrieval / 1e3 / RETRIEVALS,
                        retrievalCpu / 1e3 / RETRIEVALS, retrievalCpu / 1e3 / items, chars > 0 ? "" : "!"));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        note(what, done.join());
    }

    private static void since(String what, long startedNanos, String detail) {
        took(what, System.nanoTime() - startedNanos, detail);
    }

    private static void took(String what, long nanos, String detail) {
        System.out.printf("%-55s %8.2f s  %s%n", what, nanos / 1e9, detail);
    }

    private static void note(String what, String detail) {
        System.out.printf("%-55s %10s  %s%n", what, "", detail);
        System.out.flush();
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Disk blocks actually used (journal files are sparse and preallocated). */
    private static String du(Path p) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder("du", "-sh", p.toString()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        proc.waitFor();
        return out.split("\\s+")[0];
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
