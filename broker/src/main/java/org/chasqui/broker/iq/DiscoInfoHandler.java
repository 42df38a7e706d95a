package org.chasqui.broker.iq;

import java.util.function.Supplier;
import java.util.Set;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.xml.Element;

/**
 * XEP-0030 §3 disco#info: the domain is a server/im with the features of the registered handlers;
 * an account's bare JID is an account/registered (XEP-0030 §3.1, as RFC 6121 servers answer for it).
 */
public final class DiscoInfoHandler implements IqHandler {

    /** XEP-0115 §6.1: the node the server names in its own capabilities. */
    public static final String CAPS_NODE = "https://chasqui.org/caps";

    private final Supplier<Set<String>> domainFeatures;
    private final Supplier<String> capsNode;

    /**
     * @param capsNode the "node#ver" of the server's own XEP-0115 capabilities, which is answered like
     *                 the domain itself (§6.2); null supplier value while unknown
     */
    public DiscoInfoHandler(Supplier<Set<String>> domainFeatures, Supplier<String> capsNode) {
        this.domainFeatures = domainFeatures;
        this.capsNode = capsNode;
    }

    public DiscoInfoHandler(Supplier<Set<String>> domainFeatures) {
        this(domainFeatures, () -> null);
    }

    /** The domain's disco#info: identity server/im and the registered features (also what caps hash). */
    public static Element domainInfo(Set<String> features) {
        Element.Builder query = Element.builder("query", Namespaces.DISCO_INFO);
        query.child(identity("server", "im", "Chasqui"));
        features.forEach(f -> query.child(feature(f)));
        return query.build();
    }

    @Override
    public void handle(IqRequest request) {
        if (!request.isGet()) {
            request.error(StanzaErrorCondition.BAD_REQUEST);
            return;
        }
        String node = request.payload().attribute("node");
        if (node != null) {
            if (request.toDomain() && node.equals(capsNode.get())) {
                // XEP-0115 §6.2: the capabilities node is the domain's own information
                request.result(domainInfo(domainFeatures.get()).withAttribute("node", node));
            } else {
                request.error(StanzaErrorCondition.ITEM_NOT_FOUND); // XEP-0030 §3.2
            }
            return;
        }
        Element.Builder query = Element.builder("query", Namespaces.DISCO_INFO);
        if (request.toDomain()) {
            request.result(domainInfo(domainFeatures.get()));
            return;
        } else {
            query.child(identity("account", "registered", null));
            query.child(feature(Namespaces.DISCO_INFO));
            query.child(feature(Namespaces.DISCO_ITEMS));
        }
        request.result(query.build());
    }

    private static Element identity(String category, String type, String name) {
        return Element.builder("identity", Namespaces.DISCO_INFO)
                .attribute("category", category)
                .attribute("type", type)
                .attribute("name", name)
                .build();
    }

    private static Element feature(String var) {
        return Element.builder("feature", Namespaces.DISCO_INFO).attribute("var", var).build();
    }
}
