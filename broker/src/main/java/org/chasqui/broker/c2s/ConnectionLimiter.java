package org.chasqui.broker.c2s;

import java.util.concurrent.ConcurrentHashMap;

/** Counts open connections per remote IP address, shared by all event loops. */
final class ConnectionLimiter {

    private final int maxPerAddress;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    ConnectionLimiter(int maxPerAddress) {
        this.maxPerAddress = maxPerAddress;
    }

    /** Takes a slot for the address, or returns false if it has used all of them. */
    boolean tryAcquire(String address) {
        boolean[] granted = new boolean[1];
        open.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            granted[0] = count < maxPerAddress;
            return granted[0] ? count + 1 : n;
        });
        return granted[0];
    }

    void release(String address) {
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }
}
