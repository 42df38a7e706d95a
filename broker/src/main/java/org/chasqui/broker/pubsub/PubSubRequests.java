package org.chasqui.broker.pubsub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chasqui.pubsub.Affiliation;
import org.chasqui.pubsub.Command;
import org.chasqui.pubsub.ConfigField;
import org.chasqui.pubsub.NodeType;
import org.chasqui.pubsub.PubSubCondition;
import org.chasqui.pubsub.PubSubError;
import org.chasqui.pubsub.ResultSet;
import org.chasqui.pubsub.SubscriptionOptions;
import org.chasqui.pubsub.SubscriptionState;
import org.chasqui.xmpp.forms.FormException;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.stream.StoredStanzas;
import org.chasqui.xmpp.xml.Element;

/**
 * Turns the {@code <pubsub/>} payload of an IQ into a {@link Command} (XEP-0060 §5 to §8), or the error
 * for a request that is malformed before any node is looked at (wrong IQ type, missing attributes, a
 * form that breaks XEP-0004). The engine judges everything else.
 */
final class PubSubRequests {

    /** A parsed request: exactly one of command, error, or {@code done} (answered with an empty result). */
    record Parsed(Command command, PubSubError error, boolean done) {
        static Parsed of(Command c) {
            return new Parsed(c, null, false);
        }

        static Parsed fail(PubSubError e) {
            return new Parsed(null, e, false);
        }
    }

    private PubSubRequests() {
    }

    static Parsed parse(Element payload, boolean set, Jid actor) {
        try {
            return payload.namespace().equals(PubSubXml.OWNER) ? owner(payload, set, actor) : user(payload, set, actor);
        } catch (FormException e) {
            return Parsed.fail(PubSubError.of(StanzaErrorCondition.BAD_REQUEST).withText(e.getMessage()));
        } catch (IllegalArgumentException e) {
            return Parsed.fail(PubSubError.of(StanzaErrorCondition.BAD_REQUEST).withText(e.getMessage()));
        }
    }

