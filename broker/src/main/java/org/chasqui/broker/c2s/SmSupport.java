package org.chasqui.broker.c2s;

import java.util.ArrayList;
import java.util.List;
import org.chasqui.broker.config.C2sConfig;
import org.chasqui.broker.sm.SmElements;
import org.chasqui.broker.sm.SmNegotiator;
import org.chasqui.broker.sm.SmPeer;
import org.chasqui.broker.sm.StreamManagement;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.stanza.Stanzas;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XEP-0198 for one {@link ClientSession}: the peer of its {@link SmNegotiator}, the counting of
 * stanzas both ways, the ack request policy, the wait for resumption after a lost connection (§5)
 * and the hand-over of the session to the stream that resumes it. Owned by the session's loop; the
 * hand-over runs first on the former session's loop, then on the new stream's
 * ({@code runOnContext}), so no state is ever touched by two threads.
 */
final class SmSupport implements SmPeer {

    private static final Logger LOG = LoggerFactory.getLogger(SmSupport.class);
    /** Elements a client may send after {@code <resume/>} before it has the answer. */
    private static final int MAX_PENDING_INPUT = 64;

    private final ClientSession session;
    private final C2sServices services;
    private final SmNegotiator negotiator;
    private long ackTimer = -1;
    private long resumeTimer = -1;
    private boolean hibernating;
    private ClientSession successor;
    /** Input that came after {@code <resume/>}; non-null while the hand-over is under way. */
    private List<Element> pendingInput;
    /** Set if the stream ended during the hand-over: whether the ending allowed waiting for a resumption. */
    private Boolean endedWhileResuming;

    SmSupport(ClientSession session, C2sServices services) {
        this.session = session;
        this.services = services;
        C2sConfig c2s = services.config().c2s();
        this.negotiator = new SmNegotiator(this, c2s.smResumeTimeoutSeconds(), c2s.smMaxUnackedStanzas());
    }

    // ---- SmPeer ----

    @Override
    public Jid account() {
        String user = session.username();
        return user == null ? null : Jid.of(user, services.domain().domainpart(), null);
    }

    @Override
    public boolean isBound() {
        return session.isBound();
    }

    @Override
    public void writeNonza(Element element) {
        session.send(element);
    }

    @Override
    public void fail(StreamError error) {
        session.close(error);
    }

    @Override
    public String registerResumable() {
        return services.resumptions().register(account(), session);
    }

    /** §5: asks the former session, on its own loop, to hand itself over; the answer comes back here. */
    @Override
    public void resume(String previd, long h) {
        ClientSession former = services.resumptions().find(previd, account());
        if (former == null) {
            negotiator.resumeFailed();
            writeNonza(SmElements.failed(StanzaErrorCondition.ITEM_NOT_FOUND, null));
            return;
        }
        pendingInput = new ArrayList<>();
        ClientSession next = session;
        former.runOnLoop(() -> former.sm().handOver(previd, h, next));
    }

    // ---- the stream's input and output ----

    void handle(Element nonza) {
        negotiator.handle(nonza);
    }

    /** §5: while a resumption is under way, further input waits for its outcome (true: it was kept). */
    boolean holdsInput(Element element) {
        if (pendingInput == null) {
            return false;
        }
        if (pendingInput.size() >= MAX_PENDING_INPUT) {
            session.close(new StreamError(StreamErrorCondition.POLICY_VIOLATION, "too much input during <resume/>"));
        } else {
            pendingInput.add(element);
        }
        return true;
    }

    /** §4: the client's stanza was handled (it counts only if the stream survived it). */
    void handled(Element element) {
        StreamManagement state = negotiator.state();
        if (state != null && session.isOpen() && Stanzas.isStanza(element)) {
            state.handled();
        }
    }

    /**
     * §4: a stanza for the client joins the unacknowledged queue. False when it must not be written:
     * the session waits for resumption (it goes out then), or the queue went past its bound, which
     * ends the session (the queue, this stanza included, goes back to the account).
     */
    boolean outbound(Element stanza) {
        StreamManagement state = negotiator.state();
        if (state == null) {
            return true;
        }
        if (state.sent(stanza)) {
            return !hibernating;
        }
        LOG.warn("c2s#{} {} unacknowledged stanzas, ending the session", session.id(), state.unackedCount());
        if (hibernating) {
            session.finish();
        } else {
            session.close(new StreamError(StreamErrorCondition.POLICY_VIOLATION, "too many unacknowledged stanzas"));
        }
        return false;
    }

    /**
     * The ack request policy (§4, §8.2), after a stanza was written: {@code <r/>} at once when
     * {@link StreamManagement#REQUEST_EVERY} stanzas went unrequested, otherwise at most
     * {@link StreamManagement#REQUEST_DELAY_MS} later, so that a burst shares one request.
     */
    void written() {
        StreamManagement state = negotiator.state();
        if (state == null) {
            return;
        }
        if (state.ackRequestDue()) {
            requestAck(state);
        } else if (ackTimer < 0) {
            ackTimer = services.vertx().setTimer(StreamManagement.REQUEST_DELAY_MS, t -> {
                ackTimer = -1;
                if (session.isOpen() && !hibernating && state.anyUnrequested()) {
                    requestAck(state);
                }
            });
        }
    }

    private void requestAck(StreamManagement state) {
        state.ackRequested();
        session.send(SmElements.REQUEST);
    }

