package org.chasqui.broker.iq;

/** Answers the IQ get/set requests of one payload namespace. Runs on the requester's event loop. */
@FunctionalInterface
public interface IqHandler {

    /** Handles the request; the reply may be sent now or later, but exactly once. */
    void handle(IqRequest request);
}
