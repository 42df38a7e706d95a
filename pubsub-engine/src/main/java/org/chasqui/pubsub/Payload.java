package org.chasqui.pubsub;

import java.util.Objects;

/**
 * An item's payload as serialized XML. A payload always stands for the same XML; only where it is kept
 * may change. Held on the heap ({@link #inline}), or, for a stored item, read from storage when asked:
 * persistence supplies such payloads through a {@link PayloadStore}, so that large item histories need
 * not fit in the heap while the engine stays free of I/O.
 */
public interface Payload {

    /** The XML. A stored payload may read it from storage; safe on any thread. */
    String xml();

    /**
     * Whether {@link #xml()} now returns a heap copy without reading storage. A read from storage may
     * wait for the disk (a memory-mapped page the kernel evicted), so callers on an event loop ask first
     * and read elsewhere when it is false. A hint: the answer may change right after.
     */
    default boolean onHeap() {
        return false;
    }

    /**
     * A hint from the service's shard: this payload is now its node's newest item, or no longer is. The
     * newest item is the one sent on every subscription and presence (XEP-0060 §6.1.7, XEP-0163 §4.3.4),
     * so a stored payload keeps a heap copy of it; the others it may drop. Called on the shard only.
     */
    default void newest(boolean newest) {
    }

    /** A payload held on the heap. */
    static Payload inline(String xml) {
        return new Inline(xml);
    }

    /** The heap payload: the XML itself. */
    record Inline(String xml) implements Payload {
        public Inline {
            Objects.requireNonNull(xml, "xml");
        }

        @Override
        public boolean onHeap() {
            return true;
        }
    }
}
