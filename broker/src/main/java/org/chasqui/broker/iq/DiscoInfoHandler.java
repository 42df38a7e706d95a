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

    private final Supplier<Set<String>> domainFeatures;

    public DiscoInfoHandler(Supplier<Set<String>> domainFeatures) {
        this.domainFeatures = domainFeatures;
    }

    @Override
    public void handle(IqRequest request) {
        if (!request.isGet()) {
            request.error(StanzaErrorCondition.BAD_REQUEST);
            return;
        }
        if (request.payload().attribute("node") != null) {
            request.error(StanzaErrorCondition.ITEM_NOT_FOUND); // XEP-0030 §3.2: no nodes yet
            return;
        }
        Element.Builder query = Element.builder("query", Namespaces.DISCO_INFO);
        if (request.toDomain()) {
            query.child(identity("server", "im", "Chasqui"));
            domainFeatures.get().forEach(f -> query.child(feature(f)));
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
