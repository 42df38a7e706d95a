package org.chasqui.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The scenarios of issue 9. Each opens its own connections, measures one phase between two readings
 * of the server's CPU time, and closes them again. Accounts are {@code <prefix><i>} (and
 * {@code <prefix>pub} for the publisher), all with the same password.
 */
final class Scenarios {

    static final long BASE_NANOS = System.nanoTime();
    private static final String PUBSUB_NS = "http://jabber.org/protocol/pubsub";
    /** A run that makes no progress for this long is ended and what is missing is counted lost. */
    private final long stallMillis;

    private final List<IoLoop> loops;
    private final Target target;
    private final String prefix;
    private final String password;
    private final ServerProbe probe;
    private final int payloadBytes;
    private final int concurrency;
    /** Where login scenarios write the server's class histograms before and while holding (null: none). */
    private java.nio.file.Path histograms;
    /** The first account no scenario has logged in with PLAIN yet: where the next {@code login:N} starts. */
    private int nextFresh;

    Scenarios(List<IoLoop> loops, Target target, String prefix, String password, ServerProbe probe,
            int payloadBytes, int concurrency, long stallMillis) {
        this.stallMillis = stallMillis;
        this.loops = loops;
        this.target = target;
        this.prefix = prefix;
        this.password = password;
        this.probe = probe;
        this.payloadBytes = payloadBytes;
        this.concurrency = concurrency;
    }

    /**
     * Accounts from {@code first} on are used by {@code login:N} scenarios only, each taking the next N, so
     * that a first PLAIN login is measured even where the server remembers verified passwords.
     */
    void firstLoginsFrom(int first) {
        nextFresh = first;
    }

    void histogramsTo(java.nio.file.Path dir) {
        histograms = dir;
    }

