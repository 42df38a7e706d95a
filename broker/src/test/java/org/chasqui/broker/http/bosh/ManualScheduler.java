package org.chasqui.broker.http.bosh;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/** A {@link BoshScheduler} whose clock moves only when the test says so. */
final class ManualScheduler implements BoshScheduler {

    private record Timer(long due, Runnable task) {
    }

    private final TreeMap<Long, Timer> timers = new TreeMap<>();
    private final Deque<Runnable> soon = new ArrayDeque<>();
    private long now = 1_000_000;
    private long nextId = 1;

    @Override
    public long now() {
        return now;
    }

    @Override
    public long schedule(long delayMillis, Runnable task) {
        long id = nextId++;
        timers.put(id, new Timer(now + delayMillis, task));
        return id;
    }

    @Override
    public void cancel(long id) {
        timers.remove(id);
    }

    @Override
    public void soon(Runnable task) {
        soon.add(task);
    }

    /** Runs the tasks deferred to the end of the current turn. */
    void runSoon() {
        Runnable task;
        while ((task = soon.poll()) != null) {
            task.run();
        }
    }

    /** Moves the clock on, running every timer that falls due, in order. */
    void advance(long millis) {
        runSoon();
        long until = now + millis;
        while (true) {
            Map.Entry<Long, Timer> next = null;
            for (Map.Entry<Long, Timer> e : timers.entrySet()) {
                if (e.getValue().due() <= until && (next == null || e.getValue().due() < next.getValue().due())) {
                    next = e;
                }
            }
            if (next == null) {
                break;
            }
            timers.remove(next.getKey());
            now = Math.max(now, next.getValue().due());
            next.getValue().task().run();
            runSoon();
        }
        now = until;
    }

    int pendingTimers() {
        return timers.size();
    }
}
