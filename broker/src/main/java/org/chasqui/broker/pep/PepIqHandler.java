package org.chasqui.broker.pep;

import org.chasqui.broker.iq.IqHandler;
import org.chasqui.broker.iq.IqRequest;
import org.chasqui.broker.pubsub.NotificationSender;
import org.chasqui.broker.pubsub.PubSubComponent;
import org.chasqui.broker.pubsub.PubSubServices;
import org.chasqui.broker.pubsub.StoredReads;
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
    private final StoredReads reads;

    public PepIqHandler(PubSubServices services, Router router, NotificationSender sender, StoredReads reads) {
        this.services = services;
        this.router = router;
        this.sender = sender;
        this.reads = reads;
    }

    @Override
    public void handle(IqRequest request) {
        if (request.toDomain()) {
            // pubsub at the domain itself: the service is pubsub.<domain> (XEP-0060 §5.1 discovery)
            request.error(StanzaErrorCondition.SERVICE_UNAVAILABLE);
            return;
        }
        new PubSubComponent(request.to(), services, router, sender, reads).handle(request.iq(), request.from(), request.to());
    }
}
