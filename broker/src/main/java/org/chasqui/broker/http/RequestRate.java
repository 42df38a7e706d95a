package org.chasqui.broker.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP requests per second per client address, counted in one-second windows. Shared by every
 * event loop's HTTP server; entries of quiet addresses are dropped by {@link #sweep}.
 */
final class RequestRate {

    private record Window(long second, int count) {
    }

    private final int perSecond;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    RequestRate(int perSecond) {
        this.perSecond = perSecond;
    }

    /** Counts a request from {@code address}; false if it is over the limit for the current second. */
    boolean tryAcquire(String address, long nowMillis) {
        long second = nowMillis / 1000;
        Window w = windows.compute(address, (a, old) ->
                old == null || old.second() != second ? new Window(second, 1) : new Window(second, old.count() + 1));
        return w.count() <= perSecond;
    }

    /** Forgets addresses with no request in the last two seconds. */
    void sweep(long nowMillis) {
        long second = nowMillis / 1000;
        windows.values().removeIf(w -> w.second() < second - 1);
    }
}
