package org.chasqui.broker.sm;

import static org.assertj.core.api.Assertions.assertThat;

import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.Test;

class SmElementsTest {

    private static Element a(String h) {
        return Element.builder("a", SmElements.NAMESPACE).attribute("h", h).build();
    }

    @Test
    void hIsAnUnsignedThirtyTwoBitInteger() {
        assertThat(SmElements.h(a("0"))).isZero();
        assertThat(SmElements.h(a("4294967295"))).isEqualTo(4294967295L);
        assertThat(SmElements.h(a("4294967296"))).isEqualTo(-1);
        assertThat(SmElements.h(a("-1"))).isEqualTo(-1);
        assertThat(SmElements.h(a("+1"))).isEqualTo(-1);
        assertThat(SmElements.h(a(""))).isEqualTo(-1);
        assertThat(SmElements.h(a("99999999999999999999"))).isEqualTo(-1);
        assertThat(SmElements.h(Element.empty("a", SmElements.NAMESPACE))).isEqualTo(-1);
    }

    @Test
    void resumeAndMaxAttributes() {
        Element enable = Element.builder("enable", SmElements.NAMESPACE).attribute("resume", "1").attribute("max", "60").build();
        assertThat(SmElements.isTrue(enable, "resume")).isTrue();
        assertThat(SmElements.max(enable)).isEqualTo(60);
        Element plain = Element.builder("enable", SmElements.NAMESPACE).attribute("resume", "yes").attribute("max", "-5").build();
        assertThat(SmElements.isTrue(plain, "resume")).isFalse();
        assertThat(SmElements.max(plain)).isZero();
    }

    @Test
    void theElementsAreThoseOfTheExamples() {
        assertThat(SmElements.enabled(new StreamManagement(null, 0, 10)).toXml())
                .isEqualTo("<enabled xmlns='urn:xmpp:sm:3'/>");
        assertThat(SmElements.enabled(new StreamManagement("some-long-sm-id", 300, 10)).toXml())
                .isEqualTo("<enabled xmlns='urn:xmpp:sm:3' id='some-long-sm-id' resume='true' max='300'/>");
        assertThat(SmElements.failed(StanzaErrorCondition.UNEXPECTED_REQUEST, null).toXml())
                .isEqualTo("<failed xmlns='urn:xmpp:sm:3'>"
                        + "<unexpected-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>");
        assertThat(SmElements.resumed("x", 3).toXml()).isEqualTo("<resumed xmlns='urn:xmpp:sm:3' h='3' previd='x'/>");
        assertThat(SmElements.handledCountTooHigh(10, 8).toXml()).isEqualTo("<stream:error>"
                + "<undefined-condition xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams' xml:lang='en'>"
                + "You acknowledged 10 stanzas, but I only sent you 8 so far.</text>"
                + "<handled-count-too-high xmlns='urn:xmpp:sm:3' h='10' send-count='8'/></stream:error>");
    }
}
