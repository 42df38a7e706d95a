package org.chasqui.broker.routing;

import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.xml.Element;

/**
 * Communications blocking (XEP-0191) as the router and the presence code see it. The implementation
 * lives in {@code org.chasqui.broker.blocking}; both methods are called from any thread and must
 * answer from memory, without blocking.
 */
public interface BlockingPolicy {

    /** No one blocks anyone: the router's policy until the server installs the real one. */
    BlockingPolicy NONE = new BlockingPolicy() {
        @Override
        public boolean blocks(Jid userBare, Jid other) {
            return false;
        }

        @Override
        public boolean stops(Element stanza, Jid from, Jid to) {
            return false;
        }
    };

    /** True when the local account {@code userBare} has blocked {@code other} (XEP-0191 §6 matching). */
    boolean blocks(Jid userBare, Jid other);

    /**
     * Applies XEP-0191 §3.3 to a stanza from {@code from} (a local entity) to {@code to}: true when
     * the stanza must not be routed, in which case it has been dropped or answered with an error.
     */
    boolean stops(Element stanza, Jid from, Jid to);
}
