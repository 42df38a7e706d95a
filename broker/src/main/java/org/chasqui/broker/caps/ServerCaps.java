package org.chasqui.broker.caps;

import java.util.Set;
import org.chasqui.broker.iq.DiscoInfoHandler;
import org.chasqui.xmpp.xml.Element;

/**
 * The server's own XEP-0115 capabilities, advertised in stream features (§6.3) so that clients can
 * skip a disco#info of the domain they already know: the verification string of the domain's
 * disco#info, computed once the handlers are registered.
 */
public final class ServerCaps {

    private final String ver;

    public ServerCaps(Set<String> domainFeatures) {
        this.ver = CapsVerifier.ver(DiscoInfoHandler.domainInfo(domainFeatures), "sha-1");
    }

    /** "node#ver", the disco#info node that describes the server. */
    public String node() {
        return DiscoInfoHandler.CAPS_NODE + "#" + ver;
    }

    /** The {@code <c/>} stream feature. */
    public Element feature() {
        return Element.builder("c", Caps.NAMESPACE)
                .attribute("hash", "sha-1")
                .attribute("node", DiscoInfoHandler.CAPS_NODE)
                .attribute("ver", ver)
                .build();
    }
}