    List<String> users(int from, int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    // ---- accounts ----

    /** XEP-0077 registration of {@code count} accounts plus the publisher (existing ones are kept). */
    Row register(int count) throws InterruptedException {
        List<String> names = users(0, count);
        names.add(prefix + "pub");
        try (Fleet fleet = new Fleet(loops, target, password, new XmppConnection.Listener() { })) {
            long cpu0 = probe.cpuNanos();
            long t0 = System.nanoTime();
            fleet.open(names, XmppConnection.Mode.REGISTER, false, concurrency);
            double secs = (System.nanoTime() - t0) / 1e9;
            return new Row("register (XEP-0077)", Integer.toString(names.size()), names.size(), secs,
                    fleet.setupLatency, 0, 0, delta(cpu0), probe.rssKib(), "setup; an existing account counts as done");
        }
    }

    // ---- (c) login ----

    /** How a login scenario logs in: PLAIN with accounts not logged in before, PLAIN again, SCRAM-SHA-1. */
    enum LoginKind { FIRST, AGAIN, SCRAM }

    /**
     * N clients connect, authenticate, bind and send initial presence, {@code concurrency} at a time; then
     * they stay idle for {@code idle} and the growth of the server's RSS per connection is reported in a
     * second row. FIRST takes accounts no PLAIN login of this run has used yet; AGAIN and SCRAM use the
     * first N accounts after an unmeasured pass of the same logins (for SCRAM, where the client derives
     * and keeps each account's salted password; for AGAIN, so the server has seen these passwords).
     */
    List<Row> login(int n, Duration idle, LoginKind kind) throws InterruptedException {
        XmppConnection.Mode mode = kind == LoginKind.SCRAM ? XmppConnection.Mode.LOGIN_SCRAM : XmppConnection.Mode.LOGIN;
        List<String> names;
        if (kind == LoginKind.FIRST) {
            names = users(nextFresh, n);
            nextFresh += n;
        } else {
            names = users(0, n);
            try (Fleet warm = new Fleet(loops, target, password, new XmppConnection.Listener() { })) {
                warm.open(names, mode, false, concurrency);
            }
        }
        // Connections closed just before (the warm pass, the previous scenario) stay reachable from the
        // server's forced-close timers for 5 s; measuring the heap earlier counts them.
        Thread.sleep(6000);
        try (Fleet fleet = new Fleet(loops, target, password, new XmppConnection.Listener() { })) {
            String histogramName = "histogram-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + n + "-";
            if (histograms != null) {
                probe.histogram(histograms.resolve(histogramName + "before.txt"));
            }
            long heap0 = probe.liveHeapKib();
            long rss0 = probe.rssKib();
            var threads0 = probe.cpuByThreadKind();
            long[] split0 = probe.cpuSplitNanos();
            long cpu0 = split0[0] < 0 ? -1 : split0[0] + split0[1];
            long wall0 = System.currentTimeMillis();
            long t0 = System.nanoTime();
            fleet.open(names, mode, true, concurrency);
            double secs = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(1000); // let the presence broadcasts finish
            var threads1 = probe.cpuByThreadKind();
            long[] split1 = probe.cpuSplitNanos();
            long cpu1 = split1[0] + split1[1];
            phase("login " + kind + " " + n, wall0);
            String what = switch (kind) {
                case FIRST -> "PLAIN";
                case AGAIN -> "PLAIN again";
                case SCRAM -> "SCRAM-SHA-1";
            };
            String note = switch (kind) {
                case FIRST -> "; accounts not logged in before by this run";
                case AGAIN -> "; the same accounts logged in with PLAIN in an unmeasured first pass";
                case SCRAM -> "; client keys derived in an unmeasured first pass";
            };
            Row login = new Row("login (connect+" + what + "+bind+presence)", Integer.toString(n), n, secs,
                    fleet.setupLatency, 0, 0, cpu0 < 0 ? -1 : cpu1 - cpu0, probe.rssKib(),
                    concurrency + " in flight; CPU includes 1 s settle" + sysShare(split0, split1)
                    + ServerProbe.split(threads0, threads1, n) + note
                    + (target.sources() > 1 ? "; from " + target.sources() + " source addresses" : ""));
            Thread.sleep(idle.toMillis());
            long cpu2 = probe.cpuNanos();
            long rss1 = probe.rssKib();
            long heap1 = heap0 < 0 ? -1 : probe.liveHeapKib();
            if (histograms != null) {
                probe.histogram(histograms.resolve(histogramName + "held.txt"));
            }
            String heap = heap0 < 0 ? "" : String.format(java.util.Locale.ROOT,
                    "; live heap after full GC %.1f KiB per connection (%d → %d MiB)", (heap1 - heap0) / (double) n,
                    heap0 / 1024, heap1 / 1024);
            String perConn = rss0 < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f KiB per connection",
                    (rss1 - rss0) / (double) n);
            String idleCpu = cpu1 < 0 ? "" : String.format(java.util.Locale.ROOT, "; idle CPU %.1f ms/s",
                    (cpu2 - cpu1) / 1e6 / (idle.toMillis() / 1000.0));
            Row held = new Row("idle connections (RSS growth)", Integer.toString(n), 0, 0, null, 0,
                    fleet.failures().size(), -1, rss1, perConn + idleCpu + " (RSS " + rss0 / 1024 + " → "
                    + rss1 / 1024 + " MiB)" + heap);
            return List.of(login, held);
        }
    }

    /**
     * N logins over STARTTLS with a full TLS handshake and SCRAM-SHA-256, on blocking sockets 8 at a time,
     * after an unmeasured pass of the same logins in which the client derives its keys.
     */
    Row loginTls(int n) throws InterruptedException {
        List<String> names = users(0, n);
        try (TlsLogins warm = new TlsLogins(target, password)) {
            warm.run(names, 8);
            if (!warm.failures().isEmpty()) {
                throw new IllegalStateException(warm.failures().size() + " TLS logins failed, first: "
                        + warm.failures().get(0));
            }
        }
        Thread.sleep(2000);
        try (TlsLogins logins = new TlsLogins(target, password)) {
            var threads0 = probe.cpuByThreadKind();
            long[] split0 = probe.cpuSplitNanos();
            long cpu0 = split0[0] < 0 ? -1 : split0[0] + split0[1];
            long wall0 = System.currentTimeMillis();
            long t0 = System.nanoTime();
            logins.run(names, 8);
            double secs = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(1000);
            var threads1 = probe.cpuByThreadKind();
            long[] split1 = probe.cpuSplitNanos();
            long cpu1 = split1[0] + split1[1];
            phase("login TLS " + n, wall0);
            List<String> failed = logins.failures();
            return new Row("login (connect+STARTTLS+SCRAM-SHA-256+bind+presence)", Integer.toString(n), n - failed.size(),
                    secs, logins.latency, 0, 0, cpu0 < 0 ? -1 : cpu1 - cpu0, probe.rssKib(),
                    "8 in flight, blocking client; full TLS handshake each (no resumption); CPU includes 1 s settle"
                    + sysShare(split0, split1) + ServerProbe.split(threads0, threads1, n)
                    + "; client keys derived in an unmeasured first pass"
                    + (failed.isEmpty() ? "" : "; " + failed.size() + " failed, first: " + failed.get(0)));
        }
    }

