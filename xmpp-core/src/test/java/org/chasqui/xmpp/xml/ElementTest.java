package org.chasqui.xmpp.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElementTest {

    @Test
    void writesNamespaceOnlyWhereItChanges() {
        Element iq = Element.builder("iq", "jabber:client")
                .attribute("type", "get")
                .attribute("id", "1")
                .child(Element.builder("query", "jabber:iq:version").textChild("name", "x").build())
                .build();
        assertThat(iq.toXml("jabber:client"))
                .isEqualTo("<iq type='get' id='1'><query xmlns='jabber:iq:version'><name>x</name></query></iq>");
        assertThat(iq.toXml()).startsWith("<iq xmlns='jabber:client' ");
    }

    @Test
    void escapesTextAndAttributes() {
        Element e = Element.builder("body", "jabber:client")
                .attribute("a", "it's \"<&>\"")
                .text("1 < 2 & 3 > 2")
                .build();
        assertThat(e.toXml("jabber:client"))
                .isEqualTo("<body a='it&apos;s &quot;&lt;&amp;&gt;&quot;'>1 &lt; 2 &amp; 3 &gt; 2</body>");
    }

    @Test
    void mergesAdjacentTextAndReadsChildren() {
        Element e = Element.builder("m", "ns").text("a").text("b").child("x", "other").text("c").build();
        assertThat(e.children()).hasSize(3);
        assertThat(e.text()).isEqualTo("abc");
        assertThat(e.child("x", "other")).isNotNull();
        assertThat(e.child("x", "ns")).isNull();
        assertThat(e.firstChildIn("other").name()).isEqualTo("x");
    }

    @Test
    void withAttributeLeavesTheOriginalUnchanged() {
        Element e = Element.builder("presence", "jabber:client").attribute("to", "a@b").build();
        Element stamped = e.withAttribute("from", "c@d/r");
        assertThat(e.attribute("from")).isNull();
        assertThat(stamped.attribute("from")).isEqualTo("c@d/r");
        assertThat(stamped.withoutAttribute("to").attributes()).containsOnlyKeys("from");
        assertThat(stamped).isNotEqualTo(e).isEqualTo(e.withAttribute("from", "c@d/r"));
    }

    @Test
    void emptyElementIsSelfClosing() {
        assertThat(Element.empty("ping", "urn:xmpp:ping").toXml()).isEqualTo("<ping xmlns='urn:xmpp:ping'/>");
    }

    @Test
    void aCachingElementWritesTheSameXmlInEveryContextAndStaysEqual() {
        Element event = Element.builder("event", "http://jabber.org/protocol/pubsub#event")
                .child(Element.builder("items", "http://jabber.org/protocol/pubsub#event").attribute("node", "n&1")
                        .child(Element.builder("entry", "http://www.w3.org/2005/Atom").text("a < b").build()).build())
                .build();
        Element cached = event.cachingXml();
        assertThat(cached).isEqualTo(event).hasSameHashCodeAs(event);
        assertThat(cached.cachingXml()).isSameAs(cached);
        for (String context : new String[] {"jabber:client", null, "jabber:client", "http://jabber.org/protocol/pubsub#event"}) {
            StringBuilder plain = new StringBuilder();
            StringBuilder fromCache = new StringBuilder();
            event.writeTo(plain, context);
            cached.writeTo(fromCache, context);
            assertThat(fromCache.toString()).isEqualTo(plain.toString());
        }
        Element message = Element.builder("message", "jabber:client").attribute("to", "a@b").child(cached).build();
        Element other = Element.builder("message", "jabber:client").attribute("to", "c@d").child(cached).build();
        assertThat(message.toXml("jabber:client")).isEqualTo("<message to='a@b'>" + event.toXml("jabber:client") + "</message>");
        assertThat(other.toXml()).isEqualTo("<message xmlns='jabber:client' to='c@d'>" + event.toXml("jabber:client") + "</message>");
    }

    @Test
    void anElementMadeInOneStepEqualsTheBuiltOneAndKeepsItsAttributeOrder() {
        Element body = Element.builder("body", "jabber:client").text("hi").build();
        Element made = Element.of("message", "jabber:client", List.of(body),
                "from", "pubsub.localhost", "to", "a@b/c'd", "id", "ps1", "type", null);
        Element built = Element.builder("message", "jabber:client")
                .attribute("from", "pubsub.localhost").attribute("to", "a@b/c'd").attribute("id", "ps1")
                .child(body).build();
        assertThat(made).isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(made.attribute("type")).isNull();
        assertThat(made.toXml("jabber:client"))
                .isEqualTo("<message from='pubsub.localhost' to='a@b/c&apos;d' id='ps1'><body>hi</body></message>");
        assertThat(made.attributes()).containsExactly(
                Map.entry("from", "pubsub.localhost"), Map.entry("to", "a@b/c'd"), Map.entry("id", "ps1"));
        assertThatThrownBy(() -> Element.of("x", "y", List.of(), "odd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void attributesCompareAndHashRegardlessOfOrder() {
        Element ab = Element.builder("x", "y").attribute("a", "1").attribute("b", "2").build();
        Element ba = Element.builder("x", "y").attribute("b", "2").attribute("a", "1").build();
        Element other = Element.builder("x", "y").attribute("a", "1").attribute("c", "2").build();
        assertThat(ab).isEqualTo(ba).hasSameHashCodeAs(ba).isNotEqualTo(other);
        assertThat(ab.withoutAttribute("a")).isEqualTo(Element.builder("x", "y").attribute("b", "2").build());
        assertThat(ab.withAttribute("a", "3").attribute("a")).isEqualTo("3");
    }
}
