package org.chasqui.pubsub;

import java.util.Objects;
import org.chasqui.xmpp.jid.Jid;

/**
 * A published item (XEP-0060 §7.1): its id, the payload as serialized XML (null for a notification-only
 * or payload-less item), who published it and when.
 */
public record Item(String id, String payloadXml, Jid publisher, long publishedAtMillis) {

    public Item {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(publisher, "publisher");
    }
}
