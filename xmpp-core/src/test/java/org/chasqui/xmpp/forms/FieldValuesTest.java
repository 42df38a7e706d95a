package org.chasqui.xmpp.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chasqui.xmpp.jid.Jid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldValuesTest {

    @ParameterizedTest
    @CsvSource({"1, true", "true, true", "0, false", "false, false"})
    void booleansAreXmlSchemaBooleans(String value, boolean expected) throws FormException {
        assertThat(FieldValues.parseBoolean(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "TRUE", "True", "yes", "on", "01", " 1", "0 ", "t"})
    void anythingElseIsNotABoolean(String value) {
        assertThatThrownBy(() -> FieldValues.parseBoolean(value)).isInstanceOf(FormException.class)
                .hasMessage("'" + value + "' is not a boolean (XEP-0004 §3.3: 0, 1, false, true)");
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "10, 10", "604800, 604800", "-5, -5", "+7, 7", "007, 7", "2147483647, 2147483647",
            "-2147483648, -2147483648"})
    void integersAreDecimal(String value, int expected) throws FormException {
        assertThat(FieldValues.parseInt(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "max", "1.5", "1e3", " 5", "5 ", "-", "+", "0x10", "١٠", "５"})
    void anythingElseIsNotAnInteger(String value) {
        assertThatThrownBy(() -> FieldValues.parseInt(value)).isInstanceOf(FormException.class)
                .hasMessage("'" + value + "' is not an integer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483648", "-2147483649", "99999999999999999999"})
    void integersOutsideTheRangeOfIntAreRejected(String value) {
        assertThatThrownBy(() -> FieldValues.parseInt(value)).isInstanceOf(FormException.class)
                .hasMessage("'" + value + "' is out of range for an integer");
    }

    @Test
    void jidsAreParsedAndNormalised() throws FormException {
        assertThat(FieldValues.parseJid("Juliet@Capulet.LIT/Balcony"))
                .isEqualTo(Jid.parse("juliet@capulet.lit/Balcony"));
        assertThatThrownBy(() -> FieldValues.parseJid("juliet@")).isInstanceOf(FormException.class)
                .hasMessage("'juliet@' is not a valid JID (XEP-0004 §3.3)");
    }
}
