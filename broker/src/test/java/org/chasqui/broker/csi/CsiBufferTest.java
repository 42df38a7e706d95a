package org.chasqui.broker.csi;

import static org.assertj.core.api.Assertions.assertThat;

import org.chasqui.broker.testing.Xml;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.Test;

class CsiBufferTest {

    private final CsiBuffer buffer = new CsiBuffer(new CsiPolicy(), 4);

    private static Element presence(String from, String show) {
        return Xml.stanza("<presence from='" + from + "'><show>" + show + "</show></presence>");
    }

    private static Element chatState(String from, String state) {
        return Xml.stanza("<message from='" + from + "' type='chat'><" + state
                + " xmlns='http://jabber.org/protocol/chatstates'/></message>");
    }

    private static final Element BODY = Xml.stanza("<message from='juliet@localhost/balcony'><body>hi</body></message>");

    @Test
    void anActiveStreamHoldsNothing() {
        assertThat(buffer.isInactive()).isFalse();
        assertThat(buffer.offer(presence("a@localhost/x", "away"))).hasSize(1);
        assertThat(buffer.heldCount()).isZero();
    }

    @Test
    void whileInactiveUrgentStanzasPassAndTheRestWaitsInOrder() {
        buffer.inactive();
        Element composing = chatState("juliet@localhost/balcony", "composing");
        Element away = presence("juliet@localhost/balcony", "away");
        assertThat(buffer.offer(composing)).isEmpty();
        assertThat(buffer.offer(away)).isEmpty();
        assertThat(buffer.offer(BODY)).containsExactly(BODY);

        assertThat(buffer.active()).containsExactly(composing, away);
        assertThat(buffer.isInactive()).isFalse();
        assertThat(buffer.heldCount()).isZero();
    }

    @Test
    void onlyTheNewestPresenceOfASenderIsKeptAndItTakesItsPlaceInTime() {
        buffer.inactive();
        Element first = presence("juliet@localhost/balcony", "away");
        Element other = presence("nurse@localhost/kitchen", "chat");
        Element paused = chatState("juliet@localhost/balcony", "paused");
        Element latest = presence("juliet@localhost/balcony", "xa");
        Element otherResource = presence("juliet@localhost/chamber", "dnd");
        buffer.offer(first);
        buffer.offer(other);
        buffer.offer(paused);
        buffer.offer(latest);
        assertThat(buffer.heldCount()).isEqualTo(3);
        assertThat(buffer.offer(otherResource)).as("the bound of 4 is reached").containsExactly(
                other, paused, latest, otherResource);
        assertThat(buffer.heldCount()).isZero();
        assertThat(buffer.isInactive()).as("still inactive after a flush").isTrue();
    }

    @Test
    void drainEmptiesTheBuffer() {
        buffer.inactive();
        Element s = chatState("a@localhost/x", "gone");
        buffer.offer(s);
        assertThat(buffer.drain()).containsExactly(s);
        assertThat(buffer.drain()).isEmpty();
    }
}
