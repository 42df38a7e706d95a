package org.chasqui.broker.presence;

import org.chasqui.broker.routing.LocalSession;
import org.chasqui.xmpp.xml.Element;

/** Told about broadcast presence of local resources (e.g. XEP-0115 capabilities, PEP last items). */
public interface PresenceListener {

    /** The resource broadcast available presence; {@code initial} when it was unavailable before (RFC 6121 §4.2). */
    void available(LocalSession session, Element presence, boolean initial);

    /** The resource is unavailable (unavailable presence or a lost connection). */
    void unavailable(LocalSession session);

    /** Both listeners, in this order. */
    static PresenceListener both(PresenceListener first, PresenceListener second) {
        return new PresenceListener() {
            @Override
            public void available(LocalSession session, Element presence, boolean initial) {
                first.available(session, presence, initial);
                second.available(session, presence, initial);
            }

            @Override
            public void unavailable(LocalSession session) {
                first.unavailable(session);
                second.unavailable(session);
            }
        };
    }

    PresenceListener NONE = new PresenceListener() {
        @Override
        public void available(LocalSession session, Element presence, boolean initial) {
        }

        @Override
        public void unavailable(LocalSession session) {
        }
    };
}
