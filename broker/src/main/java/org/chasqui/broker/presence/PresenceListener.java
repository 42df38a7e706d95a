package org.chasqui.broker.presence;

import org.chasqui.broker.routing.LocalSession;
import org.chasqui.xmpp.xml.Element;

/** Told about broadcast presence of local resources (e.g. XEP-0115 capabilities, PEP last items). */
public interface PresenceListener {

    /** The resource broadcast available presence; {@code initial} when it was unavailable before (RFC 6121 §4.2). */
    void available(LocalSession session, Element presence, boolean initial);

    /** The resource is unavailable (unavailable presence or a lost connection). */
    void unavailable(LocalSession session);

    PresenceListener NONE = new PresenceListener() {
        @Override
        public void available(LocalSession session, Element presence, boolean initial) {
        }

        @Override
        public void unavailable(LocalSession session) {
        }
    };
}
