package org.chasqui.broker.csi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.chasqui.xmpp.xml.Element;

/**
 * The XEP-0352 state of one stream: active or inactive (§4.2; active at the start of every stream,
 * resumed ones included, §5, §5.2), and the stanzas held for it while it is inactive, in the order they came.
 * Bounded: when {@code capacity} stanzas are held, all of them go out. Owned by the stream's loop.
 */
public final class CsiBuffer {

    /** Most stanzas held for one inactive client before they are all sent. */
    public static final int DEFAULT_CAPACITY = 100;

    private final CsiPolicy policy;
    private final int capacity;
    /** Insertion-ordered: a presence is keyed by its sender and moves to the end when replaced. */
    private final LinkedHashMap<Object, Element> held = new LinkedHashMap<>();
    private long sequence;
    private boolean inactive;

    private record Sender(String fullJid) {
    }

    public CsiBuffer(CsiPolicy policy, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.policy = policy;
        this.capacity = capacity;
    }

    public boolean isInactive() {
        return inactive;
    }

    /** §4.2: {@code <inactive/>}. */
    public void inactive() {
        inactive = true;
    }

    /** §4.2: {@code <active/>}; returns what was held, in order, to be written before anything else (§5.1). */
    public List<Element> active() {
        inactive = false;
        return drain();
    }

    /** A stanza for the client: returns what to write now, in order (often nothing, or just it). */
    public List<Element> offer(Element stanza) {
        if (!inactive) {
            return List.of(stanza);
        }
        switch (policy.decide(stanza)) {
            case SEND_NOW -> {
                return List.of(stanza);
            }
            case HOLD -> held.put(sequence++, stanza);
            case HOLD_NEWEST_PER_SENDER -> {
                Sender sender = new Sender(stanza.attribute("from"));
                held.remove(sender);
                held.put(sender, stanza);
            }
        }
        return held.size() >= capacity ? drain() : List.of();
    }

    /** Everything held, in order; the buffer is empty afterwards. */
    public List<Element> drain() {
        List<Element> all = new ArrayList<>(held.values());
        held.clear();
        return all;
    }

    public int heldCount() {
        return held.size();
    }
}
