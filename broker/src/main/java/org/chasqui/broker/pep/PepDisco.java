package org.chasqui.broker.pep;

import java.util.ArrayList;
import java.util.List;
import org.chasqui.broker.iq.IqHandler;
import org.chasqui.broker.iq.IqRequest;
import org.chasqui.broker.pubsub.PubSubDisco;
import org.chasqui.broker.pubsub.PubSubServices;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.xml.Element;

/**
 * XEP-0163 §6: service discovery of an account's bare JID. disco#info names the account and its PEP
 * service (identity pubsub/pep) with the pubsub features, or describes one PEP node; disco#items lists
 * the PEP nodes the requester may see (§6.2). Requests to the domain go to the server's own handler.
 */
public final class PepDisco implements IqHandler {

    /** XEP-0163 §4: the PEP features beyond the generic pubsub ones. */
    static final List<String> PEP_FEATURES = List.of("http://jabber.org/protocol/pubsub#auto-subscribe",
            "http://jabber.org/protocol/pubsub#filtered-notifications");

    private final IqHandler domainHandler;
    private final PubSubServices services;
    private final boolean items;

    private PepDisco(IqHandler domainHandler, PubSubServices services, boolean items) {
        this.domainHandler = domainHandler;
        this.services = services;
        this.items = items;
    }

    public static PepDisco info(IqHandler domainHandler, PubSubServices services) {
        return new PepDisco(domainHandler, services, false);
    }

    public static PepDisco items(IqHandler domainHandler, PubSubServices services) {
        return new PepDisco(domainHandler, services, true);
    }

    /** The pubsub and PEP feature URIs an account advertises. */
    public static List<String> features() {
        List<String> out = new ArrayList<>(PubSubDisco.featureVars());
        out.addAll(PEP_FEATURES);
        return out;
    }

    @Override
    public void handle(IqRequest request) {
        if (request.toDomain()) {
            domainHandler.handle(request);
            return;
        }
        if (!request.isGet()) {
            request.error(StanzaErrorCondition.BAD_REQUEST);
            return;
        }
        String node = request.payload().attribute("node");
        if (!items && node == null) {
            request.result(accountInfo());
            return;
        }
        services.query(request.to(), service -> items
                ? PubSubDisco.items(service, request.to(), node, n -> service.mayAccess(n, request.from(), services.facts()))
                : PubSubDisco.info(service, node), payload -> {
            if (payload == null) {
                request.error(StanzaErrorCondition.ITEM_NOT_FOUND);
            } else {
                request.result(payload);
            }
        });
    }

    /** XEP-0163 §6.1: the account, and its PEP service. */
    private static Element accountInfo() {
        Element.Builder q = Element.builder("query", Namespaces.DISCO_INFO);
        q.child(identity("account", "registered"));
        q.child(identity("pubsub", "pep"));
        q.child(feature(Namespaces.DISCO_INFO)).child(feature(Namespaces.DISCO_ITEMS));
        features().forEach(f -> q.child(feature(f)));
        return q.build();
    }

    private static Element identity(String category, String type) {
        return Element.builder("identity", Namespaces.DISCO_INFO).attribute("category", category).attribute("type", type).build();
    }

    private static Element feature(String var) {
        return Element.builder("feature", Namespaces.DISCO_INFO).attribute("var", var).build();
    }
}
