package org.chasqui.broker.pubsub;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chasqui.broker.routing.Router;
import org.chasqui.pubsub.Item;
import org.chasqui.pubsub.Notification;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.xml.Element;

/**
 * XEP-0060 §6.3 digests ({@code pubsub#digest}, {@code pubsub#digest_frequency}): item notifications
 * for a subscriber that asked for them are gathered per service, node and recipient; the first starts
 * a timer, and when it fires everything gathered goes out as one notification (newest item last).
 * Thread-safe: shards add, a Vert.x timer flushes.
 */
final class DigestBuffer {

    private record Key(Jid service, String node, Jid recipient) {
    }

    private static final class Pending {
        final List<Item> items = new ArrayList<>();
        Notification.Recipient recipient;
        Notification template;
    }

    private final Vertx vertx;
    private final Router router;
    private final Map<Key, Pending> pending = new ConcurrentHashMap<>();

    DigestBuffer(Vertx vertx, Router router) {
        this.vertx = vertx;
        this.router = router;
    }

    /** Holds the items of {@code n} for {@code r} until its digest is due. */
    void add(Jid service, Notification n, Notification.ItemsPublished event, Notification.Recipient r) {
        Key key = new Key(service, event.node(), r.jid());
        boolean[] first = new boolean[1];
        pending.compute(key, (k, p) -> {
            Pending q = p == null ? new Pending() : p;
            first[0] = p == null;
            q.items.addAll(event.items());
            q.recipient = r;
            q.template = n;
            return q;
        });
        if (first[0]) {
            vertx.setTimer(r.digestMillis(), t -> flush(key));
        }
    }

    private void flush(Key key) {
        Pending p = pending.remove(key);
        if (p == null) {
            return;
        }
        Notification.ItemsPublished first = (Notification.ItemsPublished) p.template.event();
        Notification.ItemsPublished all = new Notification.ItemsPublished(key.node(), p.items, first.withPayloads());
        Element event = NotificationRenderer.event(all);
        router.routeGenerated(NotificationRenderer.message(key.service(), p.template, event, null, p.recipient),
                key.service(), key.recipient());
    }
}
