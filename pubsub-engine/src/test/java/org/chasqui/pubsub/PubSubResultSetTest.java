package org.chasqui.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chasqui.pubsub.EngineFixture.FRANCISCO;
import static org.chasqui.pubsub.EngineFixture.HAMLET;
import static org.chasqui.pubsub.EngineFixture.form;

import java.util.List;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** XEP-0059 paging of items (XEP-0060 §6.5.4) on the engine: node "n" holds a to g, oldest first. */
class PubSubResultSetTest {

    final EngineFixture f = new EngineFixture();

    @BeforeEach
    void sevenItems() {
        f.ok(new Command.Create(HAMLET, "n", form("pubsub#max_items", "100")));
        for (String id : List.of("a", "b", "c", "d", "e", "f", "g")) {
            f.publish(HAMLET, "n", id, "<x xmlns='urn:x'>" + id + "</x>");
        }
    }

    private Reply.Items page(Integer max, String after, String before, Integer index) {
        return (Reply.Items) f.ok(new Command.GetItems(FRANCISCO, "n", null, null, null,
                new ResultSet.Request(max, after, before, index))).reply();
    }

    private static List<String> ids(Reply.Items r) {
        return r.items().stream().map(Item::id).toList();
    }

    @Test
    void aLimitGivesTheFirstItemsWithFirstLastAndCount() {
        Reply.Items r = page(3, null, null, null); // XEP-0059 §2.1, XEP-0060 §6.5.4
        assertThat(ids(r)).containsExactly("a", "b", "c");
        assertThat(r.page()).isEqualTo(new ResultSet.Info("a", 0, "c", 7));
    }

    @Test
    void pagingForwardsWithAfter() {
        Reply.Items second = page(3, "c", null, null); // §2.2
        assertThat(ids(second)).containsExactly("d", "e", "f");
        assertThat(second.page()).isEqualTo(new ResultSet.Info("d", 3, "f", 7));
        Reply.Items third = page(3, "f", null, null);
        assertThat(ids(third)).containsExactly("g");
        assertThat(third.page()).isEqualTo(new ResultSet.Info("g", 6, "g", 7)); // one item: first = last
        Reply.Items beyond = page(3, "g", null, null);
        assertThat(ids(beyond)).isEmpty();
        assertThat(beyond.page()).isEqualTo(new ResultSet.Info(null, null, null, 7)); // an empty page: the count only
    }

    @Test
    void pagingBackwardsWithBeforeAndTheLastPage() {
        Reply.Items last = page(3, null, "", null); // §2.5: an empty <before/>
        assertThat(ids(last)).containsExactly("e", "f", "g");
        assertThat(last.page()).isEqualTo(new ResultSet.Info("e", 4, "g", 7));
        Reply.Items previous = page(3, null, "e", null); // §2.3
        assertThat(ids(previous)).containsExactly("b", "c", "d");
        assertThat(ids(page(3, null, "b", null))).containsExactly("a");
    }

    @Test
    void aPageByIndexAndTheCountAlone() {
        Reply.Items r = page(2, null, null, 5); // §2.6
        assertThat(ids(r)).containsExactly("f", "g");
        assertThat(r.page()).isEqualTo(new ResultSet.Info("f", 5, "g", 7));
        assertThat(ids(page(2, null, null, 9))).isEmpty(); // past the end: an empty page
        Reply.Items count = page(0, null, null, null); // §2.7
        assertThat(ids(count)).isEmpty();
        assertThat(count.page()).isEqualTo(new ResultSet.Info(null, null, null, 7));
    }

    @Test
    void anUnknownUidIsItemNotFound() {
        f.ok(new Command.Retract(HAMLET, "n", List.of("c"), false));
        Outcome gone = f.run(new Command.GetItems(FRANCISCO, "n", null, null, null, new ResultSet.Request(3, "c", null, null)));
        assertThat(gone.error().condition()).isEqualTo(StanzaErrorCondition.ITEM_NOT_FOUND); // §2.4
        assertThat(f.run(new Command.GetItems(FRANCISCO, "n", null, null, null, new ResultSet.Request(3, null, "zz", null)))
                .error().condition()).isEqualTo(StanzaErrorCondition.ITEM_NOT_FOUND);
    }

    @Test
    void pagingAppliesToWhatMaxItemsSelected() {
        Reply.Items r = (Reply.Items) f.ok(new Command.GetItems(FRANCISCO, "n", 4, null, null,
                new ResultSet.Request(2, null, null, null))).reply(); // the newest 4 (§6.5.7), then a page of them
        assertThat(ids(r)).containsExactly("d", "e");
        assertThat(r.page()).isEqualTo(new ResultSet.Info("d", 0, "e", 4));
    }

    @Test
    void withoutASetTheReplyHasNoPage() {
        assertThat(((Reply.Items) f.ok(new Command.GetItems(FRANCISCO, "n", null, null, null)).reply()).page()).isNull();
    }

    @Test
    void requestsAreValidated() {
        assertThatThrownBy(() -> new ResultSet.Request(-1, null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResultSet.Request(1, "a", "b", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResultSet.Request(1, "a", null, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
