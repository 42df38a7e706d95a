package org.chasqui.broker.csi;

import static org.assertj.core.api.Assertions.assertThat;

import org.chasqui.broker.csi.CsiPolicy.Handling;
import org.chasqui.broker.testing.Xml;
import org.junit.jupiter.api.Test;

/** Which stanzas an inactive client gets at once (XEP-0352 §3.2 leaves it to the server). */
class CsiPolicyTest {

    private final CsiPolicy policy = new CsiPolicy();

    private Handling decide(String xml) {
        return policy.decide(Xml.stanza(xml));
    }

    @Test
    void iqsAndErrorsGoOutAtOnce() {
        assertThat(decide("<iq type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq>")).isEqualTo(Handling.SEND_NOW);
        assertThat(decide("<iq type='result' id='1'/>")).isEqualTo(Handling.SEND_NOW);
        assertThat(decide("<message type='error'><error type='cancel'/></message>")).isEqualTo(Handling.SEND_NOW);
        assertThat(decide("<presence type='error'/>")).isEqualTo(Handling.SEND_NOW);
    }

    @Test
    void messagesWithABodyOrEncryptedPayloadGoOutAtOnce() {
        assertThat(decide("<message type='chat'><body>hi</body></message>")).isEqualTo(Handling.SEND_NOW);
        assertThat(decide("<message><body/></message>")).isEqualTo(Handling.SEND_NOW);
        assertThat(decide("<message type='chat'><encrypted xmlns='eu.siacs.conversations.axolotl'/></message>"))
                .isEqualTo(Handling.SEND_NOW);
        assertThat(decide("<message><encrypted xmlns='urn:xmpp:omemo:2'/></message>")).isEqualTo(Handling.SEND_NOW);
        assertThat(decide("<message><x xmlns='jabber:x:encrypted'>...</x></message>")).isEqualTo(Handling.SEND_NOW);
        assertThat(decide("<message><openpgp xmlns='urn:xmpp:openpgp:0'>...</openpgp></message>"))
                .isEqualTo(Handling.SEND_NOW);
    }

    @Test
    void carbonCopiesFollowWhatTheyCopy() {
        String copy = "<message from='romeo@localhost' to='romeo@localhost/home' type='chat'>"
                + "<received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
                + "<message xmlns='jabber:client' from='juliet@localhost/balcony' type='chat'>%s</message>"
                + "</forwarded></received></message>";
        assertThat(decide(copy.formatted("<body>hi</body>"))).isEqualTo(Handling.SEND_NOW);
        assertThat(decide(copy.formatted("<composing xmlns='http://jabber.org/protocol/chatstates'/>")))
                .isEqualTo(Handling.HOLD);
        assertThat(decide(copy.replace("received", "sent").formatted("<body>hi</body>"))).isEqualTo(Handling.SEND_NOW);
    }

    @Test
    void subscriptionsGoOutAtOnceAvailabilityIsHeldNewestPerSender() {
        for (String type : new String[] {"subscribe", "subscribed", "unsubscribe", "unsubscribed"}) {
            assertThat(decide("<presence from='juliet@localhost' type='" + type + "'/>")).as(type)
                    .isEqualTo(Handling.SEND_NOW);
        }
        assertThat(decide("<presence from='juliet@localhost/balcony'><show>away</show></presence>"))
                .isEqualTo(Handling.HOLD_NEWEST_PER_SENDER);
        assertThat(decide("<presence from='juliet@localhost/balcony' type='unavailable'/>"))
                .isEqualTo(Handling.HOLD_NEWEST_PER_SENDER);
    }

    @Test
    void chatStatesReceiptsAndEventsAreHeldInOrder() {
        assertThat(decide("<message type='chat'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>"))
                .isEqualTo(Handling.HOLD);
        assertThat(decide("<message><received xmlns='urn:xmpp:receipts' id='x'/></message>")).isEqualTo(Handling.HOLD);
        assertThat(decide("<message type='headline'><event xmlns='http://jabber.org/protocol/pubsub#event'/></message>"))
                .isEqualTo(Handling.HOLD);
    }

    @Test
    void archiveResultsAnswerTheClientsOwnQuery() {
        assertThat(decide("<message><result xmlns='urn:xmpp:mam:2' queryid='q'/></message>"))
                .isEqualTo(Handling.SEND_NOW);
    }
}
