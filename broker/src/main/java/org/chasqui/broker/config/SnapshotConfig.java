package org.chasqui.broker.config;

/**
 * Journal snapshots (the {@code snapshots} section): a snapshot is the smallest set of records that
 * rebuilds the current state; a restart reads the newest one and only the journal after it, and
 * journal files the kept snapshots cover are deleted.
 *
 * @param intervalSeconds time between snapshots while the server runs; 0: none while it runs
 * @param keep            snapshots kept per journal; the journal files the oldest kept one covers are
 *                        deleted (at least 2 leaves one to fall back to if the newest is damaged)
 * @param onShutdown      take a snapshot at a clean stop, so the next start reads no journal tail
 */
public record SnapshotConfig(int intervalSeconds, int keep, boolean onShutdown) {

    public static final int DEFAULT_INTERVAL_SECONDS = 3600;
    public static final int DEFAULT_KEEP = 2;
    public static final boolean DEFAULT_ON_SHUTDOWN = true;

    public static final IntRange INTERVAL_SECONDS_RANGE = new IntRange(0, 7 * 86_400);
    public static final IntRange KEEP_RANGE = new IntRange(1, 100);

    public static final SnapshotConfig DEFAULTS =
            new SnapshotConfig(DEFAULT_INTERVAL_SECONDS, DEFAULT_KEEP, DEFAULT_ON_SHUTDOWN);

    public SnapshotConfig {
        INTERVAL_SECONDS_RANGE.check("snapshots.interval_seconds", intervalSeconds);
        KEEP_RANGE.check("snapshots.keep", keep);
    }

    public SnapshotConfig withIntervalSeconds(int value) {
        return new SnapshotConfig(value, keep, onShutdown);
    }

    public SnapshotConfig withKeep(int value) {
        return new SnapshotConfig(intervalSeconds, value, onShutdown);
    }

    public SnapshotConfig withOnShutdown(boolean value) {
        return new SnapshotConfig(intervalSeconds, keep, value);
    }
}
