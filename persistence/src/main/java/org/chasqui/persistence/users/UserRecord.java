package org.chasqui.persistence.users;

import java.util.List;
import java.util.Objects;

/**
 * One change to a user's durable IM state, as written to the user journal. Replaying all records in
 * order rebuilds the state; each record says what something now is (not a delta to re-compute), so
 * applying one twice is harmless. {@code user} is the account's localpart; JIDs are bare JID strings.
 */
public sealed interface UserRecord {

    String user();

    /** RFC 6121 §2: the roster item for {@code contact} is now exactly this. */
    record RosterItem(String user, String contact, String name, List<String> groups,
                      Subscription subscription, boolean askOut, boolean approved, long version) implements UserRecord {
        public RosterItem {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(contact, "contact");
            Objects.requireNonNull(subscription, "subscription");
            groups = List.copyOf(groups);
        }
    }

    /** RFC 6121 §2.5: the roster item for {@code contact} was removed at roster version {@code version}. */
    record RosterItemRemoved(String user, String contact, long version) implements UserRecord {
    }

    /** RFC 6121 §3.1.3: a subscription request from {@code contact} awaits the user's answer. */
    record PendingIn(String user, String contact, String stanzaXml) implements UserRecord {
    }

    /** The pending request from {@code contact} was answered or cancelled. */
    record PendingInCleared(String user, String contact) implements UserRecord {
    }

    /** XEP-0160: a message stored for later delivery; {@code id} grows per user. */
    record OfflineStored(String user, long id, long storedAtMillis, String stanzaXml) implements UserRecord {
    }

    /** Offline messages up to and including {@code upToId} were delivered. */
    record OfflineCleared(String user, long upToId) implements UserRecord {
    }

    /** XEP-0191: the user's block list is now exactly {@code jids}. */
    record Blocklist(String user, List<String> jids) implements UserRecord {
        public Blocklist {
            jids = List.copyOf(jids);
        }
    }

    /** XEP-0054: the user's vCard is now {@code vcardXml} (empty: none). */
    record VCard(String user, String vcardXml) implements UserRecord {
    }

    /** XEP-0012: the user's last resource went unavailable at {@code atMillis} with this status. */
    record LastSeen(String user, long atMillis, String status) implements UserRecord {
    }

    /** The account was deleted: all of its state goes. */
    record UserRemoved(String user) implements UserRecord {
    }
}
