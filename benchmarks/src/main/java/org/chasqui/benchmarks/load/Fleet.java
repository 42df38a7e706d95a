package org.chasqui.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Opens many connections with a bounded number of logins (or registrations) in flight, spread over
 * the I/O loops, and forwards what they hear to one scenario listener. Also the place where a
 * scenario waits for IQ replies: {@link #request} sends an IQ and blocks until its answer.
 */
final class Fleet implements XmppConnection.Listener, AutoCloseable {

    private final List<IoLoop> loops;
    private final Target target;
    private final String password;
    private final XmppConnection.Listener scenario;
    private final List<XmppConnection> connections = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, Consumer<Boolean>> waiting = new ConcurrentHashMap<>();
    private Semaphore inFlight;
    private CountDownLatch done;
    final Histogram setupLatency = new Histogram();

    Fleet(List<IoLoop> loops, Target target, String password, XmppConnection.Listener scenario) {
        this.loops = loops;
        this.target = target;
        this.password = password;
        this.scenario = scenario;
    }

    /**
     * Logs in (or registers) {@code users}, at most {@code concurrency} at a time, and waits for all.
     * Throws if any fails.
     */
    List<XmppConnection> open(List<String> users, XmppConnection.Mode mode, boolean presence, int concurrency)
            throws InterruptedException {
        inFlight = new Semaphore(concurrency);
        done = new CountDownLatch(users.size());
        List<XmppConnection> opened = new ArrayList<>();
        for (String user : users) {
            inFlight.acquire();
            if (!failures.isEmpty()) {
                break;
            }
            int i = connections.size();
            XmppConnection c = new XmppConnection(loops.get(i % loops.size()), i, target, user, password, mode,
                    presence, this);
            connections.add(c);
            opened.add(c);
            c.start();
        }
        while (!done.await(1, TimeUnit.SECONDS)) {
            if (!failures.isEmpty()) {
                break;
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " connection(s) failed, first: " + failures.peek());
        }
        return opened;
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Sends an IQ request with {@code id} on {@code c} and waits for its answer; true if a result. */
    boolean request(XmppConnection c, String id, String iq) throws InterruptedException {
        CountDownLatch answered = new CountDownLatch(1);
        boolean[] ok = new boolean[1];
        waiting.put(c.index + "/" + id, r -> {
            ok[0] = r;
            answered.countDown();
        });
        c.loop.execute(() -> c.send(iq));
        if (!answered.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no answer to " + id + " for " + c.user());
        }
        return ok[0];
    }

    @Override
    public void ready(XmppConnection c) {
        synchronized (setupLatency) {
            setupLatency.record((c.readyNanos - c.startNanos) / 1000);
        }
        inFlight.release();
        done.countDown();
        scenario.ready(c);
    }

    @Override
    public void failed(XmppConnection c, String why) {
        failures.add(why);
        if (inFlight != null) {
            inFlight.release();
        }
        scenario.failed(c, why);
    }

    @Override
    public void load(XmppConnection c, long seq, long sentNanos) {
        scenario.load(c, seq, sentNanos);
    }

    @Override
    public void iq(XmppConnection c, String id, boolean ok, String xml) {
        Consumer<Boolean> w = waiting.remove(c.index + "/" + id);
        if (w != null) {
            if (!ok) {
                System.err.println("error reply: " + xml);
            }
            w.accept(ok);
        } else {
            scenario.iq(c, id, ok, xml);
        }
    }

    @Override
    public void close() {
        connections.forEach(XmppConnection::close);
    }
}
