package org.chasqui.broker.c2s;

/**
 * Limits the bytes read per second on one connection (a fixed one-second window). When the budget
 * is spent the session pauses reading until the window ends, so a flooding client slows itself
 * down without harming others. Owned by the session's event loop.
 */
final class ReadThrottle {

    private final long bytesPerSecond;
    private long windowStartMillis;
    private long bytesInWindow;

    ReadThrottle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Counts a read; returns how many milliseconds reading should pause (0 for none). */
    long onRead(int bytes, long nowMillis) {
        if (nowMillis - windowStartMillis >= 1000) {
            windowStartMillis = nowMillis;
            bytesInWindow = 0;
        }
        bytesInWindow += bytes;
        if (bytesInWindow <= bytesPerSecond) {
            return 0;
        }
        long overflowWindows = (bytesInWindow - 1) / bytesPerSecond;
        return Math.max(1, windowStartMillis + overflowWindows * 1000 - nowMillis);
    }
}
