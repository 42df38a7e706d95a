package org.chasqui.broker.sm;

import java.util.EnumSet;
import java.util.Set;
import org.chasqui.xmpp.stanza.StreamErrorCondition;

/**
 * Which endings of a stream leave its resumable session waiting for the client (XEP-0198 §5, §7).
 * A lost connection does; the client's own {@code </stream:stream>} does not (§7). Of the stream
 * errors, only those that say the connection failed or moved, not that the client misbehaved, was
 * replaced or removed, or that the server hit a bug (internal-server-error: the session's state is
 * not trusted to live on): everything else ends the session for good.
 */
public final class ResumePolicy {

    private static final Set<StreamErrorCondition> SURVIVABLE = EnumSet.of(
            StreamErrorCondition.CONNECTION_TIMEOUT,
            StreamErrorCondition.RESET,
            StreamErrorCondition.RESOURCE_CONSTRAINT,
            StreamErrorCondition.SEE_OTHER_HOST);

    private ResumePolicy() {
    }

    /** True if a session may wait for resumption after its stream ended with this error. */
    public static boolean survives(StreamErrorCondition condition) {
        return SURVIVABLE.contains(condition);
    }
}
