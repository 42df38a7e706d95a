package org.chasqui.benchmarks.load;

/**
 * Latencies in microseconds, log-linear buckets (64 per power of two, so within about 1.6%): small and
 * cheap enough to keep one per I/O thread and merge at the end. Not thread-safe.
 */
final class Histogram {

    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private final long[] counts = new long[64 * SUB];
    private long total;
    private long max;

    void record(long micros) {
        long v = Math.max(0, micros);
        counts[index(v)]++;
        total++;
        if (v > max) {
            max = v;
        }
    }

    void add(Histogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    long count() {
        return total;
    }

    long max() {
        return max;
    }

    /** The value at quantile {@code q} (0..1), the upper edge of its bucket, at most {@link #max()}. */
    long quantile(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank && counts[i] > 0) {
                return Math.min(max, upperEdge(i));
            }
        }
        return max;
    }

    private static int index(long v) {
        int bits = 64 - Long.numberOfLeadingZeros(v);
        if (bits <= SUB_BITS + 1) {
            return (int) v;
        }
        int shift = bits - SUB_BITS - 1;
        return shift * SUB + (int) (v >>> shift);
    }

    private static long upperEdge(int index) {
        if (index < 2 * SUB) {
            return index;
        }
        int shift = index / SUB - 1;
        long mantissa = index - shift * SUB;
        return ((mantissa + 1) << shift) - 1;
    }
}
