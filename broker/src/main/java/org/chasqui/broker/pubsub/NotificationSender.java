package org.chasqui.broker.pubsub;

import java.util.List;
import org.chasqui.broker.routing.Router;
import org.chasqui.pubsub.Notification;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.xml.Element;

/**
 * Sends a service's notifications: each event is built once, then one message per recipient, routed
 * as a server-generated stanza from the service's address (XEP-0163 §4.3: a PEP notification comes
 * from the account's bare JID).
 */
public final class NotificationSender {

    private final Router router;
    private final DigestBuffer digests;

    public NotificationSender(Router router, io.vertx.core.Vertx vertx) {
        this.router = router;
        this.digests = vertx == null ? null : new DigestBuffer(vertx, router);
    }

    /** A sender without digests (every notification goes out at once). */
    public NotificationSender(Router router) {
        this(router, null);
    }

    public void send(Jid service, List<Notification> notifications) {
        for (Notification n : notifications) {
            // rendered to XML once, at the first recipient's write, and reused for every other one
            Element event = NotificationRenderer.event(n.event()).cachingXml();
            Element text = null;
            boolean summarised = false;
            for (Notification.Recipient r : n.recipients()) {
                if (digests != null && r.digestMillis() > 0 && n.event() instanceof Notification.ItemsPublished p) {
                    digests.add(service, n, p, r); // XEP-0060 §6.3: gathered, sent when the digest is due
                    continue;
                }
                if (r.includeBody() && !summarised) {
                    text = NotificationRenderer.summary(event); // XEP-0060 §12.8, built once too
                    summarised = true;
                }
                router.routeGenerated(NotificationRenderer.message(service, n, event, r.includeBody() ? text : null, r),
                        service, r.jid());
            }
        }
    }
}
