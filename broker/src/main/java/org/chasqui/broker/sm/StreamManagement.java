package org.chasqui.broker.sm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.chasqui.xmpp.xml.Element;

/**
 * The XEP-0198 state of one stream management session: the count of stanzas handled from the client
 * ('h', §4), the stanzas sent to it and not yet acknowledged, and the resumption id and timeout
 * (§5). Counters are 32-bit unsigned and wrap to zero (§4). Owned by one event loop at a time: the
 * session's, or, during a resumption, handed from the old session's loop to the new one's.
 */
public final class StreamManagement {

    /** Ack request policy (§4; §8.2 "efficient acking"): ask for an ack once this many stanzas went unrequested. */
    public static final int REQUEST_EVERY = 5;
    /** ... and at the latest this long after a stanza was written, if it is still unrequested. */
    public static final long REQUEST_DELAY_MS = 2000;

    private static final long MASK = 0xFFFF_FFFFL;

    /** What an {@code <a h=''/>} from the client meant. */
    public enum Ack {
        /** h was between the last acknowledged count and the send count; acknowledged stanzas are dropped. */
        ACCEPTED,
        /** h acknowledges stanzas that were never sent (§6: undefined-condition, handled-count-too-high). */
        TOO_HIGH,
        /** h is older than an earlier acknowledgement: nothing changes. */
        STALE
    }

    private final String id;
    private final int resumeTimeoutSeconds;
    private final int maxUnacked;
    private final ArrayDeque<Element> unacked = new ArrayDeque<>();
    private long handled;
    private long acknowledged;
    private int unrequested;

    /**
     * @param id                   the SM-ID of §5 when the session may be resumed, else null
     * @param resumeTimeoutSeconds how long the session waits for a resumption after its connection is lost
     * @param maxUnacked           most unacknowledged stanzas; {@link #sent} reports going past it
     */
    public StreamManagement(String id, int resumeTimeoutSeconds, int maxUnacked) {
        if (maxUnacked < 1 || resumeTimeoutSeconds < 0) {
            throw new IllegalArgumentException("maxUnacked " + maxUnacked + ", timeout " + resumeTimeoutSeconds);
        }
        this.id = id;
        this.resumeTimeoutSeconds = resumeTimeoutSeconds;
        this.maxUnacked = maxUnacked;
    }

    /** Sets both counters, so that tests reach the 32-bit wrap of §4 without 2^32 stanzas. */
    void countersAt(long handledCount, long acknowledgedCount) {
        if (!unacked.isEmpty()) {
            throw new IllegalStateException("stanzas are queued");
        }
        handled = handledCount & MASK;
        acknowledged = acknowledgedCount & MASK;
    }

    /** §5: the SM-ID, or null when the session cannot be resumed. */
    public String id() {
        return id;
    }

    public boolean resumable() {
        return id != null;
    }

    public int resumeTimeoutSeconds() {
        return resumeTimeoutSeconds;
    }

    /** §4: one more stanza from the client has been handled. */
    public void handled() {
        handled = (handled + 1) & MASK;
    }

    /** §4: 'h', the count of stanzas handled from the client, modulo 2^32. */
    public long handledCount() {
        return handled;
    }

    /** The count of stanzas sent to the client, modulo 2^32 (the 'send-count' of §4). */
    public long sendCount() {
        return (acknowledged + unacked.size()) & MASK;
    }

    /** The last 'h' the client acknowledged. */
    public long acknowledgedCount() {
        return acknowledged;
    }

    public int unackedCount() {
        return unacked.size();
    }

    /**
     * A stanza is being sent to the client (or queued for it while the connection is lost). Returns
     * false when it takes the unacknowledged stanzas past the bound: the caller then ends the stream;
     * the stanza is kept with the others so that nothing is lost.
     */
    public boolean sent(Element stanza) {
        unacked.addLast(stanza);
        unrequested++;
        return unacked.size() <= maxUnacked;
    }

    /** True when {@link #REQUEST_EVERY} stanzas went out since the last {@code <r/>}. */
    public boolean ackRequestDue() {
        return unrequested >= REQUEST_EVERY;
    }

    /** True when some stanza went out since the last {@code <r/>}. */
    public boolean anyUnrequested() {
        return unrequested > 0;
    }

    /** An {@code <r/>} was written. */
    public void ackRequested() {
        unrequested = 0;
    }

    /** §4 (and §5 for the 'h' of {@code <resume/>}): checks 'h' without changing anything. */
    public Ack check(long h) {
        if (h < 0 || h > MASK) {
            return Ack.TOO_HIGH;
        }
        long newlyAcknowledged = (h - acknowledged) & MASK;
        if (newlyAcknowledged <= unacked.size()) {
            return Ack.ACCEPTED;
        }
        // Neither ahead of the last ack nor within what was sent: h is ahead of the send count when
        // it lies in the half of the 32-bit circle that follows it, else it is an old value.
        return ((h - sendCount()) & MASK) < (1L << 31) ? Ack.TOO_HIGH : Ack.STALE;
    }

    /** §4: the client handled every stanza up to 'h'; those leave the unacknowledged queue. */
    public Ack acknowledge(long h) {
        Ack verdict = check(h);
        if (verdict == Ack.ACCEPTED) {
            long drop = (h - acknowledged) & MASK;
            for (long i = 0; i < drop; i++) {
                unacked.removeFirst();
            }
            acknowledged = h;
        }
        return verdict;
    }

    /** The stanzas sent and not yet acknowledged, oldest first (§5: what a resumption re-sends). */
    public List<Element> unacked() {
        return new ArrayList<>(unacked);
    }

    /** Empties the unacknowledged queue and returns it, oldest first (the session ends for good). */
    public List<Element> drainUnacked() {
        List<Element> all = new ArrayList<>(unacked);
        unacked.clear();
        return all;
    }
}