    /** Requests in the http://jabber.org/protocol/pubsub namespace. */
    private static Parsed user(Element pubsub, boolean set, Jid actor) throws FormException {
        List<Element> children = pubsub.elements();
        if (children.isEmpty()) {
            return badRequest("an empty pubsub request");
        }
        Element first = children.get(0);
        String node = first.attribute("node");
        switch (first.name()) {
            case "create" -> {
                // §8.1.3 puts <configure/> in the pubsub namespace; Smack 4.4 sends it in pubsub#owner
                Element configure = sibling(pubsub, "configure");
                if (configure != null && configure.attribute("node") != null) {
                    return badRequest("<configure/> after <create/> takes no node attribute"); // §8.1.3
                }
                Element x = Forms.formIn(configure);
                return set ? Parsed.of(new Command.Create(actor, node, x == null ? null : Forms.fields(x, ConfigField.FORM_TYPE)))
                        : wrongType();
            }
            case "publish" -> {
                if (!set) {
                    return wrongType();
                }
                List<Command.NewItem> items = new ArrayList<>();
                for (Element item : first.elements()) {
                    if (!item.name().equals("item")) {
                        continue;
                    }
                    List<Element> payloads = item.elements();
                    if (payloads.size() > 1) {
                        return Parsed.fail(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.INVALID_PAYLOAD)); // §7.1.3.6
                    }
                    Element payload = payloads.isEmpty() ? null : payloads.get(0);
                    items.add(new Command.NewItem(item.attribute("id"), payload == null ? null : StoredStanzas.toText(payload),
                            payload == null ? null : payload.namespace()));
                }
                Element x = Forms.formIn(sibling(pubsub, "publish-options"));
                return Parsed.of(new Command.Publish(actor, node, items,
                        x == null ? null : Forms.fields(x, PubSubXml.PUBLISH_OPTIONS)));
            }
            case "retract" -> {
                if (!set) {
                    return wrongType();
                }
                List<String> ids = new ArrayList<>();
                for (Element item : first.elements()) {
                    if (item.attribute("id") == null) {
                        return Parsed.fail(PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.ITEM_REQUIRED));
                    }
                    ids.add(item.attribute("id"));
                }
                String notify = first.attribute("notify");
                return Parsed.of(new Command.Retract(actor, node, ids, "true".equals(notify) || "1".equals(notify)));
            }
            case "subscribe" -> {
                Element options = sibling(pubsub, "options");
                if (options != null && (options.attribute("node") != null || options.attribute("jid") != null)) {
                    return badRequest("<options/> after <subscribe/> takes no node or jid attribute"); // §6.3.7
                }
                Element x = Forms.formIn(options);
                return set ? Parsed.of(new Command.Subscribe(actor, node, jid(first),
                        x == null ? null : Forms.fields(x, SubscriptionOptions.FORM_TYPE)))
                        : wrongType();
            }
            case "unsubscribe" -> {
                return set ? Parsed.of(new Command.Unsubscribe(actor, node, jid(first), first.attribute("subid"))) : wrongType();
            }
            case "options" -> {
                Element x = Forms.formIn(first);
                if (set) {
                    return x == null ? badRequest("options without a form")
                            : Parsed.of(new Command.SetOptions(actor, node, jid(first), first.attribute("subid"),
                                    Forms.fields(x, SubscriptionOptions.FORM_TYPE)));
                }
                return Parsed.of(new Command.GetOptions(actor, node, jid(first), first.attribute("subid")));
            }
            case "items" -> {
                if (set) {
                    return wrongType();
                }
                List<String> ids = new ArrayList<>();
                first.elements().forEach(i -> {
                    if (i.attribute("id") != null) {
                        ids.add(i.attribute("id"));
                    }
                });
                Integer max = first.attribute("max_items") == null ? null : Integer.valueOf(first.attribute("max_items").strip());
                Element rsm = pubsub.child("set", PubSubXml.RSM); // §6.5.4: XEP-0059 after <items/>
                return Parsed.of(new Command.GetItems(actor, node, max, ids, first.attribute("subid"),
                        rsm == null ? null : page(rsm)));
            }
            case "default" -> {
                // §6.4.1: in the pubsub namespace, the default subscription options (of a node, or the service's)
                return set ? wrongType() : Parsed.of(new Command.GetDefaultOptions(actor, node));
            }
            case "subscriptions" -> {
                return set ? wrongType() : Parsed.of(new Command.GetSubscriptions(actor, node));
            }
            case "affiliations" -> {
                return set ? wrongType() : Parsed.of(new Command.GetAffiliations(actor, node));
            }
            default -> {
                return Parsed.fail(PubSubError.of(StanzaErrorCondition.FEATURE_NOT_IMPLEMENTED)
                        .withText("unsupported request " + first.name()));
            }
        }
    }

    /** Requests in the http://jabber.org/protocol/pubsub#owner namespace (§8). */
    private static Parsed owner(Element pubsub, boolean set, Jid actor) throws FormException {
        List<Element> children = pubsub.elements();
        if (children.isEmpty()) {
            return badRequest("an empty pubsub#owner request");
        }
        Element first = children.get(0);
        String node = first.attribute("node");
        switch (first.name()) {
            case "configure" -> {
                if (!set) {
                    return Parsed.of(new Command.GetConfig(actor, node));
                }
                Element x = Forms.formIn(first);
                if (x == null) {
                    return badRequest("configure without a form");
                }
                if ("cancel".equals(x.attribute("type"))) {
                    return new Parsed(null, null, true); // §8.2.4: the owner cancels
                }
                return Parsed.of(new Command.Configure(actor, node, Forms.fields(x, ConfigField.FORM_TYPE)));
            }
            case "default" -> {
                if (set) {
                    return wrongType();
                }
                // §8.3.2: the node type is the 'type' attribute (leaf when absent); older clients send a form
                String type = first.attribute("type");
                Element x = Forms.formIn(first);
                if (type == null && x != null) {
                    type = Forms.fields(x, ConfigField.FORM_TYPE).getOrDefault("pubsub#node_type", List.of()).stream().findFirst().orElse(null);
                }
                NodeType nodeType = type == null ? NodeType.LEAF : NodeType.parse(type);
                if (nodeType == null) {
                    return badRequest("a node type is leaf or collection");
                }
                return Parsed.of(new Command.GetDefaultConfig(actor, nodeType));
            }
            case "delete" -> {
                Element redirect = first.child("redirect", PubSubXml.OWNER);
                return set ? Parsed.of(new Command.Delete(actor, node, redirect == null ? null : redirect.attribute("uri")))
                        : wrongType();
            }
            case "purge" -> {
                return set ? Parsed.of(new Command.Purge(actor, node)) : wrongType();
            }
            case "subscriptions" -> {
                if (!set) {
                    return Parsed.of(new Command.GetNodeSubscriptions(actor, node));
                }
                List<Command.SubscriptionChange> changes = new ArrayList<>();
                for (Element s : first.elements()) {
                    SubscriptionState state = SubscriptionState.parse(s.attribute("subscription"));
                    if (state == null) {
                        return badRequest("subscription must be none, pending, unconfigured or subscribed");
                    }
                    changes.add(new Command.SubscriptionChange(jid(s), state, s.attribute("subid")));
                }
                return Parsed.of(new Command.SetNodeSubscriptions(actor, node, changes));
            }
            case "affiliations" -> {
                if (!set) {
                    return Parsed.of(new Command.GetNodeAffiliations(actor, node));
                }
                Map<Jid, Affiliation> changes = new LinkedHashMap<>();
                for (Element a : first.elements()) {
                    Affiliation affiliation = Affiliation.parse(a.attribute("affiliation"));
                    Jid jid = jid(a);
                    if (affiliation == null || jid == null) {
                        return badRequest("an affiliation needs a jid and a known affiliation");
                    }
                    if (changes.put(jid.bare(), affiliation) != null) {
                        return badRequest("two affiliations for " + jid.bare()); // §8.9.2.4
                    }
                }
                return Parsed.of(new Command.SetNodeAffiliations(actor, node, changes));
            }
            default -> {
                return Parsed.fail(PubSubError.of(StanzaErrorCondition.FEATURE_NOT_IMPLEMENTED)
                        .withText("unsupported request " + first.name()));
            }
        }
    }

    /**
     * An XEP-0059 {@code <set/>} of a request: max, after, before (empty: the last page, §2.5), index.
     * A value that is not a non-negative integer, or two of after / before / index, is a bad request.
     */
    private static ResultSet.Request page(Element set) {
        String after = set.childText("after", PubSubXml.RSM);
        return new ResultSet.Request(count(set.childText("max", PubSubXml.RSM)), after == null || after.isEmpty() ? null : after,
                set.childText("before", PubSubXml.RSM), count(set.childText("index", PubSubXml.RSM)));
    }

    private static Integer count(String text) {
        return text == null ? null : Integer.valueOf(text.strip());
    }

    /** The element after the request with this name, in the pubsub or pubsub#owner namespace, or null. */
    private static Element sibling(Element pubsub, String name) {
        Element e = pubsub.child(name, PubSubXml.PUBSUB);
        return e != null ? e : pubsub.child(name, PubSubXml.OWNER);
    }

    /** The 'jid' attribute as a JID, or null if absent; a malformed one is a bad request (§6.1.3.1: invalid-jid). */
    private static Jid jid(Element e) {
        String value = e.attribute("jid");
        if (value == null) {
            return null;
        }
        return Jid.tryParse(value).orElseThrow(() -> new IllegalArgumentException("not a JID: " + value));
    }

    private static Parsed wrongType() {
        return badRequest("wrong IQ type for this request");
    }

    private static Parsed badRequest(String why) {
        return Parsed.fail(PubSubError.of(StanzaErrorCondition.BAD_REQUEST).withText(why));
    }
}
