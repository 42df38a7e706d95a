package org.chasqui.persistence.pubsub;

import static org.chasqui.persistence.log.Fields.count;
import static org.chasqui.persistence.log.Fields.optionalText;
import static org.chasqui.persistence.log.Fields.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import net.openhft.chronicle.bytes.Bytes;
import org.chasqui.persistence.log.Fields;
import org.chasqui.pubsub.Affiliation;
import org.chasqui.pubsub.Item;
import org.chasqui.pubsub.NodeConfig;
import org.chasqui.pubsub.NodeConfigFields;
import org.chasqui.pubsub.Payload;
import org.chasqui.pubsub.PubSubRecord;
import org.chasqui.pubsub.PubSubRecord.AffiliationSet;
import org.chasqui.pubsub.PubSubRecord.ItemPublished;
import org.chasqui.pubsub.PubSubRecord.ItemsRemoved;
import org.chasqui.pubsub.PubSubRecord.NodeConfigured;
import org.chasqui.pubsub.PubSubRecord.NodeCreated;
import org.chasqui.pubsub.PubSubRecord.NodeDeleted;
import org.chasqui.pubsub.PubSubRecord.NodePurged;
import org.chasqui.pubsub.PubSubRecord.SubscriptionRemoved;
import org.chasqui.pubsub.PubSubRecord.SubscriptionSaved;
import org.chasqui.pubsub.Subscription;
import org.chasqui.pubsub.SubscriptionOptions;
import org.chasqui.pubsub.SubscriptionState;
import org.chasqui.persistence.pubsub.PubSubJournal.Entry;
import org.chasqui.xmpp.jid.Jid;

/** Writes and reads pubsub journal records (format in {@code package-info.java}). */
final class PubSubRecordCodec {

    static final byte VERSION_1 = 1;

    private PubSubRecordCodec() {
    }

    static void write(Bytes<?> out, Jid service, PubSubRecord r) {
        out.writeByte(tag(r)).writeByte(VERSION_1);
        text(out, service.toString());
        text(out, r.node());
        if (r instanceof NodeCreated c) {
            config(out, c.config());
            text(out, c.creator().toString());
            out.writeStopBit(c.atMillis());
        } else if (r instanceof NodeConfigured c) {
            config(out, c.config());
        } else if (r instanceof ItemPublished p) {
            Item i = p.item();
            text(out, i.id());
            optionalText(out, i.payloadXml());
            text(out, i.publisher().toString());
            out.writeStopBit(i.publishedAtMillis());
        } else if (r instanceof ItemsRemoved x) {
            out.writeStopBit(x.itemIds().size());
            x.itemIds().forEach(id -> text(out, id));
        } else if (r instanceof AffiliationSet a) {
            text(out, a.jid().toString());
            text(out, a.affiliation().wire());
        } else if (r instanceof SubscriptionSaved s) {
            subscription(out, s.subscription());
        } else if (r instanceof SubscriptionRemoved s) {
            text(out, s.subId());
        }
        // NodeDeleted, NodePurged: the node is all there is
    }

    /** Stable on-disk tags; a new kind gets a new tag, never a reused one. */
    private static byte tag(PubSubRecord r) {
        if (r instanceof NodeCreated) {
            return 'C';
        } else if (r instanceof NodeConfigured) {
            return 'G';
        } else if (r instanceof NodeDeleted) {
            return 'D';
        } else if (r instanceof NodePurged) {
            return 'P';
        } else if (r instanceof ItemPublished) {
            return 'I';
        } else if (r instanceof ItemsRemoved) {
            return 'R';
        } else if (r instanceof AffiliationSet) {
            return 'A';
        } else if (r instanceof SubscriptionSaved) {
            return 'S';
        } else if (r instanceof SubscriptionRemoved) {
            return 'U';
        }
        throw new IllegalArgumentException("unknown record " + r);
    }

    /**
     * Reads one record; {@code defaults} is the configuration stored fields are read over. Throws
     * IllegalArgumentException for an unknown tag or version or corrupt bytes.
     */
    static Entry read(Bytes<?> in, NodeConfig defaults) {
        return read(in, defaults, Jid::parse);
    }

    /**
     * {@link #read(Bytes, NodeConfig)} with the JID parser: a replay passes one that returns the same
     * instance for the same text, so a million items of one publisher share one JID (heap, and parsing
     * once) instead of a million equal copies.
     */
    static Entry read(Bytes<?> in, NodeConfig defaults, Function<String, Jid> jids) {
        return read(in, defaults, jids, null);
    }

