package org.chasqui.pubsub;

import java.util.ArrayList;
import java.util.List;

/**
 * The records and notifications a command produces. Each record is applied to the state as it is
 * added, so later steps of the same command see it; commands validate before their first record, so
 * a failure leaves nothing half done.
 */
final class Changes {

    private final ServiceState state;
    final List<PubSubRecord> records = new ArrayList<>();
    final List<Notification> notifications = new ArrayList<>();

    Changes(ServiceState state) {
        this.state = state;
    }

    Changes record(PubSubRecord r) {
        records.add(r);
        state.apply(r);
        return this;
    }

    Changes notify(Notification.Event event, List<Notification.Recipient> to, NotificationType type) {
        if (!to.isEmpty()) {
            notifications.add(new Notification(event, to, type));
        }
        return this;
    }

    Outcome ok(Reply reply) {
        return Outcome.ok(reply, notifications, records);
    }
}
