package org.chasqui.persistence.users;

import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import org.chasqui.persistence.log.Fields;
import org.chasqui.persistence.users.UserRecord.Blocklist;
import org.chasqui.persistence.users.UserRecord.LastSeen;
import org.chasqui.persistence.users.UserRecord.OfflineCleared;
import org.chasqui.persistence.users.UserRecord.OfflineStored;
import org.chasqui.persistence.users.UserRecord.PendingIn;
import org.chasqui.persistence.users.UserRecord.PendingInCleared;
import org.chasqui.persistence.users.UserRecord.RosterItem;
import org.chasqui.persistence.users.UserRecord.RosterItemRemoved;
import org.chasqui.persistence.users.UserRecord.UserRemoved;
import org.chasqui.persistence.users.UserRecord.VCard;

/** Writes and reads the user journal's records (format in {@code package-info.java}). */
final class UserRecordCodec {

    static final byte VERSION_1 = 1;

    private UserRecordCodec() {
    }

    static void write(Bytes<?> out, UserRecord r) {
        out.writeByte(tag(r)).writeByte(VERSION_1);
        text(out, r.user());
        // Java 17: no pattern matching in switch yet, so an instanceof chain over the sealed type
        if (r instanceof RosterItem i) {
            text(out, i.contact());
            optionalText(out, i.name());
            out.writeStopBit(i.groups().size());
            i.groups().forEach(g -> text(out, g));
            out.writeByte((byte) i.subscription().code());
            out.writeByte((byte) ((i.askOut() ? 1 : 0) | (i.approved() ? 2 : 0)));
            out.writeStopBit(i.version());
        } else if (r instanceof RosterItemRemoved i) {
            text(out, i.contact());
            out.writeStopBit(i.version());
        } else if (r instanceof PendingIn p) {
            text(out, p.contact());
            text(out, p.stanzaXml());
        } else if (r instanceof PendingInCleared p) {
            text(out, p.contact());
        } else if (r instanceof OfflineStored o) {
            out.writeStopBit(o.id());
            out.writeStopBit(o.storedAtMillis());
            text(out, o.stanzaXml());
        } else if (r instanceof OfflineCleared o) {
            out.writeStopBit(o.upToId());
        } else if (r instanceof Blocklist b) {
            out.writeStopBit(b.jids().size());
            b.jids().forEach(j -> text(out, j));
        } else if (r instanceof VCard v) {
            text(out, v.vcardXml());
        } else if (r instanceof LastSeen l) {
            out.writeStopBit(l.atMillis());
            optionalText(out, l.status());
        }
        // UserRemoved: the user name is all there is
    }

    /** Stable on-disk tags; a new record kind gets a new tag, never a reused one. */
    private static byte tag(UserRecord r) {
        if (r instanceof RosterItem) {
            return 'R';
        } else if (r instanceof RosterItemRemoved) {
            return 'r';
        } else if (r instanceof PendingIn) {
            return 'P';
        } else if (r instanceof PendingInCleared) {
            return 'p';
        } else if (r instanceof OfflineStored) {
            return 'O';
        } else if (r instanceof OfflineCleared) {
            return 'o';
        } else if (r instanceof Blocklist) {
            return 'B';
        } else if (r instanceof VCard) {
            return 'V';
        } else if (r instanceof LastSeen) {
            return 'L';
        } else if (r instanceof UserRemoved) {
            return 'X';
        }
        throw new IllegalArgumentException("unknown record " + r);
    }

    /**
     * Reads one record. Throws {@link IllegalArgumentException} for a record this version does not know
     * (tag or format version) or whose bytes are corrupt: the caller decides what that means.
     */
    static UserRecord read(Bytes<?> in) {
        if (in.readRemaining() < 2) {
            throw new IllegalArgumentException("record shorter than its header");
        }
        byte tag = in.readByte();
        byte version = in.readByte();
        if (version != VERSION_1) {
            throw new IllegalArgumentException("unknown format version " + version + " of record '" + (char) tag + "'");
        }
        String user = text(in);
        return switch (tag) {
            case 'R' -> {
                String contact = text(in);
                String name = optionalText(in);
                long n = count(in);
                List<String> groups = new ArrayList<>();
                for (long k = 0; k < n; k++) {
                    groups.add(text(in));
                }
                Subscription sub = Subscription.ofCode(in.readByte());
                byte flags = in.readByte();
                yield new RosterItem(user, contact, name, groups, sub, (flags & 1) != 0, (flags & 2) != 0, in.readStopBit());
            }
            case 'r' -> new RosterItemRemoved(user, text(in), in.readStopBit());
            case 'P' -> new PendingIn(user, text(in), text(in));
            case 'p' -> new PendingInCleared(user, text(in));
            case 'O' -> new OfflineStored(user, in.readStopBit(), in.readStopBit(), text(in));
            case 'o' -> new OfflineCleared(user, in.readStopBit());
            case 'B' -> {
                long n = count(in);
                List<String> jids = new ArrayList<>();
                for (long k = 0; k < n; k++) {
                    jids.add(text(in));
                }
                yield new Blocklist(user, jids);
            }
            case 'V' -> new VCard(user, text(in));
            case 'L' -> new LastSeen(user, in.readStopBit(), optionalText(in));
            case 'X' -> new UserRemoved(user);
            default -> throw new IllegalArgumentException("unknown record tag " + tag);
        };
    }

    private static long count(Bytes<?> in) {
        return Fields.count(in);
    }

    private static void text(Bytes<?> out, String s) {
        Fields.text(out, s);
    }

    private static void optionalText(Bytes<?> out, String s) {
        Fields.optionalText(out, s);
    }

    private static String optionalText(Bytes<?> in) {
        return Fields.optionalText(in);
    }

    private static String text(Bytes<?> in) {
        return Fields.text(in);
    }
}
