package org.chasqui.broker.iq;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;

/**
 * The server's IQ handlers, keyed by the namespace of the request's payload, and the features they
 * add to the domain's disco#info. Filled at start-up, read-only afterwards.
 */
public final class IqHandlers {

    private final Map<String, IqHandler> handlers = new HashMap<>();
    private final Set<String> features = new TreeSet<>();

    /** Registers a handler for a payload namespace and the disco features it implements. */
    public IqHandlers register(String namespace, IqHandler handler, String... discoFeatures) {
        if (handlers.putIfAbsent(namespace, handler) != null) {
            throw new IllegalStateException("two handlers for " + namespace);
        }
        Collections.addAll(features, discoFeatures);
        return this;
    }

    /** Adds a feature that no IQ handler implements (e.g. one of the stream). */
    public IqHandlers feature(String discoFeature) {
        features.add(discoFeature);
        return this;
    }

    public Set<String> features() {
        return Collections.unmodifiableSet(features);
    }

    /** Dispatches a request; unknown payloads get service-unavailable (RFC 6120 §8.4). */
    public void dispatch(IqRequest request) {
        IqHandler handler = request.payload() == null ? null : handlers.get(request.payload().namespace());
        if (handler == null) {
            request.error(StanzaErrorCondition.SERVICE_UNAVAILABLE);
        } else {
            handler.handle(request);
        }
    }
}
