package org.chasqui.pubsub;

import java.util.List;
import java.util.Map;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;

/** Applies submitted {@code pubsub#node_config} values (XEP-0060 §8.2.5) to a configuration, with validation. */
final class ConfigForms {

    static final String FORM_TYPE_VAR = "FORM_TYPE";

    private ConfigForms() {
    }

    /** The outcome of applying a form: the new configuration or the error. */
    record Applied(NodeConfig config, PubSubError error) {
    }

    static Applied apply(NodeConfig base, Map<String, List<String>> fields, ServiceLimits limits) {
        NodeConfig.Builder b = base.toBuilder();
        for (Map.Entry<String, List<String>> e : fields.entrySet()) {
            if (e.getKey().equals(FORM_TYPE_VAR)) {
                continue;
            }
            ConfigField f = ConfigField.of(e.getKey());
            if (f == null) {
                return new Applied(null, PubSubError.of(StanzaErrorCondition.NOT_ACCEPTABLE)
                        .withText("unknown configuration field " + e.getKey()));
            }
            String problem = f.apply(b, e.getValue(), limits);
            if (problem != null) {
                return new Applied(null, PubSubError.of(StanzaErrorCondition.NOT_ACCEPTABLE).withText(problem));
            }
        }
        return new Applied(b.build(), null);
    }

    /**
     * XEP-0060 §7.1.5: whether every publish-option matches the node's configuration (values compared
     * after parsing, so "1" equals "true" and "max" equals the limit).
     */
    static boolean preconditionsMet(NodeConfig config, Map<String, List<String>> options, ServiceLimits limits) {
        for (Map.Entry<String, List<String>> e : options.entrySet()) {
            if (e.getKey().equals(FORM_TYPE_VAR)) {
                continue;
            }
            ConfigField f = ConfigField.of(e.getKey());
            if (f == null) {
                return false;
            }
            NodeConfig.Builder b = config.toBuilder();
            if (f.apply(b, e.getValue(), limits) != null) {
                return false;
            }
            if (!f.read(b.build()).equals(f.read(config))) {
                return false;
            }
        }
        return true;
    }
}
