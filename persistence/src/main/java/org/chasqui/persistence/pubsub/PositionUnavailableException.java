package org.chasqui.persistence.pubsub;

/**
 * A feed was asked for records the journal no longer holds: their journal file was deleted after a
 * snapshot covered them (or, while following, before the feed got to them). Reading on from the
 * oldest record still held would skip them silently, so the feed refuses; the consumer decides
 * (start over from a snapshot of the state, or accept the gap and go on from {@link #earliest()}).
 */
public final class PositionUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long requested;
    private final long earliest;

    PositionUnavailableException(long requested, long earliest) {
        super("position " + requested + " is no longer in the pubsub journal (the journal file holding it was"
                + " deleted after a snapshot covered it); the earliest position still held is " + earliest);
        this.requested = requested;
        this.earliest = earliest;
    }

    /** The position asked for (or the next one a following feed expected). */
    public long requested() {
        return requested;
    }

    /** The oldest position the journal still holds. */
    public long earliest() {
        return earliest;
    }
}
