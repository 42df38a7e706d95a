package org.chasqui.broker.iq;

import java.util.List;
import java.util.function.Supplier;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.xml.Element;

/** XEP-0030 §4 disco#items: the domain lists its services (e.g. pubsub once it exists). */
public final class DiscoItemsHandler implements IqHandler {

    private final Supplier<List<String>> domainItems;

    public DiscoItemsHandler(Supplier<List<String>> domainItems) {
        this.domainItems = domainItems;
    }

    @Override
    public void handle(IqRequest request) {
        if (!request.isGet()) {
            request.error(StanzaErrorCondition.BAD_REQUEST);
            return;
        }
        if (request.payload().attribute("node") != null) {
            request.error(StanzaErrorCondition.ITEM_NOT_FOUND);
            return;
        }
        Element.Builder query = Element.builder("query", Namespaces.DISCO_ITEMS);
        if (request.toDomain()) {
            for (String jid : domainItems.get()) {
                query.child(Element.builder("item", Namespaces.DISCO_ITEMS).attribute("jid", jid).build());
            }
        }
        request.result(query.build());
    }
}
