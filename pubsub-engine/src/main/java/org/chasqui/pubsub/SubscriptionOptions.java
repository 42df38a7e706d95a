package org.chasqui.pubsub;

import java.util.Set;

/**
 * XEP-0060 §6.3 subscription options ({@code pubsub#subscribe_options}).
 *
 * @param deliver          receive notifications at all
 * @param digest           aggregate notifications
 * @param digestFrequency  milliseconds between digests
 * @param expireAtMillis   a leased subscription ends then (0: never)
 * @param includeBody      add a message body with a summary
 * @param showValues       presence states in which to receive notifications (empty: any)
 * @param subscriptionType XEP-0248: "items" or "nodes" (collections)
 * @param depth            XEP-0248: 1 or 0 = "all"
 */
public record SubscriptionOptions(boolean deliver, boolean digest, long digestFrequency, long expireAtMillis,
                                  boolean includeBody, Set<String> showValues, String subscriptionType, int depth) {

    public static final String FORM_TYPE = "http://jabber.org/protocol/pubsub#subscribe_options";
    public static final Set<String> SHOW_VALUES = Set.of("away", "chat", "dnd", "online", "xa");
    public static final SubscriptionOptions DEFAULTS =
            new SubscriptionOptions(true, false, 86_400_000L, 0, false, Set.of(), "items", 1);

    public SubscriptionOptions {
        showValues = Set.copyOf(showValues);
    }
}
