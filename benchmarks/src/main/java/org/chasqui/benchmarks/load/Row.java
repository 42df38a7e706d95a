package org.chasqui.benchmarks.load;

import java.util.Locale;

/**
 * One line of the results table.
 *
 * @param ops      operations completed in the measured phase (notifications delivered, messages
 *                 delivered, logins, registrations)
 * @param seconds  length of the measured phase
 * @param latency  per-operation latency (µs), or null
 * @param lost     operations sent and never received
 * @param dups     operations received more than once
 * @param cpuNanos server CPU time (user + system) over the measured phase; -1 if unknown
 * @param rssKib   server resident memory at the end of the phase; -1 if unknown
 */
record Row(String scenario, String size, long ops, double seconds, Histogram latency, long lost, long dups,
        long cpuNanos, long rssKib, String note) {

    static final String HEADER = "| scenario | size | ops | ops/s | latency p50 / p99 / max (ms) | lost / dup"
            + " | server CPU per op (µs) | server RSS (MiB) | notes |\n"
            + "|---|---|---:|---:|---|---|---:|---:|---|";

    String markdown() {
        String lat = latency == null || latency.count() == 0 ? "–"
                : ms(latency.quantile(0.5)) + " / " + ms(latency.quantile(0.99)) + " / " + ms(latency.max());
        String cpu = cpuNanos < 0 || ops == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", cpuNanos / 1000.0 / ops);
        String rss = rssKib < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", rssKib / 1024.0);
        return String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %s | %d / %d | %s | %s | %s |", scenario, size, ops,
                seconds > 0 ? ops / seconds : 0, lat, lost, dups, cpu, rss, note == null ? "" : note);
    }

    private static String ms(long micros) {
        return micros < 10_000 ? String.format(Locale.ROOT, "%.2f", micros / 1000.0)
                : String.format(Locale.ROOT, "%.0f", micros / 1000.0);
    }
}