    // ---- (b) messages ----

    /**
     * K senders each send to their own receiver ({@code <message type='chat'>} to the receiver's full
     * JID), at most {@code window} messages per pair not yet received, for {@code duration}.
     */
    Row messages(int pairs, int window, Duration duration) throws InterruptedException {
        Deliveries got = new Deliveries();
        AtomicLong sent = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        XmppConnection[][] pair = new XmppConnection[pairs][2];
        long[] nextSeq = new long[pairs];
        XmppConnection.Listener listener = new XmppConnection.Listener() {
            @Override
            public void load(XmppConnection c, long seq, long sentNanos) {
                if (!got.received(c, seq, sentNanos, BASE_NANOS)) {
                    return;
                }
                int p = c.index - pairs;
                XmppConnection s = pair[p][0];
                s.loop.execute(() -> sendMessage(s, pair[p][1], p, nextSeq, sent, stop));
            }
        };
        try (Fleet fleet = new Fleet(loops, target, password, listener)) {
            List<XmppConnection> conns = fleet.open(users(0, 2 * pairs), XmppConnection.Mode.LOGIN, true, concurrency);
            for (int p = 0; p < pairs; p++) {
                pair[p][0] = conns.get(p);
                pair[p][1] = conns.get(pairs + p);
                pair[p][1].attachment = new BitSet();
            }
            Thread.sleep(500);
            loops.forEach(IoLoop::takeLatency);
            long[] split0 = probe.cpuSplitNanos();
            long cpu0 = split0[0] < 0 ? -1 : split0[0] + split0[1];
            long wall0 = System.currentTimeMillis();
            long t0 = System.nanoTime();
            got.lastProgress.set(t0); // the stall clock starts with the phase, not with the set-up
            for (int p = 0; p < pairs; p++) {
                XmppConnection s = pair[p][0];
                int pp = p;
                s.loop.execute(() -> {
                    for (int i = 0; i < window; i++) {
                        sendMessage(s, pair[pp][1], pp, nextSeq, sent, stop);
                    }
                });
            }
            Thread.sleep(duration.toMillis());
            stop.set(true);
            long t1 = drain(() -> got.delivered.sum() + got.duplicates.sum() >= sent.get(), got.lastProgress);
            long[] split1 = probe.cpuSplitNanos();
            long cpu1 = split1[0] + split1[1];
            phase("messages " + pairs, wall0);
            Histogram latency = merged();
            long lost = sent.get() - got.delivered.sum();
            return new Row("messages (chat, full JID)", pairs + " pairs, window " + window, got.delivered.sum(),
                    (t1 - t0) / 1e9, latency, lost, got.duplicates.sum(), cpu0 < 0 ? -1 : cpu1 - cpu0, probe.rssKib(),
                    sent.get() + " sent" + sysShare(split0, split1) + failures(fleet));
        }
    }

    private void sendMessage(XmppConnection from, XmppConnection to, int p, long[] nextSeq, AtomicLong sent,
            java.util.concurrent.atomic.AtomicBoolean stop) {
        if (stop.get()) {
            return;
        }
        long seq = nextSeq[p]++;
        sent.incrementAndGet();
        from.send("<message to='" + to.jid() + "' type='chat' id='m" + seq + "'><body>"
                + markerText(seq, payloadBytes - 13) + "</body></message>");
    }

    // ---- (a) fan-out ----

