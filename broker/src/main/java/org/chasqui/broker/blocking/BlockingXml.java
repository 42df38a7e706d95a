package org.chasqui.broker.blocking;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StanzaError;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.stanza.StanzaErrorType;
import org.chasqui.xmpp.xml.Element;

/** The elements of XEP-0191 (§3 and the schemas of §10). */
public final class BlockingXml {

    public static final String NAMESPACE = "urn:xmpp:blocking";
    public static final String ERRORS = "urn:xmpp:blocking:errors";

    /** §3.3: what the user gets for a stanza it sent to a JID it blocks. */
    public static final StanzaError BLOCKED = new StanzaError(StanzaErrorType.CANCEL,
            StanzaErrorCondition.NOT_ACCEPTABLE, null, Element.empty("blocked", ERRORS));

    private BlockingXml() {
    }

    /** The JIDs of a block or unblock element, or the error that answers it. */
    record Items(Set<Jid> jids, StanzaError error) {
    }

    /**
     * The {@code <item jid=''/>} children: each needs a 'jid' (the schema makes it required: else
     * bad-request) that is a valid JID (else jid-malformed, RFC 6120 §8.3.3.8).
     */
    static Items items(Element command) {
        Set<Jid> jids = new LinkedHashSet<>();
        for (Element item : command.elements()) {
            if (!item.is("item", NAMESPACE)) {
                continue;
            }
            String text = item.attribute("jid");
            if (text == null) {
                return new Items(Set.of(), StanzaError.of(StanzaErrorCondition.BAD_REQUEST, "an item has no 'jid'"));
            }
            Jid jid = Jid.tryParse(text).orElse(null);
            if (jid == null) {
                return new Items(Set.of(), StanzaError.of(StanzaErrorCondition.JID_MALFORMED, "not a JID: " + text));
            }
            jids.add(jid);
        }
        return new Items(jids, null);
    }

    /** {@code <blocklist/>}, {@code <block/>} or {@code <unblock/>} with one item per JID. */
    static Element withItems(String name, Iterable<Jid> jids) {
        Element.Builder b = Element.builder(name, NAMESPACE);
        for (Jid jid : jids) {
            b.child(Element.builder("item", NAMESPACE).attribute("jid", jid.toString()).build());
        }
        return b.build();
    }

    /** §3.3, §3.4, §3.5: a push to one of the user's resources (no 'from': the user's own account). */
    static Element push(String id, Jid to, Element payload) {
        return Element.builder("iq", Namespaces.CLIENT)
                .attribute("type", "set")
                .attribute("id", id)
                .attribute("to", to.toString())
                .child(payload)
                .build();
    }

    static List<String> strings(Iterable<Jid> jids) {
        List<String> out = new ArrayList<>();
        jids.forEach(j -> out.add(j.toString()));
        return out;
    }
}
