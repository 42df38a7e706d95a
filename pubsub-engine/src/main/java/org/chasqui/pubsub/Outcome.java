package org.chasqui.pubsub;

import java.util.List;

/**
 * What a command did: a reply, the notifications to send and the records to journal; or an error. A
 * failed command changes nothing, except a batch modification (XEP-0060 §8.8.2.4, §8.9.2.4) whose valid
 * entries are applied: then {@code records} holds them (and {@code notifications} what they announce)
 * and {@code reply} the entries that failed, with their unchanged values, to be echoed inside the error.
 */
public record Outcome(Reply reply, PubSubError error, List<Notification> notifications, List<PubSubRecord> records) {

    public Outcome {
        if (reply == null && error == null) {
            throw new IllegalArgumentException("a reply or an error");
        }
        notifications = List.copyOf(notifications);
        records = List.copyOf(records);
    }

    public static Outcome ok(Reply reply, List<Notification> notifications, List<PubSubRecord> records) {
        return new Outcome(reply, null, notifications, records);
    }

    public static Outcome ok(Reply reply) {
        return new Outcome(reply, null, List.of(), List.of());
    }

    public static Outcome fail(PubSubError error) {
        return new Outcome(null, error, List.of(), List.of());
    }

    /** A partly applied batch: the error, the failed entries, the records of the applied ones. */
    public static Outcome partial(PubSubError error, Reply failedEntries, List<PubSubRecord> records) {
        return new Outcome(failedEntries, error, List.of(), records);
    }

    /** A partly applied batch whose applied entries notify (§8.8.2.4 with §8.8.4). */
    public static Outcome partial(PubSubError error, Reply failedEntries, List<PubSubRecord> records,
                                  List<Notification> notifications) {
        return new Outcome(failedEntries, error, notifications, records);
    }

    public boolean failed() {
        return error != null;
    }
}
