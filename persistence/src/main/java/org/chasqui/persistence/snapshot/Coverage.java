package org.chasqui.persistence.snapshot;

import java.util.Arrays;
import org.chasqui.persistence.log.ChronicleLog;

/**
 * Which journal records a snapshot stands for. The records of a journal come from several owners
 * (shards) interleaved in one log, and each shard's part of a snapshot is taken on that shard at its
 * own moment; so a snapshot stores one journal position per shard: it holds exactly the records of a
 * shard's keys up to and including that shard's position, and none after it. A key (a user's
 * localpart, a pubsub service's shard key) belongs to shard {@code floorMod(key.hashCode(), shards)},
 * the rule the server's shards used when the snapshot was taken ({@link String#hashCode} is fixed by
 * the Java specification, so a later run with another number of shards still reads it right).
 */
public final class Coverage {

    private final long[] positions;

    private Coverage(long[] positions) {
        if (positions.length == 0) {
            throw new IllegalArgumentException("no shard");
        }
        this.positions = positions.clone();
    }

    /** Per shard, the index of the last record covered ({@link ChronicleLog#NO_INDEX}: none). */
    public static Coverage of(long... positions) {
        return new Coverage(positions);
    }

    /** The shard a key belonged to when the snapshot was taken with {@code shards} shards. */
    public static int shardOf(String key, int shards) {
        return Math.floorMod(key.hashCode(), shards);
    }

    public int shards() {
        return positions.length;
    }

    public long position(int shard) {
        return positions[shard];
    }

    /** Whether the record at {@code index} about {@code key} is already in the snapshot. */
    public boolean covers(String key, long index) {
        return index <= positions[shardOf(key, positions.length)];
    }

    /** The lowest position: every record at or before it is covered, whoever owns it. */
    public long min() {
        return Arrays.stream(positions).min().orElseThrow();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Coverage c && Arrays.equals(positions, c.positions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(positions);
    }

    @Override
    public String toString() {
        return "Coverage" + Arrays.toString(positions);
    }
}
