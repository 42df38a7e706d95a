package org.chasqui.broker.config;

/**
 * Per-account storage limits of the IM features (the {@code im} section).
 *
 * @param maxOfflineMessages messages kept for an account while it is offline (XEP-0160); past it,
 *                           senders get {@code service-unavailable}
 * @param maxRosterItems     items in one roster (RFC 6121 §2.3.3); past it, a roster set that adds
 *                           an item gets {@code not-allowed}
 */
public record ImConfig(int maxOfflineMessages, int maxRosterItems) {

    public static final int DEFAULT_MAX_OFFLINE_MESSAGES = 1000;
    public static final int DEFAULT_MAX_ROSTER_ITEMS = 2000;

    public static final IntRange MAX_OFFLINE_MESSAGES_RANGE = new IntRange(0, 1_000_000);
    public static final IntRange MAX_ROSTER_ITEMS_RANGE = new IntRange(1, 100_000);

    public static final ImConfig DEFAULTS = new ImConfig(DEFAULT_MAX_OFFLINE_MESSAGES, DEFAULT_MAX_ROSTER_ITEMS);

    public ImConfig {
        MAX_OFFLINE_MESSAGES_RANGE.check("im.max_offline_messages", maxOfflineMessages);
        MAX_ROSTER_ITEMS_RANGE.check("im.max_roster_items", maxRosterItems);
    }

    public ImConfig withMaxOfflineMessages(int value) {
        return new ImConfig(value, maxRosterItems);
    }

    public ImConfig withMaxRosterItems(int value) {
        return new ImConfig(maxOfflineMessages, value);
    }
}
