package org.chasqui.broker.pubsub;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.chasqui.pubsub.Item;
import org.chasqui.pubsub.Notification;
import org.chasqui.pubsub.NotificationType;
import org.chasqui.xmpp.forms.DataForm;
import org.chasqui.xmpp.forms.Field;
import org.chasqui.xmpp.forms.FieldType;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;

/**
 * Event notifications as messages (XEP-0060 §7.1.2, §7.2.2, §8.2.6, §8.4.2, §8.5.2, §8.6, §8.8.4):
 * the event is built once per notification; each recipient's message differs only in 'to', in the
 * SHIM headers naming its SubIDs (§12.16) or the collection it came through (XEP-0248), and in the
 * {@code <body/>} of a recipient that asked for one (§12.8), which is also built once.
 */
final class NotificationRenderer {

    private static final AtomicLong IDS = new AtomicLong();
    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private NotificationRenderer() {
    }

    /** The body shared by every recipient. */
    static Element event(Notification.Event e) {
        if (e instanceof Notification.AuthorizationRequest a) {
            return authorizationForm(a);
        }
        Element.Builder event = Element.builder("event", PubSubXml.EVENT);
        if (e instanceof Notification.ItemsPublished p) {
            Element.Builder items = Element.builder("items", PubSubXml.EVENT).attribute("node", p.node());
            for (Item i : p.items()) {
                items.child(PubSubReplies.item(PubSubXml.EVENT, i, p.withPayloads(), p.withPublisher()));
            }
            event.child(items.build());
        } else if (e instanceof Notification.ItemsRetracted r) {
            Element.Builder items = Element.builder("items", PubSubXml.EVENT).attribute("node", r.node());
            r.itemIds().forEach(id -> items.child(Element.builder("retract", PubSubXml.EVENT).attribute("id", id).build()));
            event.child(items.build());
        } else if (e instanceof Notification.Purged p) {
            event.child(Element.builder("purge", PubSubXml.EVENT).attribute("node", p.node()).build());
        } else if (e instanceof Notification.Deleted d) {
            Element.Builder delete = Element.builder("delete", PubSubXml.EVENT).attribute("node", d.node());
            if (d.redirect() != null) {
                delete.child(Element.builder("redirect", PubSubXml.EVENT).attribute("uri", d.redirect()).build());
            }
            event.child(delete.build());
        } else if (e instanceof Notification.Association a) {
            // XEP-0248 §4 (Examples "Notification of node association" / "dissociation")
            event.child(Element.builder("collection", PubSubXml.EVENT).attribute("node", a.node())
                    .child(Element.builder(a.associated() ? "associate" : "dissociate", PubSubXml.EVENT)
                            .attribute("node", a.child()).build())
                    .build());
        } else if (e instanceof Notification.Configured c) {
            Element.Builder configuration = Element.builder("configuration", PubSubXml.EVENT).attribute("node", c.node());
            if (c.config() != null) {
                configuration.child(Forms.configResult(c.config()));
            }
            event.child(configuration.build());
        } else if (e instanceof Notification.SubscriptionChanged s) {
            Element.Builder sub = Element.builder("subscription", PubSubXml.EVENT).attribute("node", s.node())
                    .attribute("jid", s.jid().toString()).attribute("subscription", s.state().wire());
            if (s.subId() != null) {
                sub.attribute("subid", s.subId());
            }
            event.child(sub.build());
        }
        return event.build();
    }

    /** One recipient's message. */
    static Element message(Jid service, Notification n, Element body, Notification.Recipient to) {
        return message(service, n, body, null, to);
    }

    /** One recipient's message, with {@code text} (a {@code <body/>} or null) before the event. */
    static Element message(Jid service, Notification n, Element body, Element text, Notification.Recipient to) {
        String type = n.type() == NotificationType.HEADLINE && !(n.event() instanceof Notification.AuthorizationRequest)
                ? "headline" : null;
        String id = "ps" + IDS.incrementAndGet();
        if (to.subIds().size() <= 1 && to.collection() == null) { // the usual case, once per recipient: no builder
            return Element.of("message", Namespaces.CLIENT, text == null ? List.of(body) : List.of(text, body),
                    "from", service.toString(), "to", to.jid().toString(), "id", id, "type", type);
        }
        Element.Builder m = Element.builder("message", Namespaces.CLIENT)
                .attribute("from", service.toString())
                .attribute("to", to.jid().toString())
                .attribute("id", id)
                .attribute("type", type);
        if (text != null) {
            m.child(text);
        }
        m.child(body);
        if (to.subIds().size() > 1 || to.collection() != null) {
            Element.Builder headers = Element.builder("headers", PubSubXml.SHIM);
            if (to.subIds().size() > 1) {
                to.subIds().forEach(subId -> headers.child(header("SubID", subId)));
            }
            if (to.collection() != null) {
                headers.child(header("Collection", to.collection()));
            }
            m.child(headers.build());
        }
        return m.build();
    }

    /**
     * §12.8: a message body summarising published items, for subscribers with pubsub#include_body; null
     * when the service does not understand the payloads (then it SHOULD NOT add one), or for other
     * events. Atom entries (RFC 4287) are understood: the title, then the summary, per item.
     */
    static Element summary(Element event) {
        Element items = event.child("items", PubSubXml.EVENT);
        if (items == null) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Element item : items.elements()) {
            Element entry = item.is("item", PubSubXml.EVENT) ? item.child("entry", ATOM) : null;
            if (entry == null) {
                return null; // a payload (or none) that the service cannot put into words
            }
            for (String part : new String[] {entry.childText("title", ATOM), entry.childText("summary", ATOM)}) {
                if (part != null && !part.isBlank()) {
                    text.append(text.length() == 0 ? "" : "\n").append(part.strip());
                }
            }
        }
        return text.length() == 0 ? null : Element.builder("body", Namespaces.CLIENT).text(text.toString()).build();
    }

    private static Element header(String name, String value) {
        return Element.builder("header", PubSubXml.SHIM).attribute("name", name).text(value).build();
    }

    /** §8.6: the form an owner submits to approve or deny. */
    private static Element authorizationForm(Notification.AuthorizationRequest a) {
        return DataForm.builder(DataForm.Type.FORM)
                .title("PubSub subscriber request")
                .instructions("To approve this entity's subscription request, click the OK button. "
                        + "To deny the request, click the cancel button.")
                .formType(PubSubXml.SUBSCRIBE_AUTHORIZATION)
                .field(Field.builder("pubsub#subid").type(FieldType.HIDDEN).value(a.subId()).build())
                .field(Field.builder("pubsub#node").type(FieldType.TEXT_SINGLE).label("Node ID").value(a.node()).build())
                .field(Field.builder("pubsub#subscriber_jid").type(FieldType.JID_SINGLE).label("Subscriber Address")
                        .value(a.jid().toString()).build())
                .field(Field.builder("pubsub#allow").type(FieldType.BOOLEAN)
                        .label("Allow this JID to subscribe to this pubsub node?").value(false).build())
                .build().toElement();
    }
}