    /**
     * {@link #read(Bytes, NodeConfig, Function)} where an item's payload is not read but {@code stored}
     * gives the payload that refers to this record (null: payloads are read onto the heap).
     */
    static Entry read(Bytes<?> in, NodeConfig defaults, Function<String, Jid> jids, Supplier<Payload> stored) {
        if (in.readRemaining() < 2) {
            throw new IllegalArgumentException("record shorter than its header");
        }
        byte tag = in.readByte();
        byte version = in.readByte();
        if (version != VERSION_1) {
            throw new IllegalArgumentException("unknown format version " + version + " of record '" + (char) tag + "'");
        }
        Jid service = jids.apply(text(in));
        String node = text(in);
        PubSubRecord r = switch (tag) {
            case 'C' -> new NodeCreated(node, readConfig(in, defaults), jids.apply(text(in)), in.readStopBit());
            case 'G' -> new NodeConfigured(node, readConfig(in, defaults));
            case 'D' -> new NodeDeleted(node);
            case 'P' -> new NodePurged(node);
            case 'I' -> {
                String id = text(in);
                Payload payload;
                if (stored == null) {
                    String xml = optionalText(in);
                    payload = xml == null ? null : Payload.inline(xml);
                } else {
                    payload = in.readByte() == 0 ? null : skip(in, stored);
                }
                yield new ItemPublished(node, new Item(id, payload, jids.apply(text(in)), in.readStopBit()));
            }
            case 'R' -> {
                long n = count(in);
                List<String> ids = new ArrayList<>();
                for (long k = 0; k < n; k++) {
                    ids.add(text(in));
                }
                yield new ItemsRemoved(node, ids);
            }
            case 'A' -> {
                Jid jid = jids.apply(text(in));
                Affiliation a = Affiliation.parse(text(in));
                if (a == null) {
                    throw new IllegalArgumentException("unknown affiliation");
                }
                yield new AffiliationSet(node, jid, a);
            }
            case 'S' -> new SubscriptionSaved(node, subscription(in, jids));
            case 'U' -> new SubscriptionRemoved(node, text(in));
            default -> throw new IllegalArgumentException("unknown record tag " + tag);
        };
        return new Entry(service, r);
    }

    private static Payload skip(Bytes<?> in, Supplier<Payload> stored) {
        skipText(in);
        return stored.get();
    }

    private static void skipText(Bytes<?> in) {
        long length = in.readStopBit();
        if (length < 0 || length > Fields.MAX_FIELD_BYTES || length > in.readRemaining()) {
            throw new IllegalArgumentException("bad field length " + length);
        }
        in.readSkip(length);
    }

    /**
     * The payload XML of an item record ('I'), read from its bytes; null when they hold another kind of
     * record or an item without payload (a reference gone wrong: the caller looks again).
     */
    static String payloadOf(Bytes<?> in) {
        if (in.readRemaining() < 2 || in.readByte() != 'I' || in.readByte() != VERSION_1) {
            return null;
        }
        skipText(in); // service
        skipText(in); // node
        skipText(in); // item id
        if (in.readByte() == 0) {
            return null;
        }
        // not Fields.text's checked decoder: this was written from a String, and the read is on the hot path
        long length = in.readStopBit();
        if (length < 0 || length > in.readRemaining()) {
            throw new IllegalArgumentException("bad field length " + length);
        }
        byte[] data = new byte[(int) length];
        in.read(data);
        return new String(data, StandardCharsets.UTF_8);
    }

    private static void config(Bytes<?> out, NodeConfig c) {
        Map<String, List<String>> fields = NodeConfigFields.of(c);
        out.writeStopBit(fields.size());
        fields.forEach((var, values) -> {
            text(out, var);
            out.writeStopBit(values.size());
            values.forEach(v -> text(out, v));
        });
    }

    private static NodeConfig readConfig(Bytes<?> in, NodeConfig defaults) {
        long n = count(in);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (long k = 0; k < n; k++) {
            String var = text(in);
            long m = count(in);
            List<String> values = new ArrayList<>();
            for (long j = 0; j < m; j++) {
                values.add(text(in));
            }
            fields.put(var, values);
        }
        return NodeConfigFields.read(fields, defaults);
    }

    private static void subscription(Bytes<?> out, Subscription s) {
        text(out, s.subId());
        text(out, s.jid().toString());
        text(out, s.state().wire());
        SubscriptionOptions o = s.options();
        out.writeByte((byte) ((o.deliver() ? 1 : 0) | (o.digest() ? 2 : 0) | (o.includeBody() ? 4 : 0)));
        out.writeStopBit(o.digestFrequency());
        out.writeStopBit(o.expireAtMillis());
        out.writeStopBit(o.showValues().size());
        o.showValues().forEach(v -> text(out, v));
        text(out, o.subscriptionType());
        out.writeStopBit(o.depth());
    }

    private static Subscription subscription(Bytes<?> in, Function<String, Jid> jids) {
        String subId = text(in);
        Jid jid = jids.apply(text(in));
        SubscriptionState state = SubscriptionState.parse(text(in));
        if (state == null) {
            throw new IllegalArgumentException("unknown subscription state");
        }
        byte flags = in.readByte();
        long frequency = in.readStopBit();
        long expire = in.readStopBit();
        long n = count(in);
        Set<String> show = new LinkedHashSet<>();
        for (long k = 0; k < n; k++) {
            show.add(text(in));
        }
        String type = text(in);
        int depth = (int) in.readStopBit();
        return new Subscription(subId, jid, state, new SubscriptionOptions((flags & 1) != 0, (flags & 2) != 0, frequency,
                expire, (flags & 4) != 0, show, type, depth));
    }
}
