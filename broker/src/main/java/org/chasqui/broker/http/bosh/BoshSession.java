package org.chasqui.broker.http.bosh;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.chasqui.xmpp.xml.Element;

/**
 * One BOSH session (XEP-0124) as a state machine without I/O: requests come in with the exchange that
 * answers them, payloads for the client come in as XML, and out go responses, the client's payloads in
 * rid order, and the session's end. Time is a {@link BoshScheduler}. Everything runs on the event loop
 * that owns the session.
 *
 * <p>Requests are processed strictly in rid order (§14.3): one above the next expected rid waits until
 * the gap fills, one beyond the window of {@code requests} ends the session with item-not-found, a
 * repeated one gets its cached response again. Up to {@code hold} processed requests are held; the
 * oldest is answered as soon as there is something for the client, when a newer request pushes it past
 * {@code hold}, or after {@code wait} (§7.3). With no request held for {@code inactivity} seconds (or the
 * pause the client asked for, §10) the session ends (§8).
 */
final class BoshSession {

    /** The XMPP side of the session. */
    interface Upstream {

        /** Payloads of one request, in rid order (§7.3). */
        void payloads(List<Element> payloads);

        /** XEP-0206 §5: the client restarts its stream; false if no restart is due (a bad request). */
        boolean restart(BoshRequest request);

        /** §13: the client ended the session (its payloads were delivered first). */
        void clientTerminated();

        /** The session is over for the XMPP stream: no more requests will come. Called once. */
        void connectionLost();

        /** The session is forgotten: its sid is unknown from now on. Called once. */
        void released();
    }

    private enum State { ACTIVE, TERMINATING, ENDED }

    /** A request processed and not yet answered. */
    private static final class Held {
        final long rid;
        Exchange exchange;
        long waitTimer = -1;

        Held(long rid, Exchange exchange) {
            this.rid = rid;
            this.exchange = exchange;
        }
    }

    private record Early(BoshRequest request, Exchange exchange) {
    }

    /** Bytes of client-bound XML that may wait for a request before the client counts as not reading. */
    static final int MAX_QUEUED_BYTES = 8 * 1024 * 1024;

    private final String sid;
    private final BoshSettings settings;
    private final BoshScheduler scheduler;
    private final Upstream upstream;
    private final Deque<Held> held = new ArrayDeque<>();
    private final TreeMap<Long, Early> early = new TreeMap<>();
    private final SentResponses sent;
    private final StringBuilder queue = new StringBuilder();
    private final Map<String, String> creationAttributes = new LinkedHashMap<>();
    private State state = State.ACTIVE;
    private long creationRid;
    /** The highest rid processed: every lower one has been processed too. */
    private long last;
    private long inactivityTimer = -1;
    private boolean flushScheduled;
    private String terminalBody;
    private Overactivity overactivity;

    BoshSession(String sid, BoshSettings settings, BoshScheduler scheduler, Upstream upstream) {
        this.sid = sid;
        this.settings = settings;
        this.scheduler = scheduler;
        this.upstream = upstream;
        this.sent = new SentResponses(settings.requests());
    }

    String sid() {
        return sid;
    }

    BoshSettings settings() {
        return settings;
    }

    boolean isActive() {
        return state == State.ACTIVE;
    }

    /**
     * §7.2: the session creation request is held like any other; its response carries the session's
     * terms, plus the attributes given to {@link #streamOpened} by then.
     */
    void start(BoshRequest creation, Exchange exchange) {
        creationRid = creation.rid();
        last = creation.rid();
        creationAttributes.put("sid", sid);
        creationAttributes.put("wait", Integer.toString(settings.waitSeconds()));
        creationAttributes.put("inactivity", Integer.toString(settings.inactivity()));
        creationAttributes.put("polling", Integer.toString(settings.polling()));
        creationAttributes.put("requests", Integer.toString(settings.requests()));
        creationAttributes.put("hold", Integer.toString(settings.hold()));
        if (settings.acks()) {
            creationAttributes.put("ack", Long.toString(creation.rid())); // §9.2
        }
        if (settings.maxPause() > 0) {
            creationAttributes.put("maxpause", Integer.toString(settings.maxPause())); // §10
        }
        if (!settings.legacy()) {
            creationAttributes.put("ver", settings.ver());
        }
        overactivity = new Overactivity(settings, scheduler.now());
        hold(creation.rid(), exchange);
        // A polling session answers at once, but not before the stream is open and its features queued.
        scheduler.soon(this::answerBeyondHold);
    }

    /** §7.2 'from', XEP-0206 §3 'authid' (the stream id), 'xmpp:version' and 'xmpp:restartlogic'. */
    void streamOpened(String authid, String from) {
        if (from != null) {
            creationAttributes.put("from", from);
        }
        creationAttributes.put("authid", authid);
        creationAttributes.put("xmlns:xmpp", BoshRequestParser.XBOSH);
        creationAttributes.put("xmpp:version", "1.0");
        creationAttributes.put("xmpp:restartlogic", "true");
    }

    // ---- requests ----

