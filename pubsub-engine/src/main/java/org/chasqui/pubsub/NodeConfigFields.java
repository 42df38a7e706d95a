package org.chasqui.pubsub;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration as {@code pubsub#node_config} field values and back, for storage: the journal keeps
 * configurations in this form, so a field added later reads back as its default, and a limit lowered
 * later never makes a stored configuration unreadable.
 */
public final class NodeConfigFields {

    private static final ServiceLimits UNBOUNDED =
            new ServiceLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    private NodeConfigFields() {
    }

    /** Every field in wire form, in the order of {@link ConfigField}. */
    public static Map<String, List<String>> of(NodeConfig config) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ConfigField f : ConfigField.values()) {
            out.put(f.var(), f.read(config));
        }
        return out;
    }

    /**
     * Reads stored fields over {@code base}; unknown fields (from a newer version) are ignored and a
     * value that no longer parses keeps the base value.
     */
    public static NodeConfig read(Map<String, List<String>> fields, NodeConfig base) {
        NodeConfig.Builder b = base.toBuilder();
        for (Map.Entry<String, List<String>> e : fields.entrySet()) {
            ConfigField f = ConfigField.of(e.getKey());
            if (f != null && !e.getValue().isEmpty()) {
                f.apply(b, e.getValue(), UNBOUNDED);
            }
        }
        return b.build();
    }
}
