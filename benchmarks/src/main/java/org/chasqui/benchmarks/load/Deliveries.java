package org.chasqui.benchmarks.load;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a scenario's receivers got: each connection marks the sequence numbers it saw in its own
 * {@link BitSet} (its {@code attachment}, touched only on its I/O loop); a number seen twice is a
 * duplicate. Also the time of the last progress, for the stall clock.
 */
final class Deliveries {

    final LongAdder delivered = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final AtomicLong lastProgress = new AtomicLong(System.nanoTime());

    /**
     * Counts item {@code seq} received by {@code c} and records its latency from {@code sentNanos}; false
     * when it is a duplicate or {@code c} is not a counting receiver (no BitSet attached).
     */
    boolean received(XmppConnection c, long seq, long sentNanos, long baseNanos) {
        BitSet seen = (BitSet) c.attachment;
        if (seen == null) {
            return false;
        }
        if (seen.get((int) seq)) {
            duplicates.increment();
            return false;
        }
        seen.set((int) seq);
        long now = System.nanoTime();
        c.loop.recordLatency((now - baseNanos - sentNanos) / 1000);
        delivered.increment();
        lastProgress.set(now);
        return true;
    }
}