    /** A request of this session (its sid matched), in whatever order it arrived. */
    void handle(BoshRequest request, Exchange exchange) {
        if (state == State.ENDED) {
            exchange.respond(BoshCondition.ITEM_NOT_FOUND.status(settings.legacy()), settings.contentType(),
                    BoshBody.terminal(BoshCondition.ITEM_NOT_FOUND));
            return;
        }
        long rid = request.rid();
        if (rid <= last) {
            repeated(rid, exchange);
            return;
        }
        Early waiting = early.get(rid);
        if (waiting != null) {
            // §14.4: a repeat of a request not yet answered: the first copy gets a recoverable error
            waiting.exchange().respond(200, settings.contentType(), BoshBody.recoverable());
            early.put(rid, new Early(waiting.request(), exchange));
            return;
        }
        // §14.3: the window is 'requests' wide; §11: one more for a pause or terminate request
        int window = settings.requests() + (request.pause() != null || request.terminate() ? 1 : 0);
        if (rid > last + window) {
            fail(BoshCondition.ITEM_NOT_FOUND, exchange);
            return;
        }
        if (state == State.TERMINATING) {
            deliverTerminal(exchange);
            return;
        }
        if (rid != last + 1) {
            // §14.3: held until the gap fills; the inactivity clock (§8) keeps running meanwhile
            early.put(rid, new Early(request, exchange));
            return;
        }
        process(request, exchange);
        Early next;
        while (state == State.ACTIVE && (next = early.remove(last + 1)) != null) {
            process(next.request(), next.exchange());
        }
        if (state == State.TERMINATING && !early.isEmpty()) {
            deliverTerminal(early.pollFirstEntry().getValue().exchange());
        }
    }

    /** §14.4: a rid already processed. */
    private void repeated(long rid, Exchange exchange) {
        for (Held h : held) {
            if (h.rid == rid) {
                h.exchange.respond(200, settings.contentType(), BoshBody.recoverable());
                h.exchange = exchange; // the answer goes to the latest copy
                return;
            }
        }
        String cached = sent.get(rid);
        if (cached != null) {
            exchange.respond(200, settings.contentType(), cached);
        } else {
            fail(BoshCondition.ITEM_NOT_FOUND, exchange); // §14.4: the response is gone
        }
    }

    private void process(BoshRequest request, Exchange exchange) {
        last = request.rid();
        if (request.ack() != null) {
            sent.acknowledged(request.ack()); // §9.2: the client has these
        }
        if (overactivity.tooFrequent(request, scheduler.now(), held.size())) {
            fail(BoshCondition.POLICY_VIOLATION, exchange);
            return;
        }
        if (request.pause() != null) {
            pause(request.pause(), exchange);
            return;
        }
        hold(request.rid(), exchange);
        if (request.restart()) {
            // XEP-0206 §5: payloads of a restart request are ignored
            if (!upstream.restart(request)) {
                fail(BoshCondition.BAD_REQUEST, null);
                return;
            }
        } else if (!request.payloads().isEmpty()) {
            upstream.payloads(request.payloads());
        }
        if (state != State.ACTIVE) {
            return; // the payloads ended the stream
        }
        if (request.terminate()) {
            clientTerminated();
            return;
        }
        answerBeyondHold();
        scheduleFlush(); // output that waited for a request
    }

    /** §10: every held request is answered now, the pause request without payloads, and the session may idle. */
    private void pause(int seconds, Exchange exchange) {
        if (settings.maxPause() == 0) {
            fail(BoshCondition.POLICY_VIOLATION, exchange); // §10: no 'maxpause' was offered
            return;
        }
        while (!held.isEmpty()) {
            answerOldest();
        }
        exchange.respond(200, settings.contentType(), BoshBody.empty()); // not cached (§14.4)
        startInactivity(Math.min(seconds, settings.maxPause()));
    }

