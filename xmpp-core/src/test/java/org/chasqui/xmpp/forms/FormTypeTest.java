package org.chasqui.xmpp.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** XEP-0068: which FORM_TYPE field names a form's type, with the XEP's own examples. */
class FormTypeTest {

    private static final String XEP = "xep-0068";

    @Test
    void example1FormWithoutFormType() throws FormException {
        DataForm form = SpecForms.exampleForm(XEP, 1);
        assertThat(form.formType()).isNull();
        assertThat(form.title()).isEqualTo("Vote #134");
        // newlines inside <instructions/> are kept as sent (XEP-0004 §3 leaves their handling unspecified)
        assertThat(form.instructions()).singleElement().asString().contains("Thanks for your time!");
    }

    @Test
    void example2HiddenFormTypeAndAClarkNotationField() throws FormException {
        DataForm form = SpecForms.exampleForm(XEP, 2);
        assertThat(form.formType()).isEqualTo("http://jabber.org/protocol/pubsub#subscribe_authorization");
        assertThat(form.values("{http://example.com/pubsub}time_restrictions"))
                .containsExactly("09:00-12:00", "13:00-17:00");
    }

    /** Example 3 is the XEP's bad example: its options have no {@code <value/>}, which XEP-0004 §3.2 forbids. */
    @Test
    void example3IsNotAValidForm() {
        assertThatThrownBy(() -> SpecForms.exampleForm(XEP, 3)).isInstanceOf(FormException.class)
                .hasMessage("field 'light': an <option/> has 0 values, not one (XEP-0004 §3.2)");
    }

    @Test
    void example3sFormTypeIsIgnoredBecauseItIsNotHidden() throws FormException {
        DataForm form = SpecForms.parse("""
                <x xmlns="jabber:x:data" type="form">
                   <field var="FORM_TYPE" type="text-single">
                     <value>http://jabber.org/protocol/shakespeare</value>
                   </field>
                </x>""");
        assertThat(form.formType()).isNull();
        assertThat(form.value("FORM_TYPE")).isEqualTo("http://jabber.org/protocol/shakespeare");
    }

    @Test
    void example5RegistrationForm() throws FormException {
        assertThat(SpecForms.exampleForm(XEP, 5).formType()).isEqualTo("http://jabber.org/protocol/muc#user");
    }

    /** XEP-0068 §5: an untyped FORM_TYPE in a submitted form is the FORM_TYPE. */
    @Test
    void example6SubmissionWithUntypedFormType() throws FormException {
        DataForm form = SpecForms.exampleForm(XEP, 6);
        assertThat(form.field("FORM_TYPE").type()).isNull();
        assertThat(form.formType()).isEqualTo("http://jabber.org/protocol/muc#user");
        assertThat(form.value("muc#user_roomnick")).isEqualTo("thirdwitch");
    }

    @ParameterizedTest(name = "{0} form, FORM_TYPE type=''{1}'': {2}")
    @CsvSource(nullValues = "none", value = {
            "form,   hidden,      urn:x",
            "form,   none,        none",
            "form,   text-single, none",
            "submit, hidden,      urn:x",
            "submit, none,        urn:x",
            "submit, text-single, none",
            "result, hidden,      urn:x",
            "result, none,        none",
            "result, fixed,       none"})
    void formTypeCountsWhenHiddenOrUntypedInASubmission(String formType, String fieldType, String expected)
            throws FormException {
        String typeAttribute = fieldType == null ? "" : " type='" + fieldType + "'";
        DataForm form = SpecForms.parse("<x xmlns='jabber:x:data' type='" + formType + "'>"
                + "<field var='FORM_TYPE'" + typeAttribute + "><value>urn:x</value></field></x>");
        assertThat(form.formType()).isEqualTo(expected);
    }

    @Test
    void formTypeWithoutValueIsNull() throws FormException {
        assertThat(SpecForms.parse("<x xmlns='jabber:x:data' type='form'><field var='FORM_TYPE' type='hidden'/></x>")
                .formType()).isNull();
    }
}
