package org.chasqui.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlainMessageTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rfc_4616_section_4_examples() {
        PlainMessage m = PlainMessage.parse(utf8("\0tim\0tanstaaftanstaaf")).orElseThrow();
        assertThat(m.authzid()).isNull();
        assertThat(m.authcid()).isEqualTo("tim");
        assertThat(m.password()).isEqualTo("tanstaaftanstaaf");

        PlainMessage n = PlainMessage.parse(utf8("Ursel\0Kurt\0xipj3plmq")).orElseThrow();
        assertThat(n.authzid()).isEqualTo("Ursel");
        assertThat(n.authcid()).isEqualTo("Kurt");
        assertThat(n.password()).isEqualTo("xipj3plmq");
        assertThat(n.toString()).doesNotContain("xipj3plmq");
    }

    @Test
    void utf8_is_kept() {
        assertThat(PlainMessage.parse(utf8("\0j\u00fcrgen\0p\u00e4ss")).orElseThrow().authcid()).isEqualTo("j\u00fcrgen");
    }

    @Test
    void malformed_messages_are_empty() {
        assertThat(PlainMessage.parse(null)).isEmpty();
        assertThat(PlainMessage.parse(new byte[0])).isEmpty();
        assertThat(PlainMessage.parse(utf8("timpassword"))).isEmpty();
        assertThat(PlainMessage.parse(utf8("tim\0password"))).isEmpty();
        assertThat(PlainMessage.parse(utf8("\0tim\0pass\0word"))).isEmpty();
        assertThat(PlainMessage.parse(utf8("\0\0password"))).isEmpty();
        assertThat(PlainMessage.parse(utf8("\0tim\0"))).isEmpty();
        assertThat(PlainMessage.parse(new byte[] {0, 't', 0, (byte) 0xFF})).isEmpty();
    }
}
