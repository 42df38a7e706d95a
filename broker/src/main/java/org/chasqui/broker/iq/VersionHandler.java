package org.chasqui.broker.iq;

import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.xml.Element;

/** XEP-0092 software version of the server. The operating system is not disclosed (XEP-0092 §5). */
public final class VersionHandler implements IqHandler {

    private final Element reply;

    public VersionHandler(String name, String version) {
        this.reply = Element.builder("query", Namespaces.VERSION)
                .textChild("name", name)
                .textChild("version", version)
                .build();
    }

    @Override
    public void handle(IqRequest request) {
        if (!request.toDomain()) {
            request.error(StanzaErrorCondition.SERVICE_UNAVAILABLE);
        } else if (!request.isGet()) {
            request.error(StanzaErrorCondition.BAD_REQUEST);
        } else {
            request.result(reply);
        }
    }
}
