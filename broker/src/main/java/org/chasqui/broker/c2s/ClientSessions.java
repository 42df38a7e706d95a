package org.chasqui.broker.c2s;

import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a client session on a new connection of any transport, within the per-address limit. */
final class ClientSessions {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSessions.class);

    private ClientSessions() {
    }

    /**
     * Starts a session on {@code transport}, on the calling event loop, or refuses the connection with
     * a policy-violation stream error (a header, the error, the close: RFC 6120 §4.9.1.2) when its
     * address has too many connections already.
     */
    static void open(C2sServices services, Transport transport) {
        String address = transport.remoteAddress();
        if (!services.limiter().tryAcquire(address)) {
            LOG.warn("refusing connection from {}: too many connections from this address", address);
            transport.openStream(ServerStreamHeader.newStreamId(), services.domain().toString(), null);
            transport.closeStream(new StreamError(StreamErrorCondition.POLICY_VIOLATION,
                    "too many connections from your address"));
            return;
        }
        try {
            ClientSession session = new ClientSession(services, transport);
            services.openSessions().add(session);
            session.start();
        } catch (RuntimeException e) {
            services.limiter().release(address);
            throw e;
        }
    }
}
