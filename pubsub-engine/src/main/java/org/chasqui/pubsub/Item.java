package org.chasqui.pubsub;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.chasqui.xmpp.jid.Jid;

/**
 * A published item (XEP-0060 §7.1): its id, its payload (null for a notification-only or payload-less
 * item), who published it and when. The payload of a stored item may live in storage ({@link Payload});
 * items handed out of the engine in replies and notifications are {@link #detached()}, so they can be
 * read later on any thread whatever happens to the node or its storage meanwhile.
 *
 * <p>Two items are equal when their ids, publishers, times and payload XML are; comparing (or printing)
 * a stored payload reads it.
 */
public record Item(String id, Payload payload, Jid publisher, long publishedAtMillis) {

    public Item {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(publisher, "publisher");
    }

    /** An item whose payload is on the heap. */
    public Item(String id, String payloadXml, Jid publisher, long publishedAtMillis) {
        this(id, payloadXml == null ? null : Payload.inline(payloadXml), publisher, publishedAtMillis);
    }

    /** The payload as serialized XML, or null; may read storage. */
    public String payloadXml() {
        return payload == null ? null : payload.xml();
    }

    /** This item with its payload on the heap (itself if it already is). */
    public Item detached() {
        return payload == null || payload instanceof Payload.Inline ? this
                : new Item(id, Payload.inline(payload.xml()), publisher, publishedAtMillis);
    }

    /** Every item {@link #detached()}, as an unmodifiable list. */
    static List<Item> detached(List<Item> items) {
        List<Item> out = new ArrayList<>(items.size());
        for (Item i : items) {
            out.add(i.detached());
        }
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Item i && id.equals(i.id) && publisher.equals(i.publisher)
                && publishedAtMillis == i.publishedAtMillis && Objects.equals(payloadXml(), i.payloadXml());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, publisher, publishedAtMillis, payloadXml());
    }

    /** With the payload's XML (read from storage if need be), wherever it is kept. */
    @Override
    public String toString() {
        return "Item[id=" + id + ", payloadXml=" + payloadXml() + ", publisher=" + publisher
                + ", publishedAtMillis=" + publishedAtMillis + "]";
    }
}
