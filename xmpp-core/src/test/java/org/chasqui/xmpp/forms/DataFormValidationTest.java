package org.chasqui.xmpp.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each rule of XEP-0004 §3 that {@link DataForm#parse} checks: a form that breaks it, and the message. */
class DataFormValidationTest {

    private static void assertRejected(String xml, String message) {
        assertThatThrownBy(() -> SpecForms.parse(xml)).isInstanceOf(FormException.class).hasMessage(message);
    }

    /** A form of this type with these fields inside. */
    private static String form(String type, String fields) {
        return "<x xmlns='jabber:x:data' type='" + type + "'>" + fields + "</x>";
    }

    @Nested
    class TheXElement {

        @Test
        void mustBeNamedX() {
            assertRejected("<query xmlns='jabber:x:data'/>",
                    "expected <x xmlns='jabber:x:data'/>, got <query xmlns='jabber:x:data'/> (XEP-0004 §3)");
        }

        @Test
        void mustBeInTheDataFormsNamespace() {
            assertRejected("<x xmlns='jabber:x:oob' type='form'/>",
                    "expected <x xmlns='jabber:x:data'/>, got <x xmlns='jabber:x:oob'/> (XEP-0004 §3)");
        }

        @Test
        void mustHaveAType() {
            assertRejected("<x xmlns='jabber:x:data'/>", "form has no type (XEP-0004 §3.1)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"error", "Form", "get", ""})
        void mustHaveAKnownType(String type) {
            assertRejected(form(type, ""),
                    "unknown form type '" + type + "' (XEP-0004 §3.1: form, submit, cancel, result)");
        }

        @Test
        void takesEachFormType() throws FormException {
            for (DataForm.Type type : DataForm.Type.values()) {
                assertThat(SpecForms.parse(form(type.wireName(), "")).type()).isEqualTo(type);
            }
        }

        @Test
        void hasAtMostOneTitle() {
            assertRejected(form("form", "<title>a</title><title>b</title>"), "more than one <title/> (XEP-0004 §3)");
        }

        @Test
        void mayHaveManyInstructions() throws FormException {
            DataForm f = SpecForms.parse(form("form", "<instructions>a</instructions><instructions>b</instructions>"));
            assertThat(f.instructions()).containsExactly("a", "b");
        }

        @Test
        void ignoresChildrenOfOtherNamespacesAndUnknownOnes() throws FormException {
            DataForm f = SpecForms.parse(form("form", """
                    <field var='age' type='text-single'>
                      <validate xmlns='http://jabber.org/protocol/xdata-validate' datatype='xs:integer'/>
                      <value>5</value>
                    </field>
                    <page xmlns='http://jabber.org/protocol/xdata-layout'/>
                    <future/>"""));
            assertThat(f.fields()).containsExactly(
                    Field.builder("age").type(FieldType.TEXT_SINGLE).value("5").build());
        }
    }

    @Nested
    class FieldTypes {

        @ParameterizedTest
        @ValueSource(strings = {"date", "TEXT-SINGLE", "list", ""})
        void unknownTypeIsRejected(String type) {
            assertRejected(form("form", "<field var='when' type='" + type + "'/>"),
                    "field 'when': unknown field type '" + type + "' (XEP-0004 §3.3)");
        }

        @Test
        void unknownTypeOfAFieldWithoutVarIsNamedByPosition() {
            assertRejected(form("form", "<field var='a'/><field type='header'/>"),
                    "field #2: unknown field type 'header' (XEP-0004 §3.3)");
        }

        @Test
        void everyTypeOfXep0004IsRead() throws FormException {
            StringBuilder fields = new StringBuilder();
            for (FieldType t : FieldType.values()) {
                fields.append("<field var='v-").append(t.wireName()).append("' type='").append(t.wireName())
                        .append("'/>");
            }
            DataForm f = SpecForms.parse(form("form", fields.toString()));
            assertThat(f.fields()).extracting(Field::type).containsExactly(FieldType.values());
        }

        @Test
        void untypedFieldIsTextSingleInAFormAndUnknownElsewhere() throws FormException {
            Field untyped = SpecForms.parse(form("form", "<field var='a'/>")).field("a");
            assertThat(untyped.type()).isNull();
            assertThat(untyped.typeIn(DataForm.Type.FORM)).isEqualTo(FieldType.TEXT_SINGLE);
            assertThat(untyped.typeIn(DataForm.Type.SUBMIT)).isNull();
            assertThat(untyped.typeIn(DataForm.Type.RESULT)).isNull();
        }
    }

    @Nested
    class Vars {

        @Test
        void textSingleFieldNeedsAVar() {
            assertRejected(form("form", "<field type='text-single'><value>x</value></field>"),
                    "field #1: no var (text-single; XEP-0004 §3.2: only fixed fields may omit it)");
        }

        @Test
        void untypedFieldNeedsAVar() {
            assertRejected(form("submit", "<field var='a'/><field><value>x</value></field>"),
                    "field #2: no var (no type; XEP-0004 §3.2: only fixed fields may omit it)");
        }

        @Test
        void emptyVarIsNoVar() {
            assertRejected(form("form", "<field var='' type='hidden'/>"),
                    "field '': no var (hidden; XEP-0004 §3.2: only fixed fields may omit it)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"boolean", "hidden", "jid-multi", "jid-single", "list-multi", "list-single",
                "text-multi", "text-private", "text-single"})
        void everyTypeButFixedNeedsAVar(String type) {
            assertRejected(form("form", "<field type='" + type + "'/>"),
                    "field #1: no var (" + type + "; XEP-0004 §3.2: only fixed fields may omit it)");
        }

        @Test
        void fixedFieldsMayOmitTheVarOrHaveOne() throws FormException {
            DataForm f = SpecForms.parse(form("form", """
                    <field type='fixed'><value>One</value></field>
                    <field type='fixed'><value>Two</value></field>
                    <field type='fixed' var='three'><value>Three</value></field>"""));
            assertThat(f.fields()).extracting(Field::var).containsExactly(null, null, "three");
            assertThat(f.value("three")).isEqualTo("Three");
        }

        @Test
        void varsAreUnique() {
            assertRejected(form("submit", "<field var='a'><value>1</value></field><field var='a'/>"),
                    "fields: duplicate var 'a' (XEP-0004 §3.2)");
        }

        @Test
        void aFixedFieldsVarCountsToo() {
            assertRejected(form("form", "<field type='fixed' var='a'/><field var='a' type='hidden'/>"),
                    "fields: duplicate var 'a' (XEP-0004 §3.2)");
        }

        @Test
        void varsAreComparedAsStrings() throws FormException {
            assertThat(SpecForms.parse(form("submit", "<field var='a'/><field var='A'/>")).fields()).hasSize(2);
        }
    }

    @Nested
    class NumberOfValues {

        @ParameterizedTest
        @ValueSource(strings = {"boolean", "fixed", "jid-single", "list-single", "text-private", "text-single"})
        void singleValuedTypesTakeOneValue(String type) {
            assertRejected(form("submit",
                    "<field var='f' type='" + type + "'><value>1</value><value>0</value></field>"),
                    "field 'f': " + type + " allows one value, got 2 (XEP-0004 §3.2)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"hidden", "jid-multi", "list-multi", "text-multi"})
        void multiValuedTypesTakeMany(String type) throws FormException {
            DataForm f = SpecForms.parse(form("submit", "<field var='f' type='" + type + "'>"
                    + "<value>a@b</value><value>c@d</value><value>e@f</value></field>"));
            assertThat(f.values("f")).containsExactly("a@b", "c@d", "e@f");
        }

        @Test
        void untypedFieldInAFormIsTextSingle() {
            assertRejected(form("form", "<field var='f'><value>1</value><value>2</value></field>"),
                    "field 'f': text-single allows one value, got 2 (XEP-0004 §3.2)");
        }

        /** XEP-0004 §3.2: in other forms the type is known from context, e.g. XEP-0060 Example 146. */
        @Test
        void untypedFieldOutsideAFormMayHaveManyValues() throws FormException {
            for (String type : new String[] {"submit", "result"}) {
                DataForm f = SpecForms.parse(form(type, "<field var='f'><value>1</value><value>2</value></field>"));
                assertThat(f.values("f")).containsExactly("1", "2");
            }
        }

        @Test
        void fieldsWithoutValuesAndWithAnEmptyValueDiffer() throws FormException {
            DataForm f = SpecForms.parse(form("submit", "<field var='absent'/><field var='empty'><value/></field>"));
            assertThat(f.values("absent")).isEmpty();
            assertThat(f.value("absent")).isNull();
            assertThat(f.values("empty")).containsExactly("");
            assertThat(f.value("empty")).isEmpty();
        }
    }

    @Nested
    class Booleans {

        @ParameterizedTest
        @ValueSource(strings = {"yes", "no", "TRUE", "False", " 1", "1 ", "2", "-1", "on"})
        void onlyTheFourLexicalFormsAreBooleans(String value) {
            assertRejected(form("form", "<field var='b' type='boolean'><value>" + value + "</value></field>"),
                    "field 'b': '" + value + "' is not a boolean (XEP-0004 §3.3: 0, 1, false, true)");
        }

        @Test
        void zeroOneFalseTrueAndEmptyAreAccepted() throws FormException {
            DataForm f = SpecForms.parse(form("submit", """
                    <field var='a' type='boolean'><value>0</value></field>
                    <field var='b' type='boolean'><value>1</value></field>
                    <field var='c' type='boolean'><value>false</value></field>
                    <field var='d' type='boolean'><value>true</value></field>
                    <field var='e' type='boolean'><value/></field>
                    <field var='f' type='boolean'/>"""));
            assertThat(f.booleanValue("a")).contains(false);
            assertThat(f.booleanValue("b")).contains(true);
            assertThat(f.booleanValue("c")).contains(false);
            assertThat(f.booleanValue("d")).contains(true);
            assertThat(f.booleanValue("e")).isEmpty();
            assertThat(f.booleanValue("f")).isEmpty();
        }

        @Test
        void anUntypedFieldInASubmissionIsNotCheckedAtParseTime() throws FormException {
            DataForm f = SpecForms.parse(form("submit", "<field var='pubsub#deliver'><value>yes</value></field>"));
            assertThatThrownBy(() -> f.booleanValue("pubsub#deliver")).isInstanceOf(FormException.class)
                    .hasMessage("field 'pubsub#deliver': 'yes' is not a boolean (XEP-0004 §3.3: 0, 1, false, true)");
        }
    }

    @Nested
    class Jids {

        @ParameterizedTest
        @ValueSource(strings = {"@capulet.lit", "juliet@", "juliet@capulet.lit/", "a b@capulet.lit", "capulet..lit"})
        void jidSingleValueMustBeAJid(String value) {
            assertRejected(form("submit", "<field var='j' type='jid-single'><value>" + value + "</value></field>"),
                    "field 'j': '" + value + "' is not a valid JID (XEP-0004 §3.3)");
        }

        @Test
        void everyJidMultiValueMustBeAJid() {
            assertRejected(form("result", """
                    <field var='owners' type='jid-multi'>
                      <value>hamlet@denmark.lit</value>
                      <value>not a jid@denmark.lit</value>
                    </field>"""),
                    "field 'owners': 'not a jid@denmark.lit' is not a valid JID (XEP-0004 §3.3)");
        }

        @Test
        void validJidsAndEmptyValuesAreAccepted() throws FormException {
            DataForm f = SpecForms.parse(form("form", """
                    <field var='a' type='jid-single'><value>pubsub.shakespeare.lit</value></field>
                    <field var='b' type='jid-multi'>
                      <value>hamlet@denmark.lit/elsinore</value><value>[::1]</value><value>ß@example.com</value>
                    </field>
                    <field var='c' type='jid-single'><value/></field>"""));
            assertThat(f.jidValues("a")).hasSize(1);
            assertThat(f.jidValues("b")).hasSize(3);
            assertThat(f.jidValues("c")).isEmpty();
        }
    }

    @Nested
    class Options {

        @Test
        void listSingleDefaultMustBeAnOptionInAForm() {
            assertRejected(form("form", """
                    <field var='pubsub#access_model' type='list-single'>
                      <option><value>open</value></option>
                      <option><value>presence</value></option>
                      <value>roster</value>
                    </field>"""),
                    "field 'pubsub#access_model': 'roster' is not one of its options (XEP-0004 §3.3)");
        }

        @Test
        void listMultiDefaultsMustBeOptionsInAForm() {
            assertRejected(form("form", """
                    <field var='features' type='list-multi'>
                      <option><value>news</value></option>
                      <value>news</value><value>polls</value>
                    </field>"""),
                    "field 'features': 'polls' is not one of its options (XEP-0004 §3.3)");
        }

        @Test
        void aSubmissionCarriesNoOptionsAndIsNotCheckedAgainstAny() throws FormException {
            DataForm f = SpecForms.parse(form("submit",
                    "<field var='pubsub#access_model' type='list-single'><value>roster</value></field>"));
            assertThat(f.value("pubsub#access_model")).isEqualTo("roster");
        }

        @Test
        void onlyFormsOfTypeFormAreCheckedAgainstTheirOptions() throws FormException {
            DataForm f = SpecForms.parse(form("result", """
                    <field var='l' type='list-single'><option><value>a</value></option><value>b</value></field>"""));
            assertThat(f.value("l")).isEqualTo("b");
        }

        @Test
        void listWithoutOptionsOrWithAnEmptyValueIsAccepted() throws FormException {
            DataForm f = SpecForms.parse(form("form", """
                    <field var='pubsub#language' type='list-single'><value>en</value></field>
                    <field var='l' type='list-single'><option><value>a</value></option><value/></field>"""));
            assertThat(f.value("pubsub#language")).isEqualTo("en");
            assertThat(f.value("l")).isEmpty();
        }

        @Test
        void onlyListFieldsHaveOptions() {
            assertRejected(form("form", "<field var='t' type='text-single'><option><value>a</value></option></field>"),
                    "field 't': text-single cannot have options (XEP-0004 §3.2: only list-single and list-multi)");
        }

        @Test
        void anOptionHasExactlyOneValue() {
            assertRejected(form("form", "<field var='l' type='list-single'><option label='x'>x</option></field>"),
                    "field 'l': an <option/> has 0 values, not one (XEP-0004 §3.2)");
            assertRejected(form("form",
                    "<field var='l' type='list-multi'><option><value>a</value><value>b</value></option></field>"),
                    "field 'l': an <option/> has 2 values, not one (XEP-0004 §3.2)");
        }

        @Test
        void optionsAreUnique() {
            assertRejected(form("form", """
                    <field var='l' type='list-single'>
                      <option label='A'><value>a</value></option><option label='Also A'><value>a</value></option>
                    </field>"""),
                    "field 'l': duplicate option 'a' (XEP-0004 §3.3: options must be unique)");
        }

        @Test
        void optionLabelsAreOptional() throws FormException {
            DataForm f = SpecForms.parse(form("form", """
                    <field var='l' type='list-single'><option><value>a</value></option></field>"""));
            assertThat(f.field("l").options()).containsExactly(Option.of("a"));
        }
    }

    @Nested
    class Desc {

        @Test
        void aFieldHasAtMostOneDesc() {
            assertRejected(form("form", "<field var='d'><desc>a</desc><desc>b</desc></field>"),
                    "field 'd': more than one <desc/> (XEP-0004 §3.2)");
        }
    }

    @Nested
    class ReportedAndItems {

        private static final String REPORTED =
                "<reported><field var='name'/><field var='jid' type='jid-single'/></reported>";

        @Test
        void atMostOneReported() {
            assertRejected(form("result", REPORTED + REPORTED), "more than one <reported/> (XEP-0004 §3.4)");
        }

        @Test
        void reportedHasFields() {
            assertRejected(form("result", "<reported/>"), "reported has no fields (XEP-0004 §3.4)");
        }

        @Test
        void anItemHasFields() {
            assertRejected(form("result", REPORTED + "<item><field var='name'/></item><item/>"),
                    "item 2 has no fields (XEP-0004 §3.4)");
        }

        @Test
        void reportedFieldsFollowTheFieldRules() {
            assertRejected(form("result", "<reported><field var='a'/><field var='a'/></reported>"),
                    "reported fields: duplicate var 'a' (XEP-0004 §3.2)");
            assertRejected(form("result", "<reported><field type='jid-single'/></reported>"),
                    "reported field #1: no var (jid-single; XEP-0004 §3.2: only fixed fields may omit it)");
        }

        @Test
        void itemFieldsFollowTheFieldRules() {
            assertRejected(form("result", REPORTED
                    + "<item><field var='jid' type='jid-single'><value>@bad</value></field></item>"),
                    "item 1 field 'jid': '@bad' is not a valid JID (XEP-0004 §3.3)");
            assertRejected(form("result", REPORTED + "<item><field var='x' type='bogus'/></item>"),
                    "item 1 field 'x': unknown field type 'bogus' (XEP-0004 §3.3)");
        }

        /** XEP-0004 §3.4's note: older senders may put items first. */
        @Test
        void reportedAfterItemsIsReadAndWrittenFirst() throws FormException {
            DataForm f = SpecForms.parse(form("result",
                    "<item><field var='name'><value>x</value></field></item><reported><field var='name'/></reported>"));
            assertThat(f.reported()).extracting(Field::var).containsExactly("name");
            assertThat(f.items()).hasSize(1);
            assertThat(f.toElement().elements()).extracting(e -> e.name()).containsExactly("reported", "item");
        }
    }
}
