package org.chasqui.pubsub;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;

/** XEP-0060 §6.3 {@code pubsub#subscribe_options}: parsing and validating submitted options. */
final class OptionsForms {

    /** {@code pubsub#expire} = "presence": the subscription lasts while the subscriber is online (§6.3.2). */
    static final long EXPIRE_ON_PRESENCE = -1;

    private OptionsForms() {
    }

    record Applied(SubscriptionOptions options, PubSubError error) {
    }

    static Applied apply(SubscriptionOptions base, Map<String, List<String>> fields) {
        boolean deliver = base.deliver();
        boolean digest = base.digest();
        long frequency = base.digestFrequency();
        long expire = base.expireAtMillis();
        boolean includeBody = base.includeBody();
        Set<String> show = base.showValues();
        String type = base.subscriptionType();
        int depth = base.depth();
        try {
            for (Map.Entry<String, List<String>> e : fields.entrySet()) {
                List<String> v = e.getValue();
                switch (e.getKey()) {
                    case "FORM_TYPE" -> {
                    }
                    case "pubsub#deliver" -> deliver = ConfigField.parseBool(single(v));
                    case "pubsub#digest" -> digest = ConfigField.parseBool(single(v));
                    case "pubsub#digest_frequency" -> frequency = Long.parseLong(single(v).strip());
                    case "pubsub#expire" -> expire = expire(single(v));
                    case "pubsub#include_body" -> includeBody = ConfigField.parseBool(single(v));
                    case "pubsub#show-values" -> {
                        Set<String> values = new LinkedHashSet<>(v);
                        if (!SubscriptionOptions.SHOW_VALUES.containsAll(values)) {
                            return invalid("show-values must be among " + SubscriptionOptions.SHOW_VALUES);
                        }
                        show = values;
                    }
                    case "pubsub#subscription_type" -> {
                        type = single(v);
                        if (!type.equals("items") && !type.equals("nodes") && !type.equals("all")) {
                            return invalid("subscription_type is items, nodes or all"); // XEP-0248 §4
                        }
                    }
                    case "pubsub#subscription_depth" -> {
                        String d = single(v);
                        depth = d.equals("all") ? 0 : Integer.parseInt(d);
                        if (depth < 0) {
                            return invalid("subscription_depth is a positive number or all");
                        }
                    }
                    default -> {
                        return invalid("unknown option " + e.getKey());
                    }
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return invalid(e.getMessage());
        }
        if (frequency < 0) {
            return invalid("digest_frequency must not be negative");
        }
        return new Applied(new SubscriptionOptions(deliver, digest, frequency, expire, includeBody, show, type, depth), null);
    }

    private static long expire(String v) {
        if (v.isEmpty()) {
            return 0;
        }
        if (v.equals("presence")) {
            return EXPIRE_ON_PRESENCE;
        }
        return Instant.parse(v).toEpochMilli(); // XEP-0082 DateTime
    }

    private static String single(List<String> v) {
        if (v.size() != 1) {
            throw new IllegalArgumentException("exactly one value expected");
        }
        return v.get(0);
    }

    /** §6.3.6: bad-request with invalid-options. */
    private static Applied invalid(String why) {
        return new Applied(null, PubSubError.of(StanzaErrorCondition.BAD_REQUEST, PubSubCondition.INVALID_OPTIONS).withText(why));
    }
}
