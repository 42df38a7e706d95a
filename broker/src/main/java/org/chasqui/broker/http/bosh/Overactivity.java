package org.chasqui.broker.http.bosh;

/**
 * The request-frequency rules of XEP-0124 §11 and §12, fed every new request in rid order: an empty
 * request sent too soon after the one before is a policy-violation.
 */
final class Overactivity {

    private final BoshSettings settings;
    private long lastArrival;
    private boolean lastWasEmpty;
    private boolean lastAnswerHadPayloads = true;

    Overactivity(BoshSettings settings, long creationArrival) {
        this.settings = settings;
        this.lastArrival = creationArrival;
    }

    /** A response went out, with payloads or without (§12 looks at the one before an empty poll). */
    void answered(boolean withPayloads) {
        lastAnswerHadPayloads = withPayloads;
    }

    /**
     * True if {@code request}, arriving at {@code now} with {@code unanswered} requests still held, breaks
     * the rules: §11, an empty request while 'requests' are unanswered, within 'polling' seconds of the one
     * before; §12, in a polling session, two empty requests in a row within 'polling' seconds when the
     * first got nothing.
     */
    boolean tooFrequent(BoshRequest request, long now, int unanswered) {
        boolean soon = now - lastArrival < settings.polling() * 1000L;
        boolean emptyAfterEmpty = lastWasEmpty;
        lastArrival = now;
        lastWasEmpty = request.empty();
        if (!request.empty() || settings.polling() == 0 || !soon) {
            return false;
        }
        if (settings.pollingSession()) {
            return emptyAfterEmpty && !lastAnswerHadPayloads;
        }
        return unanswered + 1 >= settings.requests();
    }
}
