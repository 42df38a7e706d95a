package org.chasqui.benchmarks;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.chasqui.pubsub.Command;
import org.chasqui.pubsub.Facts;
import org.chasqui.pubsub.NodeDefaults;
import org.chasqui.pubsub.Outcome;
import org.chasqui.pubsub.PubSubService;
import org.chasqui.pubsub.ServiceLimits;
import org.chasqui.xmpp.jid.Jid;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The engine's publish step (XEP-0060 §7.1): permission checks, the item record, and the recipient
 * list for 1, 100 and 10,000 subscribers of an open node — what a shard spends per publish before
 * the journal and the network. Operations per millisecond = publishes per millisecond.
 */
@State(Scope.Thread)
public class PublishFanoutBench extends BenchmarkDefaults {

    @Param({"1", "100", "10000"})
    public int subscribers;

    private PubSubService service;
    private final Jid owner = Jid.parse("owner@bench.example/feed");
    private final AtomicLong ids = new AtomicLong();
    private List<Command.NewItem> item;

    @Setup
    public void setUp() {
        ServiceLimits limits = new ServiceLimits(10, 262_144, 10, 1_000_000, 4);
        service = new PubSubService(Jid.parse("pubsub.bench.example"), limits, NodeDefaults.leaf(limits), true,
                () -> Instant.parse("2026-11-23T12:00:00Z"), () -> "id" + ids.incrementAndGet());
        service.handle(new Command.Create(owner, "news", null), Facts.NONE);
        for (int i = 0; i < subscribers; i++) {
            Jid s = Jid.parse("user" + i + "@bench.example");
            service.handle(new Command.Subscribe(s, "news", s, null), Facts.NONE);
        }
        item = List.of(new Command.NewItem(null,
                "<entry xmlns='http://www.w3.org/2005/Atom'><title>Breaking</title><id>tag:bench,2026:1</id></entry>"));
    }

    @Benchmark
    public Outcome publish() {
        Outcome o = service.handle(new Command.Publish(owner, "news", item, null), Facts.NONE);
        if (o.failed() || (subscribers > 0 && o.notifications().get(0).recipients().size() != subscribers)) {
            throw new IllegalStateException("unexpected outcome " + o.error());
        }
        return o;
    }
}
