package org.chasqui.broker.pubsub;

import java.util.Map;
import org.chasqui.pubsub.Item;
import org.chasqui.pubsub.PubSubCondition;
import org.chasqui.pubsub.PubSubError;
import org.chasqui.pubsub.Reply;
import org.chasqui.pubsub.ResultSet;
import org.chasqui.pubsub.Subscription;
import org.chasqui.xmpp.forms.DataForm;
import org.chasqui.xmpp.stanza.StanzaError;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.stanza.StanzaErrorType;
import org.chasqui.xmpp.stream.StoredStanzas;
import org.chasqui.xmpp.xml.Element;

/** Renders the engine's replies and errors as the payloads of XEP-0060's IQ results and errors. */
final class PubSubReplies {

    private PubSubReplies() {
    }

    /** The result payload, or null for an empty result; {@code ns} is the request's namespace. */
    static Element render(Reply reply, String ns) {
        if (reply instanceof Reply.Done) {
            return null;
        } else if (reply instanceof Reply.Created c) {
            return wrap(PubSubXml.PUBSUB, Element.builder("create", PubSubXml.PUBSUB).attribute("node", c.node()).build());
        } else if (reply instanceof Reply.ConfigForm c) {
            Element inner = c.node() == null
                    ? Element.builder("default", PubSubXml.OWNER).child(Forms.configForm(c.config())).build()
                    : Element.builder("configure", PubSubXml.OWNER).attribute("node", c.node()).child(Forms.configForm(c.config())).build();
            return wrap(PubSubXml.OWNER, inner);
        } else if (reply instanceof Reply.Published p) {
            Element.Builder publish = Element.builder("publish", PubSubXml.PUBSUB).attribute("node", p.node());
            p.itemIds().forEach(id -> publish.child(Element.builder("item", PubSubXml.PUBSUB).attribute("id", id).build()));
            return wrap(PubSubXml.PUBSUB, publish.build());
        } else if (reply instanceof Reply.Subscribed s) {
            return wrap(PubSubXml.PUBSUB, subscription(PubSubXml.PUBSUB, s.node(), s.subscription(), true));
        } else if (reply instanceof Reply.OptionsForm o) {
            Element.Builder options = Element.builder("options", PubSubXml.PUBSUB).attribute("node", o.node())
                    .attribute("jid", o.jid().toString()).attribute("subid", o.subId());
            return wrap(PubSubXml.PUBSUB, options.child(Forms.optionsForm(o.options(), DataForm.Type.FORM)).build());
        } else if (reply instanceof Reply.DefaultOptions d) {
            Element.Builder def = Element.builder("default", PubSubXml.PUBSUB);
            if (d.node() != null) {
                def.attribute("node", d.node());
            }
            return wrap(PubSubXml.PUBSUB, def.child(Forms.optionsForm(d.options(), DataForm.Type.RESULT)).build()); // §6.4.2
        } else if (reply instanceof Reply.Items i) {
            Element.Builder pubsub = Element.builder("pubsub", PubSubXml.PUBSUB).child(items(i));
            if (i.page() != null) {
                pubsub.child(resultSet(i.page())); // §6.5.4: XEP-0059 after <items/>
            }
            return pubsub.build();
        } else if (reply instanceof Reply.Subscriptions s) {
            boolean owner = ns.equals(PubSubXml.OWNER);
            Element.Builder list = Element.builder("subscriptions", ns);
            if (s.node() != null) {
                list.attribute("node", s.node());
            }
            // §5.6 lists node per entry; §8.8.1 names the node once and each subscriber's JID
            s.subscriptions().forEach(x -> list.child(subscription(ns, owner ? null : x.node(), x.subscription(), true)));
            return wrap(ns, list.build());
        } else if (reply instanceof Reply.Affiliations a) {
            boolean owner = ns.equals(PubSubXml.OWNER);
            Element.Builder list = Element.builder("affiliations", ns);
            if (a.node() != null && owner) {
                list.attribute("node", a.node());
            }
            a.affiliations().forEach(x -> {
                Element.Builder e = Element.builder("affiliation", ns);
                if (owner) {
                    e.attribute("jid", x.jid().toString());
                } else {
                    e.attribute("node", x.node());
                }
                list.child(e.attribute("affiliation", x.affiliation().wire()).build());
            });
            return wrap(ns, list.build());
        }
        throw new IllegalArgumentException("unknown reply " + reply);
    }

