package org.chasqui.broker.sm;

import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.xml.Element;

/**
 * XEP-0198 on one stream: answers the client's {@code <enable/>}, {@code <resume/>}, {@code <r/>}
 * and {@code <a/>}, and holds the session's {@link StreamManagement} once it is enabled or resumed.
 * Owned by the stream's event loop.
 */
public final class SmNegotiator {

    private final SmPeer peer;
    private final int resumeTimeoutSeconds;
    private final int maxUnacked;
    private StreamManagement state;
    private boolean resumeRequested;

    /**
     * @param resumeTimeoutSeconds the configured resumption timeout; 0 offers acks only
     * @param maxUnacked           the bound of the unacknowledged queue
     */
    public SmNegotiator(SmPeer peer, int resumeTimeoutSeconds, int maxUnacked) {
        this.peer = peer;
        this.resumeTimeoutSeconds = resumeTimeoutSeconds;
        this.maxUnacked = maxUnacked;
    }

    /** The session's state once stream management is enabled (or resumed), else null. */
    public StreamManagement state() {
        return state;
    }

    /** §5: a resumed session brings its state along. */
    public void adopt(StreamManagement resumed) {
        state = resumed;
    }

    /** A top-level element in urn:xmpp:sm:3 from the client. */
    public void handle(Element element) {
        switch (element.name()) {
            case "enable" -> enable(element);
            case "resume" -> resume(element);
            case "r" -> request();
            case "a" -> acknowledgement(element);
            // RFC 6120 §4.9.3.24: nothing else in this namespace is sent by clients
            default -> peer.fail(StreamError.of(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE));
        }
    }

    /** §3: only after binding, once per stream; resumption if asked for and offered. */
    private void enable(Element enable) {
        if (!peer.isBound() || state != null || resumeRequested) {
            peer.writeNonza(SmElements.failed(StanzaErrorCondition.UNEXPECTED_REQUEST, null));
            return;
        }
        int timeout = resumeTimeoutSeconds;
        int clientMax = SmElements.max(enable);
        if (clientMax > 0) {
            timeout = Math.min(timeout, clientMax); // §3: the client's preferred maximum
        }
        boolean resumable = SmElements.isTrue(enable, "resume") && timeout > 0;
        String id = resumable ? peer.registerResumable() : null;
        state = new StreamManagement(id, timeout, maxUnacked);
        peer.writeNonza(SmElements.enabled(state));
    }

    /** §5: after authentication and instead of binding; one attempt at a time. */
    private void resume(Element resume) {
        if (peer.account() == null || peer.isBound() || state != null || resumeRequested) {
            peer.writeNonza(SmElements.failed(StanzaErrorCondition.UNEXPECTED_REQUEST, null));
            return;
        }
        long h = SmElements.h(resume);
        String previd = resume.attribute("previd");
        if (h < 0 || previd == null || previd.isEmpty()) {
            peer.writeNonza(SmElements.failed(StanzaErrorCondition.BAD_REQUEST, null));
            return;
        }
        resumeRequested = true;
        peer.resume(previd, h);
    }

    /** §5: the resumption failed; the client may bind a resource instead, or try again. */
    public void resumeFailed() {
        resumeRequested = false;
    }

    /** §4: answered at once with the count handled so far. */
    private void request() {
        if (state == null) {
            peer.fail(StreamError.of(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE));
            return;
        }
        peer.writeNonza(SmElements.ack(state.handledCount()));
    }

    /** §4; §6: more than was sent ends the stream. */
    private void acknowledgement(Element a) {
        if (state == null) {
            peer.fail(StreamError.of(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE));
            return;
        }
        long h = SmElements.h(a);
        if (h < 0) {
            peer.fail(new StreamError(StreamErrorCondition.BAD_FORMAT, "<a/> needs an unsigned 32-bit 'h'"));
            return;
        }
        if (state.acknowledge(h) == StreamManagement.Ack.TOO_HIGH) {
            peer.fail(SmElements.handledCountTooHigh(h, state.sendCount()));
        }
    }
}