    /** §5: once handed over, stanzas that still reach this session are its successor's (true: forwarded). */
    boolean forward(Element stanza) {
        if (successor == null) {
            return false;
        }
        successor.deliver(stanza);
        return true;
    }

    // ---- the end of the stream ----

    /**
     * The stream is over. True if the session lives on: it waits for its client to resume it (only
     * when {@code resumableEnding}: a lost connection, not a clean close, §7), or a resumption of
     * another session is under way on this stream and decides. False: the session must end now.
     */
    boolean survives(boolean resumableEnding) {
        if (pendingInput != null) {
            endedWhileResuming = resumableEnding;
            return true;
        }
        return resumableEnding && hibernate();
    }

    boolean isHibernating() {
        return hibernating;
    }

    /** §5: keeps the session bound, available and queueing for the resumption timeout. */
    private boolean hibernate() {
        StreamManagement state = negotiator.state();
        if (state == null || !state.resumable() || !session.isBound() || session.isFinished()) {
            return false;
        }
        hibernating = true;
        cancelAckTimer();
        session.releaseHeld(); // XEP-0352 §5.2: the resumed stream starts active; held stanzas join the queue
        if (session.isFinished()) {
            return true; // releasing them went past the queue's bound
        }
        resumeTimer = services.vertx().setTimer(state.resumeTimeoutSeconds() * 1000L, t -> expire());
        services.openSessions().add(session);
        LOG.info("c2s#{} connection lost; resumable for {} s, {} unacknowledged", session.id(),
                state.resumeTimeoutSeconds(), state.unackedCount());
        return true;
    }

    private void expire() {
        resumeTimer = -1;
        if (hibernating) {
            LOG.info("c2s#{} not resumed in time", session.id());
            session.finish();
        }
    }

    /** The session ends for good: returns what the client never acknowledged, oldest first. */
    List<Element> end() {
        hibernating = false;
        cancelAckTimer();
        services.vertx().cancelTimer(resumeTimer);
        StreamManagement state = negotiator.state();
        if (state == null) {
            return new ArrayList<>();
        }
        if (state.resumable()) {
            services.resumptions().remove(state.id(), session);
        }
        return state.drainUnacked();
    }

    private void cancelAckTimer() {
        services.vertx().cancelTimer(ackTimer);
        ackTimer = -1;
    }

    // ---- §5: the hand-over ----

    /**
     * On this (former) session's loop: gives the session to {@code next} if it is still to be had
     * and the client's 'h' is possible. A wrong 'h' leaves this session as it was.
     */
    void handOver(String previd, long h, ClientSession next) {
        StreamManagement state = negotiator.state();
        if (successor != null || session.isFinished() || state == null || !previd.equals(state.id())) {
            refuse(next, StanzaErrorCondition.ITEM_NOT_FOUND);
            return;
        }
        if (state.check(h) != StreamManagement.Ack.ACCEPTED) {
            refuse(next, StanzaErrorCondition.BAD_REQUEST);
            return;
        }
        if (!services.resumptions().remove(previd, session)) {
            refuse(next, StanzaErrorCondition.ITEM_NOT_FOUND);
            return;
        }
        state.acknowledge(h);
        hibernating = false;
        cancelAckTimer();
        services.vertx().cancelTimer(resumeTimer);
        session.endMoved();
        session.releaseHeld(); // queued, not written: this stream is closed now
        SessionTransfer transfer = new SessionTransfer(session, session.jid(), session.lastPresence(),
                session.priority(), session.carbonsEnabled(), session.stanzaHandler());
        successor = next;
        LOG.info("c2s#{} handed over to c2s#{} with {} unacknowledged", session.id(), next.id(), state.unackedCount());
        next.runOnLoop(() -> next.sm().adopt(previd, state, transfer));
    }

    private static void refuse(ClientSession next, StanzaErrorCondition condition) {
        next.runOnLoop(() -> next.sm().refused(condition));
    }

    /** On the new stream's loop: §5, the former session continues here; what it lacks is sent again. */
    private void adopt(String previd, StreamManagement state, SessionTransfer transfer) {
        List<Element> input = pendingInput;
        pendingInput = null;
        negotiator.adopt(state);
        session.presenceChanged(transfer.lastPresence(), transfer.priority());
        session.carbons(transfer.carbons());
        session.stanzaHandler().takeOver(transfer.stanzas());
        session.bound(transfer.jid(), transfer.former()); // presence and flags first: routing sees them at once
        services.resumptions().reassign(previd, account(), session);
        if (endedWhileResuming != null) {
            // this connection is gone too: the session waits again, or ends
            if (!(endedWhileResuming && hibernate())) {
                session.finish();
            }
            return;
        }
        writeNonza(SmElements.resumed(previd, state.handledCount()));
        List<Element> again = state.unacked();
        again.forEach(session::resend);
        if (!again.isEmpty()) {
            requestAck(state);
        }
        input.forEach(session::element);
    }

    /** On the new stream's loop: §5, no resumption; the client may bind a resource instead. */
    private void refused(StanzaErrorCondition condition) {
        List<Element> input = pendingInput;
        pendingInput = null;
        negotiator.resumeFailed();
        if (endedWhileResuming != null) {
            session.finish();
            return;
        }
        writeNonza(SmElements.failed(condition, null));
        input.forEach(session::element);
    }
}
