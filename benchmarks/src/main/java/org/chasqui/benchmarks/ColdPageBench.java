package org.chasqui.benchmarks;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;

/**
 * What a stored payload read costs when its page is not in memory (issue 5): payloads are read from
 * memory-mapped journal and snapshot files on the service's shard, an event loop, and a page that the
 * kernel evicted (memory pressure) is a page fault served by a disk read, which the loop waits for.
 * Resident pages cost what {@code RestartBench} measures (1-3 µs per payload); this measures the fault:
 * a file of the given size is written, the page cache is dropped ({@code /proc/sys/vm/drop_caches},
 * needs root; without it the run says so and measures warm pages), the file is mapped read-only as the
 * server maps its files, and single bytes are read at random offsets, each read timed on its own; then
 * the same offsets again (now resident). Not JMH: the first touch of each page is the measurement. Run:
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.chasqui.benchmarks.ColdPageBench [MiB] [reads] [dir]
 * </pre>
 */
public final class ColdPageBench {

    private ColdPageBench() {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int reads = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Path dir = args.length > 2 ? Path.of(args[2]) : Path.of(System.getProperty("java.io.tmpdir"));
        Path file = Files.createTempFile(dir, "chasqui-cold", ".bin");
        try {
            write(file, mib);
            boolean dropped = dropPageCache();
            System.out.printf("# %d MiB file in %s, %d random single-byte reads; page cache %s%n", mib, dir, reads,
                    dropped ? "dropped before the first pass" : "NOT dropped (not permitted): both passes are warm");
            try (FileChannel ch = FileChannel.open(file)) {
                MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
                int[] offsets = new Random(42).ints(reads, 0, map.capacity()).toArray();
                System.out.println("first touch   " + pass(map, offsets));
                System.out.println("same offsets  " + pass(map, offsets));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void write(Path file, int mib) throws IOException {
        byte[] chunk = new byte[1 << 20];
        new Random(1).nextBytes(chunk);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (int i = 0; i < mib; i++) {
                ch.write(java.nio.ByteBuffer.wrap(chunk));
            }
            ch.force(true); // written back, so dropping the cache really empties it
        }
    }

    private static boolean dropPageCache() {
        try {
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "1");
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static String pass(MappedByteBuffer map, int[] offsets) {
        long[] nanos = new long[offsets.length];
        long sum = 0;
        for (int i = 0; i < offsets.length; i++) {
            long t = System.nanoTime();
            sum += map.get(offsets[i]);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        int n = nanos.length;
        return String.format("p50 %8.1f us  p90 %8.1f us  p99 %8.1f us  max %8.1f us  total %6.1f ms%s",
                nanos[n / 2] / 1e3, nanos[n * 9 / 10] / 1e3, nanos[n * 99 / 100] / 1e3, nanos[n - 1] / 1e3,
                Arrays.stream(nanos).sum() / 1e6, sum == Long.MIN_VALUE ? "!" : "");
    }
}
