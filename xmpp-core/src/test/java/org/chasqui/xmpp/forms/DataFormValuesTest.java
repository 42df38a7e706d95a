package org.chasqui.xmpp.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chasqui.xmpp.jid.Jid;
import org.junit.jupiter.api.Test;

/** The typed getters of {@link DataForm}: values read as booleans, integers and JIDs. */
class DataFormValuesTest {

    private static DataForm submitted(String fields) throws FormException {
        return SpecForms.parse("<x xmlns='jabber:x:data' type='submit'>" + fields + "</x>");
    }

    @Test
    void booleanValueIsEmptyForAnAbsentFieldOrValue() throws FormException {
        DataForm f = submitted("<field var='none'/><field var='empty'><value/></field>");
        assertThat(f.booleanValue("missing")).isEmpty();
        assertThat(f.booleanValue("none")).isEmpty();
        assertThat(f.booleanValue("empty")).isEmpty();
    }

    @Test
    void intValueReadsTheFirstValue() throws FormException {
        DataForm f = submitted("<field var='pubsub#max_items'><value>10</value></field>");
        assertThat(f.intValue("pubsub#max_items")).hasValue(10);
        assertThat(f.intValue("missing")).isEmpty();
    }

    @Test
    void intValueOfANonIntegerNamesTheField() throws FormException {
        // XEP-0060 allows "max" here: the caller looks for it with value() before asking for a number
        DataForm f = submitted("<field var='pubsub#max_items'><value>max</value></field>"
                + "<field var='big'><value>4294967296</value></field>");
        assertThat(f.value("pubsub#max_items")).isEqualTo("max");
        assertThatThrownBy(() -> f.intValue("pubsub#max_items")).isInstanceOf(FormException.class)
                .hasMessage("field 'pubsub#max_items': 'max' is not an integer");
        assertThatThrownBy(() -> f.intValue("big")).isInstanceOf(FormException.class)
                .hasMessage("field 'big': '4294967296' is out of range for an integer");
    }

    @Test
    void intValueOfAnEmptyValueIsEmpty() throws FormException {
        assertThat(submitted("<field var='n'><value/></field>").intValue("n")).isEmpty();
    }

    /** XEP-0004 §3.3, jid-multi: "duplicate JIDs MUST be ignored", after normalisation. */
    @Test
    void jidValuesAreInOrderWithoutDuplicatesOrEmptyValues() throws FormException {
        DataForm f = submitted("""
                <field var='pubsub#contact' type='jid-multi'>
                  <value>bard@shakespeare.lit</value>
                  <value/>
                  <value>hamlet@denmark.lit</value>
                  <value>Bard@Shakespeare.lit</value>
                </field>""");
        assertThat(f.jidValues("pubsub#contact"))
                .containsExactly(Jid.parse("bard@shakespeare.lit"), Jid.parse("hamlet@denmark.lit"));
        assertThat(f.jidValues("missing")).isEmpty();
    }

    @Test
    void jidValuesOfAnUntypedFieldAreCheckedWhenRead() throws FormException {
        DataForm f = submitted(
                "<field var='pubsub#contact'><value>hamlet@denmark.lit</value><value>@x</value></field>");
        assertThatThrownBy(() -> f.jidValues("pubsub#contact")).isInstanceOf(FormException.class)
                .hasMessage("field 'pubsub#contact': '@x' is not a valid JID (XEP-0004 §3.3)");
    }

    @Test
    void valueListsCannotBeChanged() throws FormException {
        DataForm f = submitted("<field var='a'><value>1</value></field>");
        assertThatThrownBy(() -> f.values("a").add("2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> f.fields().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> f.instructions().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
