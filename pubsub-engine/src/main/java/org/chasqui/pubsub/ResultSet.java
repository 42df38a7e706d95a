package org.chasqui.pubsub;

import java.util.List;
import java.util.function.Function;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;

/**
 * XEP-0059 Result Set Management over an ordered list (the items of a node, XEP-0060 §6.5.4): pages
 * by UID ({@code after}, {@code before}) or by index, the UIDs being the item ids. Pure functions; the
 * order is the caller's (items oldest first), so pages are stable while nothing is published.
 */
public final class ResultSet {

    private ResultSet() {
    }

    /**
     * A request's {@code <set/>}: at most {@code max} items (null: no limit) after the item with UID
     * {@code after}, or before the one with UID {@code before} (the empty string: the last page,
     * XEP-0059 §2.5), or from position {@code index} (§2.6). At most one of after, before and index.
     */
    public record Request(Integer max, String after, String before, Integer index) {
        public Request {
            if ((max != null && max < 0) || (index != null && index < 0)) {
                throw new IllegalArgumentException("max and index are not negative");
            }
            if ((after != null ? 1 : 0) + (before != null ? 1 : 0) + (index != null ? 1 : 0) > 1) {
                throw new IllegalArgumentException("at most one of after, before and index");
            }
        }
    }

    /**
     * The reply's {@code <set/>}: the UIDs of the page's first and last items and the first one's
     * index (all null for an empty page, XEP-0059 §2.2), and the size of the whole set.
     */
    public record Info(String first, Integer firstIndex, String last, int count) {
    }

    /** One page and its description, or the error of XEP-0059 §2.4 (an unknown UID). */
    record Page<T>(List<T> items, Info info, PubSubError error) {
    }

    static <T> Page<T> page(List<T> all, Request r, Function<T, String> uid) {
        int count = all.size();
        int start;
        int end;
        if (r.after() != null) {
            int at = position(all, r.after(), uid);
            if (at < 0) {
                return notFound();
            }
            start = at + 1;
            end = r.max() == null ? count : (int) Math.min(count, (long) start + r.max());
        } else if (r.before() != null) {
            end = r.before().isEmpty() ? count : position(all, r.before(), uid);
            if (end < 0) {
                return notFound();
            }
            start = r.max() == null ? 0 : Math.max(0, end - r.max());
        } else {
            start = r.index() == null ? 0 : Math.min(r.index(), count); // §2.6: past the end, an empty page
            end = r.max() == null ? count : (int) Math.min(count, (long) start + r.max());
        }
        List<T> items = List.copyOf(all.subList(start, end));
        Info info = items.isEmpty() ? new Info(null, null, null, count)
                : new Info(uid.apply(items.get(0)), start, uid.apply(items.get(items.size() - 1)), count);
        return new Page<>(items, info, null);
    }

    private static <T> int position(List<T> all, String id, Function<T, String> uid) {
        for (int i = 0; i < all.size(); i++) {
            if (uid.apply(all.get(i)).equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * XEP-0059 §2.4: the UID is unknown (the item was deleted, and item ids say nothing of the order).
     * The same condition as XEP-0060's missing node; the text tells them apart.
     */
    private static <T> Page<T> notFound() {
        return new Page<>(List.of(), null, PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND).withText("no such item in the result set"));
    }
}
