package org.chasqui.xmpp.jid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.IDN;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PunycodeTest {

    @ParameterizedTest
    @CsvSource({
        // RFC 3492 §7.1 (B), Chinese (simplified)
        "他们为什么不说中文, ihqwcrb4cv8a8dqg056pqjye",
        "münchen, mnchen-3ya",
        "bücher, bcher-kva",
        "faß, fa-hia",
        "東京, 1lqs71d",
        "пример, e1afmkfd",
    })
    void encodesAndDecodes(String unicode, String punycode) {
        assertThat(Punycode.encode(unicode)).isEqualTo(punycode);
        assertThat(Punycode.decode(punycode)).isEqualTo(unicode);
    }

    /** Labels on which IDNA2003 maps nothing, so java.net.IDN's Punycode must agree with ours. */
    @ParameterizedTest
    @ValueSource(strings = {"ü", "aü", "üa", "a-ü", "العربية", "שלום", "ελληνικά", "日本語ドメイン", "한국어",
        "😀x", "他们为什么不说中文他们为什么不说中文他们为什么不说"})
    void agreesWithJdk(String label) {
        String encoded = Punycode.encode(label);

        assertThat("xn--" + encoded).isEqualTo(IDN.toASCII(label, IDN.ALLOW_UNASSIGNED));
        assertThat(Punycode.decode(encoded)).isEqualTo(label);
    }

    @Test
    void decodingIsCaseInsensitive() {
        assertThat(Punycode.decode("MNCHEN-3YA")).isEqualTo("MüNCHEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-abc", "a!", "ü-abc", "b", "zzzz99999999999", "99999999999999999999"})
    void rejectsMalformedInput(String input) {
        assertThatThrownBy(() -> Punycode.decode(input)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trailingDelimiterEndsTheBasicCodePoints() {
        assertThat(Punycode.decode("abc-")).isEqualTo("abc");
        assertThat(Punycode.encode("abc")).isEqualTo("abc-");
    }
}
