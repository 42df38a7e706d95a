package org.chasqui.broker.pep;

import org.chasqui.broker.iq.IqHandler;
import org.chasqui.broker.iq.IqRequest;
import org.chasqui.broker.pubsub.NotificationSender;
import org.chasqui.broker.pubsub.PubSubComponent;
import org.chasqui.broker.pubsub.PubSubServices;
import org.chasqui.broker.routing.Router;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;

/**
 * XEP-0163 §3: pubsub requests addressed to an account's bare JID (or to no one, meaning the sender's
 * own account) go to that account's PEP service — the same engine and translation as pubsub.domain,
 * at the bare JID.
 */
public final class PepIqHandler implements IqHandler {

    private final PubSubServices services;
    private final Router router;
    private final NotificationSender sender;

    public PepIqHandler(PubSubServices services, Router router, NotificationSender sender) {
        this.services = services;
        this.router = router;
        this.sender = sender;
    }

    @Override
    public void handle(IqRequest request) {
        if (request.toDomain()) {
            // pubsub at the domain itself: the service is pubsub.<domain> (XEP-0060 §5.1 discovery)
            request.error(StanzaErrorCondition.SERVICE_UNAVAILABLE);
            return;
        }
        new PubSubComponent(request.to(), services, router, sender).handle(request.iq(), request.from(), request.to());
    }
}
