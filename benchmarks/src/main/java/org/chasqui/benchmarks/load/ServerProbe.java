package org.chasqui.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the server process has spent, from Linux's /proc: CPU time (utime + stime of
 * /proc/&lt;pid&gt;/stat, in clock ticks) and resident memory (VmRSS of /proc/&lt;pid&gt;/status).
 * With no pid (pid &lt;= 0) every reading is -1 and the report says n/a.
 */
final class ServerProbe {

    private final long pid;
    private final long ticksPerSecond;
    /** Whether the server is a JVM (libjvm.so mapped), once known. */
    private Boolean jvm;

    ServerProbe(long pid, long ticksPerSecond) {
        this.pid = pid;
        this.ticksPerSecond = ticksPerSecond;
    }

    boolean present() {
        return pid > 0;
    }

    /** CPU time used so far (user + system), in nanoseconds; -1 without a pid. */
    long cpuNanos() {
        long[] split = cpuSplitNanos();
        return split[0] < 0 ? -1 : split[0] + split[1];
    }

    /** CPU time used so far in user and in system (kernel) mode, in nanoseconds; -1s without a pid. */
    long[] cpuSplitNanos() {
        if (pid <= 0) {
            return new long[] {-1, -1};
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: split after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[11]); // field 14
            long stime = Long.parseLong(f[12]); // field 15
            return new long[] {utime * 1_000_000_000L / ticksPerSecond, stime * 1_000_000_000L / ticksPerSecond};
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat: " + e);
        }
    }

    /**
     * CPU time (user + system, ns) of the server's threads so far, summed by kind from each thread's name in
     * /proc/&lt;pid&gt;/task/*&#47;stat: "event loops" (Vert.x event loops and acceptor), "JIT" (compiler
     * threads), "GC" (G1 and GC worker threads), "other" (workers, journals, everything else). Threads that
     * ended meanwhile are missing, so take differences over a phase as a split, not as the total. Empty
     * without a pid.
     */
    java.util.Map<String, Long> cpuByThreadKind() {
        java.util.Map<String, Long> kinds = new java.util.TreeMap<>();
        if (pid <= 0) {
            return kinds;
        }
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ns = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1_000_000_000L / ticksPerSecond;
                kinds.merge(kindOf(name), ns, Long::sum);
            }
        } catch (IOException e) {
            return kinds;
        }
        return kinds;
    }

    private static String kindOf(String thread) {
        if (thread.startsWith("vert.x-eventloo") || thread.startsWith("vert.x-accepto")) {
            return "event loops";
        }
        if (thread.contains("CompilerThre")) {
            return "JIT";
        }
        if (thread.startsWith("GC Thread") || thread.startsWith("G1 ")) {
            return "GC";
        }
        return "other";
    }

    /** "; by thread (µs/op): event loops 120, JIT 80, ..." for the difference of two readings. */
    static String split(java.util.Map<String, Long> before, java.util.Map<String, Long> after, long ops) {
        if (after.isEmpty() || ops <= 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder("; by thread (µs/op):");
        String sep = " ";
        for (var e : after.entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            sb.append(sep).append(e.getKey()).append(' ').append(Math.round(d / 1000.0 / ops));
            sep = ", ";
        }
        return sb.toString();
    }

    /**
     * Live Java heap in KiB after a full collection, for a JVM server (jcmd GC.run, then
     * GC.heap_info); -1 if that is not possible (no pid, not a JVM, no jcmd). RSS alone says little
     * about a JVM's memory per connection: the heap it has already committed hides the growth.
     * Only a process that has libjvm mapped is asked: jcmd's attach sends SIGQUIT, which ends an
     * Erlang VM (ejabberd) and most other processes.
     */
    long liveHeapKib() {
        if (pid <= 0 || !isJvm()) {
            return -1;
        }
        try {
            jcmd("GC.run");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("heap\\s+total \\d+K, used (\\d+)K")
                    .matcher(jcmd("GC.heap_info"));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Writes the server's class histogram of live objects (jcmd GC.class_histogram, a full GC) to {@code file}. */
    void histogram(Path file) {
        if (pid <= 0 || !isJvm()) {
            return;
        }
        try {
            Files.writeString(file, jcmd("GC.class_histogram"));
        } catch (IOException e) {
            System.err.println("no histogram: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isJvm() {
        if (jvm == null) {
            try (java.util.stream.Stream<String> maps = Files.lines(Path.of("/proc", Long.toString(pid), "maps"))) {
                jvm = maps.anyMatch(line -> line.endsWith("/libjvm.so"));
            } catch (IOException | java.io.UncheckedIOException e) {
                jvm = false;
            }
        }
        return jvm;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        String javaHome = System.getProperty("java.home");
        Process p = new ProcessBuilder(Path.of(javaHome, "bin", "jcmd").toString(), Long.toString(pid), command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** Resident set size in KiB; -1 without a pid. */
    long rssKib() {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/status: " + e);
        }
    }
}