    static Element subscription(String ns, String node, Subscription s, boolean withJid) {
        Element.Builder b = Element.builder("subscription", ns);
        if (node != null) {
            b.attribute("node", node);
        }
        if (withJid) {
            b.attribute("jid", s.jid().toString());
        }
        return b.attribute("subid", s.subId()).attribute("subscription", s.state().wire()).build();
    }

    private static Element items(Reply.Items i) {
        Element.Builder items = Element.builder("items", PubSubXml.PUBSUB).attribute("node", i.node());
        for (Item item : i.items()) {
            items.child(item(PubSubXml.PUBSUB, item, true, i.withPublisher()));
        }
        return items.build();
    }

    /** XEP-0059 §2.2: first (with its index) and last only for a page with items; the count always. */
    private static Element resultSet(ResultSet.Info page) {
        Element.Builder set = Element.builder("set", PubSubXml.RSM);
        if (page.first() != null) {
            set.child(Element.builder("first", PubSubXml.RSM).attribute("index", Integer.toString(page.firstIndex()))
                    .text(page.first()).build());
            set.child(Element.builder("last", PubSubXml.RSM).text(page.last()).build());
        }
        return set.child(Element.builder("count", PubSubXml.RSM).text(Integer.toString(page.count())).build()).build();
    }

    /**
     * An {@code <item/>} with its payload (parsed back from its stored text) and, when asked, the
     * publisher's bare JID as stored by the service, never as claimed by the publisher (§7.1.2.3).
     */
    static Element item(String ns, Item item, boolean withPayload, boolean withPublisher) {
        Element.Builder b = Element.builder("item", ns).attribute("id", item.id());
        if (withPublisher) {
            b.attribute("publisher", item.publisher().toString());
        }
        if (withPayload && item.payloadXml() != null) {
            b.child(StoredStanzas.parse(item.payloadXml()));
        }
        return b.build();
    }

    /** A general condition with a pubsub-specific one. */
    private record Conditions(StanzaErrorCondition general, PubSubCondition specific) {
    }

    /**
     * The error types of XEP-0060's examples where they differ from the condition's usual type
     * (RFC 6120 §8.3.3): §6.1.3.9 answers too-many-subscriptions with 'wait'; §6.2.3.2 answers
     * not-subscribed with 'cancel' (retrying cannot help; §6.3.4.2's 'modify' for the same pair is
     * the odd one out, and 'wait', the usual type of unexpected-request, would invite a retry).
     */
    private static final Map<Conditions, StanzaErrorType> TYPES = Map.of(
            new Conditions(StanzaErrorCondition.POLICY_VIOLATION, PubSubCondition.TOO_MANY_SUBSCRIPTIONS), StanzaErrorType.WAIT,
            new Conditions(StanzaErrorCondition.UNEXPECTED_REQUEST, PubSubCondition.NOT_SUBSCRIBED), StanzaErrorType.CANCEL);

    /** The stanza error with the pubsub-specific condition (schema of pubsub#errors, §17.2). */
    static StanzaError error(PubSubError e) {
        Element specific = null;
        if (e.specific() != null) {
            Element.Builder b = Element.builder(e.specific().elementName(), PubSubXml.ERRORS);
            if (e.feature() != null) {
                b.attribute("feature", e.feature());
            }
            specific = b.build();
        }
        StanzaErrorType type = TYPES.get(new Conditions(e.condition(), e.specific()));
        return new StanzaError(type != null ? type : e.condition().defaultType(), e.condition(), e.text(), specific);
    }

    private static Element wrap(String ns, Element child) {
        return Element.builder("pubsub", ns).child(child).build();
    }
}
