package org.chasqui.broker.http;

import java.util.concurrent.atomic.AtomicInteger;

/** The bound on open WebSocket and BOSH sessions together ({@code http.max_sessions}). */
public final class SessionSlots {

    private final int max;
    private final AtomicInteger used = new AtomicInteger();

    public SessionSlots(int max) {
        this.max = max;
    }

    /** Takes a slot; false when all are taken. */
    public boolean tryAcquire() {
        while (true) {
            int n = used.get();
            if (n >= max) {
                return false;
            }
            if (used.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    public void release() {
        used.decrementAndGet();
    }

    public int inUse() {
        return used.get();
    }
}
