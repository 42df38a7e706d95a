package org.chasqui.broker.iq;

import org.chasqui.xmpp.stanza.StanzaErrorCondition;

/** XEP-0199 §4.2 (client-to-server ping): the server answers a ping with an empty result. */
public final class PingHandler implements IqHandler {

    @Override
    public void handle(IqRequest request) {
        if (request.isGet()) {
            request.result();
        } else {
            request.error(StanzaErrorCondition.BAD_REQUEST);
        }
    }
}