    /** §13: the oldest request is answered with type='terminate', any other with an empty body. */
    private void clientTerminated() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("type", "terminate");
        end(BoshBody.render(attributes, takeQueue()));
        upstream.clientTerminated();
        upstream.connectionLost();
        release();
    }

    // ---- output ----

    /** Client-bound XML (a stanza, features, a negotiation element): sent with the next response. */
    void send(String xml) {
        if (state != State.ACTIVE) {
            return;
        }
        queue.append(xml);
        scheduleFlush();
    }

    /** Output goes out when the current task is over, so that what it writes shares one response. */
    private void scheduleFlush() {
        if (!flushScheduled && !queue.isEmpty()) {
            flushScheduled = true;
            scheduler.soon(this::flush);
        }
    }

    /** True if the client lets more than {@link #MAX_QUEUED_BYTES} wait: it is not reading. */
    boolean backlogged() {
        return queue.length() > MAX_QUEUED_BYTES;
    }

    private void flush() {
        flushScheduled = false;
        if (state == State.ACTIVE && !queue.isEmpty() && !held.isEmpty()) {
            answerOldest();
        }
    }

    /**
     * The server ends the session (XEP-0206 §6 and §13): the oldest held request gets type='terminate'
     * with what was queued and {@code endXml} (a stream error, with condition remote-stream-error); with
     * none held, the next request does, unless the client stays away for the inactivity period.
     */
    void terminate(BoshCondition condition, String endXml) {
        if (state != State.ACTIVE) {
            return;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("type", "terminate");
        if (condition != null) {
            attributes.put("condition", condition.value());
        }
        if (creationRid == last && held.size() == 1 && held.peekFirst().rid == creationRid) {
            creationAttributes.forEach(attributes::putIfAbsent); // refused at once: still say which session
        }
        terminalBody = BoshBody.render(attributes, takeQueue().append(endXml == null ? "" : endXml));
        state = State.TERMINATING;
        scheduler.soon(upstream::connectionLost);
        if (!held.isEmpty()) {
            Held oldest = held.pollFirst();
            scheduler.cancel(oldest.waitTimer);
            deliverTerminal(oldest.exchange);
        } else {
            startInactivity(settings.inactivity());
        }
    }

    private void deliverTerminal(Exchange exchange) {
        String body = terminalBody;
        state = State.ENDED;
        exchange.respond(200, settings.contentType(), body);
        answerRestEmpty();
        release();
    }

    // ---- held requests ----

    private void hold(long rid, Exchange exchange) {
        cancelInactivity();
        Held h = new Held(rid, exchange);
        held.addLast(h);
        if (settings.waitSeconds() > 0) {
            h.waitTimer = scheduler.schedule(settings.waitSeconds() * 1000L, () -> waited(h));
        }
    }

    /** §7.3: held no longer than 'wait'; answered in rid order, so older ones go first. */
    private void waited(Held h) {
        h.waitTimer = -1;
        while (state == State.ACTIVE && held.contains(h)) {
            answerOldest();
        }
    }

    /** §7.3: no more than 'hold' requests wait; in a polling session none does. */
    private void answerBeyondHold() {
        while (state == State.ACTIVE && held.size() > settings.hold()) {
            answerOldest();
        }
    }

    /** Answers the oldest held request with everything queued for the client. */
    private void answerOldest() {
        Held h = held.pollFirst();
        scheduler.cancel(h.waitTimer);
        Map<String, String> attributes = new LinkedHashMap<>();
        if (h.rid == creationRid) {
            attributes.putAll(creationAttributes);
        } else if (settings.acks() && last != h.rid) {
            attributes.put("ack", Long.toString(last)); // §9.1: the highest rid received with all below it
        }
        StringBuilder payloads = takeQueue();
        overactivity.answered(!payloads.isEmpty());
        String body = BoshBody.render(attributes, payloads);
        sent.add(h.rid, body);
        h.exchange.respond(200, settings.contentType(), body);
        if (held.isEmpty() && early.isEmpty() && state == State.ACTIVE) {
            startInactivity(settings.inactivity());
        }
    }

    private StringBuilder takeQueue() {
        StringBuilder taken = new StringBuilder(queue);
        queue.setLength(0);
        return taken;
    }

    // ---- the end ----

    /**
     * §14.3, §11, §17.2: a terminal condition answers {@code exchange} (if any) and ends the session;
     * the other held requests are answered empty.
     */
    private void fail(BoshCondition condition, Exchange exchange) {
        boolean wasActive = state == State.ACTIVE;
        state = State.ENDED;
        String body = BoshBody.terminal(condition);
        if (exchange != null) {
            exchange.respond(condition.status(settings.legacy()), settings.contentType(), body);
        } else if (!held.isEmpty()) {
            Held newest = held.pollLast();
            scheduler.cancel(newest.waitTimer);
            newest.exchange.respond(condition.status(settings.legacy()), settings.contentType(), body);
        }
        answerRestEmpty();
        if (wasActive) {
            upstream.connectionLost();
        }
        release();
    }

    /** Answers the held request with {@code body}, the others empty, and the session is over. */
    private void end(String body) {
        state = State.ENDED;
        Held oldest = held.pollFirst();
        scheduler.cancel(oldest.waitTimer);
        oldest.exchange.respond(200, settings.contentType(), body);
        answerRestEmpty();
    }

    private void answerRestEmpty() {
        for (Held h : held) {
            scheduler.cancel(h.waitTimer);
            h.exchange.respond(200, settings.contentType(), BoshBody.empty());
        }
        held.clear();
        for (Early e : early.values()) {
            e.exchange().respond(200, settings.contentType(), BoshBody.empty());
        }
        early.clear();
    }

    private void startInactivity(int seconds) {
        cancelInactivity();
        inactivityTimer = scheduler.schedule(seconds * 1000L, this::inactive);
    }

    private void cancelInactivity() {
        if (inactivityTimer != -1) {
            scheduler.cancel(inactivityTimer);
            inactivityTimer = -1;
        }
    }

    /** §8: no request for the inactivity period: the client is gone, and is not told. */
    private void inactive() {
        inactivityTimer = -1;
        if (state == State.ENDED || !held.isEmpty()) {
            return;
        }
        boolean wasActive = state == State.ACTIVE;
        state = State.ENDED;
        answerRestEmpty();
        if (wasActive) {
            upstream.connectionLost();
        }
        release();
    }

    private void release() {
        cancelInactivity();
        upstream.released();
    }
}