    /**
     * One publisher, N subscribers (bare JIDs, with initial presence) of a new persistent node. At most
     * {@code window} publishes are outstanding — a publish is outstanding until its IQ result has come
     * back and every subscriber has received its notification — for {@code duration} or
     * {@code maxPublishes}. With {@code intervalMillis} > 0 the publisher waits that long between
     * publishes (window 1: one publish at a time to an otherwise idle server).
     */
    Row fanout(int n, int window, Duration duration, int maxPublishes, long intervalMillis, String label)
            throws InterruptedException {
        String node = "load-" + n + "-w" + window + "-" + Long.toString(System.currentTimeMillis(), 36);
        int ring = Integer.highestOneBit(Math.max(window, 1) * 1024) * 2;
        AtomicIntegerArray remaining = new AtomicIntegerArray(ring);
        Semaphore permits = new Semaphore(window);
        Deliveries got = new Deliveries();
        LongAdder publishErrors = new LongAdder();
        AtomicLong completed = new AtomicLong();
        XmppConnection.Listener listener = new XmppConnection.Listener() {
            @Override
            public void load(XmppConnection c, long seq, long sentNanos) {
                if (got.received(c, seq, sentNanos, BASE_NANOS)) {
                    countDown(seq);
                }
            }

            @Override
            public void iq(XmppConnection c, String id, boolean ok, String xml) {
                if (id == null || !id.startsWith("p")) {
                    return;
                }
                long seq = Long.parseLong(id.substring(1));
                if (!ok) {
                    publishErrors.increment();
                    System.err.println("publish error: " + xml);
                    remaining.set((int) (seq & (ring - 1)), 1);
                }
                countDown(seq);
            }

            private void countDown(long seq) {
                if (remaining.decrementAndGet((int) (seq & (ring - 1))) == 0) {
                    completed.incrementAndGet();
                    permits.release();
                }
            }
        };
        try (Fleet fleet = new Fleet(loops, target, password, listener)) {
            XmppConnection publisher = fleet.open(List.of(prefix + "pub"), XmppConnection.Mode.LOGIN, false, 1).get(0);
            if (!fleet.request(publisher, "create", createNode(node))) {
                throw new IllegalStateException("cannot create node " + node);
            }
            List<XmppConnection> subscribers = fleet.open(users(0, n), XmppConnection.Mode.LOGIN, true, concurrency);
            subscribe(fleet, subscribers, node);
            subscribers.forEach(s -> s.attachment = new BitSet());
            Thread.sleep(500);
            loops.forEach(IoLoop::takeLatency);
            long[] split0 = probe.cpuSplitNanos();
            long cpu0 = split0[0] < 0 ? -1 : split0[0] + split0[1];
            long wall0 = System.currentTimeMillis();
            long t0 = System.nanoTime();
            got.lastProgress.set(t0); // the stall clock starts with the phase, not with the set-up
            long deadline = t0 + duration.toNanos();
            long published = 0;
            while (published < maxPublishes && System.nanoTime() < deadline) {
                if (!permits.tryAcquire(stallMillis, TimeUnit.MILLISECONDS)) {
                    break; // stalled: notifications lost
                }
                if (intervalMillis > 0) {
                    Thread.sleep(intervalMillis);
                }
                long seq = published++;
                remaining.set((int) (seq & (ring - 1)), n + 1);
                String iq = publish(node, seq);
                publisher.loop.execute(() -> publisher.send(iq));
            }
            long total = published;
            long t1 = drain(() -> completed.get() >= total, got.lastProgress);
            long[] split1 = probe.cpuSplitNanos();
            long cpu1 = split1[0] + split1[1];
            phase(label + " " + n + "/" + window, wall0);
            Histogram latency = merged();
            long lost = total * n - got.delivered.sum();
            String note = (window == 1 && intervalMillis > 0 ? "idle server, " + intervalMillis + " ms between publishes; "
                    : "") + total + " publishes" + (publishErrors.sum() > 0 ? ", " + publishErrors.sum() + " errors" : "")
                    + sysShare(split0, split1) + failures(fleet);
            return new Row(label, n + " subscribers, window " + window, got.delivered.sum(), (t1 - t0) / 1e9, latency,
                    lost, got.duplicates.sum(), cpu0 < 0 ? -1 : cpu1 - cpu0, probe.rssKib(), note);
        }
    }

