package org.chasqui.persistence.log;

import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Run in a child JVM by {@link KilledWriterTest}: appends records of about 1 MiB whose encoder
 * writes 64 KiB at a time with a pause in between, so that most of the time an append is in
 * progress when the process is killed. Record n: seq (long), length (int), then length bytes of
 * {@link #expected(long, int)}. It goes on numbering from the records already there.
 */
public final class SlowWriter {

    static final int CHUNK = 64 * 1024;

    private SlowWriter() {
    }

    static byte expected(long seq, int i) {
        return (byte) (seq * 31 + i * 7);
    }

    public static void main(String[] args) throws Exception {
        try (ChronicleLog log = ChronicleLog.open(Path.of(args[0]), KilledWriterTest.NAME,
                Durability.valueOf(args[1]))) {
            long seq;
            try (LogReader reader = log.reader()) {
                seq = reader.readAvailable(b -> { });
            }
            System.out.println("started at " + seq);
            System.out.flush();
            for (; ; seq++) {
                long n = seq;
                int length = 16 * CHUNK + (int) (n % 7) * 1000;
                log.append(out -> write(out, n, length)).join();
            }
        }
    }

    private static void write(Bytes<?> out, long seq, int length) {
        out.writeLong(seq);
        out.writeInt(length);
        for (int i = 0; i < length; i++) {
            out.writeByte(expected(seq, i));
            if (i % CHUNK == CHUNK - 1) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
