package org.chasqui.broker.sm;

import static org.assertj.core.api.Assertions.assertThat;

import org.chasqui.broker.sm.StreamManagement.Ack;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.Test;

/** The counters and queue of XEP-0198 §4, without a server. */
class StreamManagementTest {

    private static Element message(int n) {
        return Element.builder("message", Namespaces.CLIENT).attribute("id", "m" + n).build();
    }

    private static StreamManagement withSent(int count) {
        StreamManagement sm = new StreamManagement("id", 60, 100);
        for (int i = 1; i <= count; i++) {
            sm.sent(message(i));
        }
        return sm;
    }

    @Test
    void handledCountStartsAtZeroAndCountsUp() {
        StreamManagement sm = new StreamManagement(null, 0, 10);
        assertThat(sm.handledCount()).isZero();
        sm.handled();
        sm.handled();
        assertThat(sm.handledCount()).isEqualTo(2);
        assertThat(sm.resumable()).isFalse();
    }

    @Test
    void anAckDropsWhatItAcknowledgesAndKeepsTheRestInOrder() {
        StreamManagement sm = withSent(5);
        assertThat(sm.sendCount()).isEqualTo(5);

        assertThat(sm.acknowledge(3)).isEqualTo(Ack.ACCEPTED);

        assertThat(sm.unacked()).containsExactly(message(4), message(5));
        assertThat(sm.acknowledgedCount()).isEqualTo(3);
        assertThat(sm.sendCount()).isEqualTo(5);
        assertThat(sm.acknowledge(3)).as("the same h again").isEqualTo(Ack.ACCEPTED);
        assertThat(sm.unacked()).hasSize(2);
        assertThat(sm.acknowledge(5)).isEqualTo(Ack.ACCEPTED);
        assertThat(sm.unacked()).isEmpty();
    }

    @Test
    void moreThanWasSentIsTooHighAndChangesNothing() {
        StreamManagement sm = withSent(8);
        assertThat(sm.acknowledge(10)).isEqualTo(Ack.TOO_HIGH); // §6, Example 22's numbers
        assertThat(sm.unacked()).hasSize(8);
        assertThat(sm.acknowledge(0xFFFF_FFFFL + 1)).isEqualTo(Ack.TOO_HIGH);
    }

    @Test
    void anOlderAckIsStale() {
        StreamManagement sm = withSent(8);
        sm.acknowledge(6);
        assertThat(sm.acknowledge(2)).isEqualTo(Ack.STALE);
        assertThat(sm.unacked()).containsExactly(message(7), message(8));
    }

    @Test
    void countersWrapAtTwoToTheThirtyTwo() {
        // §4: after 2^32 - 1 comes 0
        StreamManagement sm = new StreamManagement(null, 0, 10);
        sm.countersAt(0xFFFF_FFFFL, 0xFFFF_FFFEL);
        sm.handled();
        assertThat(sm.handledCount()).isZero();

        sm.sent(message(1));
        sm.sent(message(2));
        sm.sent(message(3));
        assertThat(sm.sendCount()).isEqualTo(1);
        assertThat(sm.acknowledge(0xFFFF_FFFFL)).isEqualTo(Ack.ACCEPTED);
        assertThat(sm.acknowledge(1)).isEqualTo(Ack.ACCEPTED);
        assertThat(sm.unacked()).isEmpty();
        assertThat(sm.acknowledge(2)).isEqualTo(Ack.TOO_HIGH);
    }

    @Test
    void theBoundIsReportedByTheStanzaThatGoesPastIt() {
        StreamManagement sm = new StreamManagement(null, 0, 3);
        assertThat(sm.sent(message(1))).isTrue();
        assertThat(sm.sent(message(2))).isTrue();
        assertThat(sm.sent(message(3))).isTrue();
        assertThat(sm.sent(message(4))).isFalse();
        assertThat(sm.drainUnacked()).hasSize(4); // nothing is lost
        assertThat(sm.unackedCount()).isZero();
    }

    @Test
    void anAckIsDueEveryFewStanzas() {
        StreamManagement sm = new StreamManagement(null, 0, 100);
        assertThat(sm.anyUnrequested()).isFalse();
        for (int i = 1; i < StreamManagement.REQUEST_EVERY; i++) {
            sm.sent(message(i));
            assertThat(sm.ackRequestDue()).isFalse();
        }
        assertThat(sm.anyUnrequested()).isTrue();
        sm.sent(message(99));
        assertThat(sm.ackRequestDue()).isTrue();
        sm.ackRequested();
        assertThat(sm.ackRequestDue()).isFalse();
        assertThat(sm.anyUnrequested()).isFalse();
    }
}