    private void subscribe(Fleet fleet, List<XmppConnection> subscribers, String node) throws InterruptedException {
        // one at a time per connection, all connections in parallel
        List<Thread> threads = new ArrayList<>();
        int parts = Math.min(concurrency, subscribers.size());
        for (int t = 0; t < parts; t++) {
            int start = t;
            Thread th = new Thread(() -> {
                try {
                    for (int i = start; i < subscribers.size(); i += parts) {
                        XmppConnection s = subscribers.get(i);
                        String bare = s.jid().substring(0, s.jid().indexOf('/'));
                        String iq = "<iq type='set' to='" + target.pubsub() + "' id='sub'><pubsub xmlns='" + PUBSUB_NS
                                + "'><subscribe node='" + node + "' jid='" + bare + "'/></pubsub></iq>";
                        if (!fleet.request(s, "sub", iq)) {
                            throw new IllegalStateException("subscription refused for " + bare);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
    }

    /** XEP-0060 §8.1.3 create-and-configure: persistent items, open access, no last item on subscribe. */
    private String createNode(String node) {
        return "<iq type='set' to='" + target.pubsub() + "' id='create'><pubsub xmlns='" + PUBSUB_NS + "'>"
                + "<create node='" + node + "'/><configure><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#node_config</value></field>"
                + "<field var='pubsub#persist_items'><value>1</value></field>"
                + "<field var='pubsub#max_items'><value>100</value></field>"
                + "<field var='pubsub#access_model'><value>open</value></field>"
                + "<field var='pubsub#deliver_payloads'><value>1</value></field>"
                + "<field var='pubsub#send_last_published_item'><value>never</value></field>"
                + "</x></configure></pubsub></iq>";
    }

    private String publish(String node, long seq) {
        String open = "<load xmlns='urn:chasqui:load'>";
        String text = markerText(seq, payloadBytes - open.length() - "</load>".length());
        return "<iq type='set' to='" + target.pubsub() + "' id='p" + seq + "'><pubsub xmlns='" + PUBSUB_NS + "'>"
                + "<publish node='" + node + "'><item>" + open + text + "</load></item></publish></pubsub></iq>";
    }

    /** {@code LOADSEQ=<seq>;TS=<nanos>;} padded with 'x' to {@code length} characters. */
    static String markerText(long seq, int length) {
        StringBuilder b = new StringBuilder(Math.max(length, 48));
        b.append(XmppConnection.MARKER).append(seq).append(";TS=").append(System.nanoTime() - BASE_NANOS).append(';');
        while (b.length() < length) {
            b.append('x');
        }
        return b.toString();
    }

    /** Waits until {@code finished} or no progress for the stall time; returns the time of the end. */
    private long drain(java.util.function.BooleanSupplier finished, AtomicLong lastProgress)
            throws InterruptedException {
        while (!finished.getAsBoolean()) {
            if (System.nanoTime() - lastProgress.get() > TimeUnit.MILLISECONDS.toNanos(stallMillis)) {
                break;
            }
            Thread.sleep(1);
        }
        return Math.min(System.nanoTime(), lastProgress.get() + 1);
    }

    /** Logs the wall-clock bounds of a measured phase (to cut a profile of the server to it). */
    private static void phase(String what, long startMillis) {
        System.err.println("phase " + what + ": " + java.time.Instant.ofEpochMilli(startMillis) + " .. "
                + java.time.Instant.now());
    }

    /** "; sys N%": the kernel's share of the server's CPU time over a phase (socket system calls). */
    private static String sysShare(long[] before, long[] after) {
        if (before[0] < 0) {
            return "";
        }
        long user = after[0] - before[0];
        long sys = after[1] - before[1];
        return user + sys == 0 ? "" : "; sys " + Math.round(100.0 * sys / (user + sys)) + "%";
    }

    private Histogram merged() {
        Histogram h = new Histogram();
        loops.forEach(l -> h.add(l.takeLatency()));
        return h;
    }

    private long delta(long cpu0) {
        return cpu0 < 0 ? -1 : probe.cpuNanos() - cpu0;
    }

    private static String failures(Fleet fleet) {
        List<String> f = fleet.failures();
        return f.isEmpty() ? "" : "; " + f.size() + " connections failed, first: " + f.get(0);
    }
}
