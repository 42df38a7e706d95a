package org.chasqui.broker.roster;

import org.chasqui.persistence.users.UserRecord.RosterItem;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;

/** The jabber:iq:roster elements of RFC 6121 §2.1. */
public final class RosterXml {

    public static final String NAMESPACE = "jabber:iq:roster";
    /** RFC 6121 §2.6.1 stream feature. */
    public static final String VERSIONING_FEATURE = "urn:xmpp:features:rosterver";
    /** RFC 6121 §3.4.1 stream feature. */
    public static final String PRE_APPROVAL_FEATURE = "urn:xmpp:features:pre-approval";

    private RosterXml() {
    }

    /** RFC 6121 §2.1.2: an item as the server sends it. */
    public static Element item(RosterItem i) {
        Element.Builder b = Element.builder("item", NAMESPACE)
                .attribute("jid", i.contact())
                .attribute("subscription", i.subscription().attributeValue());
        if (i.name() != null) {
            b.attribute("name", i.name());
        }
        if (i.askOut()) {
            b.attribute("ask", "subscribe"); // §2.1.2.2
        }
        if (i.approved()) {
            b.attribute("approved", "true"); // §2.1.2.1
        }
        i.groups().forEach(g -> b.textChild("group", g));
        return b.build();
    }

    /** RFC 6121 §2.5.2: the item of a removal push. */
    public static Element removedItem(String contact) {
        return Element.builder("item", NAMESPACE).attribute("jid", contact).attribute("subscription", "remove").build();
    }

    public static Element query(long version, Iterable<Element> items) {
        Element.Builder b = Element.builder("query", NAMESPACE).attribute("ver", version(version));
        items.forEach(b::child);
        return b.build();
    }

    /** RFC 6121 §2.6: opaque to clients; ours is the user's change counter. */
    public static String version(long v) {
        return Long.toString(v);
    }

    /** RFC 6121 §2.1.6: a roster push, from the user's bare JID (here: no 'from', which means the same). */
    public static Element push(String id, String to, long version, Element item) {
        return Element.builder("iq", Namespaces.CLIENT)
                .attribute("type", "set")
                .attribute("id", id)
                .attribute("to", to)
                .child(Element.builder("query", NAMESPACE).attribute("ver", version(version)).child(item).build())
                .build();
    }
}
