package org.chasqui.xmpp.xml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XmlEscaperTest {

    private static String text(String s) {
        StringBuilder out = new StringBuilder("[");
        XmlEscaper.escapeText(s, out);
        return out.append(']').toString();
    }

    private static String attribute(String s) {
        StringBuilder out = new StringBuilder("[");
        XmlEscaper.escapeAttribute(s, out);
        return out.append(']').toString();
    }

    @Test
    void textEscapesMarkupAndCarriageReturnOnly() {
        assertThat(text("")).isEqualTo("[]");
        assertThat(text("plain ✓ text")).isEqualTo("[plain ✓ text]");
        assertThat(text("a<b>&c\rd'\"\n\t")).isEqualTo("[a&lt;b&gt;&amp;c&#13;d'\"\n\t]");
        assertThat(text("&&")).isEqualTo("[&amp;&amp;]");
        assertThat(text("<x")).isEqualTo("[&lt;x]");
        assertThat(text("x>")).isEqualTo("[x&gt;]");
    }

    @Test
    void attributesEscapeQuotesAndWhitespaceToo() {
        assertThat(attribute("juliet@capulet.example/balcony")).isEqualTo("[juliet@capulet.example/balcony]");
        assertThat(attribute("a'b\"c<d>e&f\ng\rh\ti")).isEqualTo("[a&apos;b&quot;c&lt;d&gt;e&amp;f&#10;g&#13;h&#9;i]");
        assertThat(attribute("'")).isEqualTo("[&apos;]");
        assertThat(attribute("😀'😀")).isEqualTo("[😀&apos;😀]");
    }
}
