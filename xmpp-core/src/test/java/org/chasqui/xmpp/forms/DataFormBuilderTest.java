package org.chasqui.xmpp.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataFormBuilderTest {

    /** A form using every part of XEP-0004 §3: builder, then element, then parse gives the same form. */
    @Test
    void builtFormSurvivesElementAndParse() throws FormException {
        DataForm built = DataForm.builder(DataForm.Type.FORM)
                .formType("urn:example:everything")
                .title("Everything")
                .instructions("First line.")
                .instructions("Second line.")
                .field(Field.fixed("Section 1"))
                .field(Field.builder("b").type(FieldType.BOOLEAN).label("A boolean").desc("Help").required()
                        .value(true).build())
                .field(Field.builder("h").type(FieldType.HIDDEN).value("x").value("y").build())
                .field(Field.builder("jm").type(FieldType.JID_MULTI).value("a@b").value("c@d/e").build())
                .field(Field.builder("js").type(FieldType.JID_SINGLE).value("").build())
                .field(Field.builder("lm").type(FieldType.LIST_MULTI).option("One", "1").option("2").value("2").build())
                .field(Field.builder("ls").type(FieldType.LIST_SINGLE).option("A", "a").option("B", "b").value("b")
                        .build())
                .field(Field.builder("tm").type(FieldType.TEXT_MULTI).values(List.of("l1", "l2 <&'\">")).build())
                .field(Field.builder("tp").type(FieldType.TEXT_PRIVATE).build())
                .field(Field.builder("ts").type(FieldType.TEXT_SINGLE).value("  spaced  ").build())
                .field(Field.builder("untyped").label("No type").build())
                .build();

        DataForm parsed = DataForm.parse(built.toElement());

        assertThat(parsed).isEqualTo(built);
        assertThat(DataForm.parse(SpecForms.xml(built.toString()))).isEqualTo(built);
        assertThat(parsed.formType()).isEqualTo("urn:example:everything");
        assertThat(parsed.field("b").value()).isEqualTo("1");
    }

    @Test
    void multiItemResultSurvivesElementAndParse() throws FormException {
        DataForm built = DataForm.builder(DataForm.Type.RESULT)
                .title("Search results")
                .reported(List.of(Field.builder("name").type(FieldType.TEXT_SINGLE).label("Name").build(),
                        Field.builder("jid").type(FieldType.JID_SINGLE).label("JID").build()))
                .item(Item.of(Field.builder("name").value("Juliet").build(),
                        Field.builder("jid").value("juliet@capulet.lit").build()))
                .item(Item.of(Field.builder("name").value("").build(),
                        Field.builder("jid").value("romeo@montague.lit").build()))
                .build();

        assertThat(DataForm.parse(built.toElement())).isEqualTo(built);
        assertThat(built.toElement().toXml()).isEqualTo("<x xmlns='jabber:x:data' type='result'>"
                + "<title>Search results</title>"
                + "<reported><field var='name' type='text-single' label='Name'/>"
                + "<field var='jid' type='jid-single' label='JID'/></reported>"
                + "<item><field var='name'><value>Juliet</value></field>"
                + "<field var='jid'><value>juliet@capulet.lit</value></field></item>"
                + "<item><field var='name'><value/></field>"
                + "<field var='jid'><value>romeo@montague.lit</value></field></item>"
                + "</x>");
    }

    @Test
    void writesTheSchemasOrder() {
        DataForm f = DataForm.builder(DataForm.Type.FORM)
                .field(Field.builder("ls").type(FieldType.LIST_SINGLE).label("L").desc("D").required()
                        .option("A", "a").value("a").build())
                .build();
        assertThat(f.toElement().toXml()).isEqualTo("<x xmlns='jabber:x:data' type='form'>"
                + "<field var='ls' type='list-single' label='L'><desc>D</desc><required/><value>a</value>"
                + "<option label='A'><value>a</value></option></field></x>");
    }

    @Test
    void cancelFormIsEmpty() {
        assertThat(DataForm.builder(DataForm.Type.CANCEL).build().toElement().toXml())
                .isEqualTo("<x xmlns='jabber:x:data' type='cancel'/>");
    }

    @Test
    void formTypeIsTheFirstFieldWhenEverItIsSet() {
        DataForm f = DataForm.builder(DataForm.Type.SUBMIT)
                .field(Field.builder("pubsub#deliver").value(true).build())
                .formType("http://jabber.org/protocol/pubsub#subscribe_options")
                .build();
        assertThat(f.fields()).extracting(Field::var).containsExactly("FORM_TYPE", "pubsub#deliver");
        assertThat(f.field("FORM_TYPE")).isEqualTo(
                Field.hidden("FORM_TYPE", "http://jabber.org/protocol/pubsub#subscribe_options"));
        assertThat(f.formType()).isEqualTo("http://jabber.org/protocol/pubsub#subscribe_options");
    }

    @Test
    void brokenRulesAreBugsWithTheSameMessagesAsParsing() {
        DataForm.Builder twoValues = DataForm.builder(DataForm.Type.FORM)
                .field(Field.builder("b").type(FieldType.BOOLEAN).value("1").value("0").build());
        assertThatThrownBy(twoValues::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'b': boolean allows one value, got 2 (XEP-0004 §3.2)");

        DataForm.Builder duplicate = DataForm.builder(DataForm.Type.FORM).formType("urn:a")
                .field(Field.hidden("FORM_TYPE", "urn:b"));
        assertThatThrownBy(duplicate::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fields: duplicate var 'FORM_TYPE' (XEP-0004 §3.2)");

        DataForm.Builder noVar = DataForm.builder(DataForm.Type.SUBMIT).field(Field.builder(null).value("x").build());
        assertThatThrownBy(noVar::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field #1: no var (no type; XEP-0004 §3.2: only fixed fields may omit it)");

        DataForm.Builder emptyItem = DataForm.builder(DataForm.Type.RESULT)
                .reported(List.of(Field.builder("a").build())).item(new Item(List.of()));
        assertThatThrownBy(emptyItem::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("item 1 has no fields (XEP-0004 §3.4)");
    }

    @Test
    void toBuilderDerivesAnotherForm() throws FormException {
        DataForm form = SpecForms.exampleForm("xep-0004", 8);

        DataForm more = form.toBuilder().item(Item.of(Field.builder("name").value("Arena di Verona").build(),
                Field.builder("url").value("http://www.arena.it/").build())).build();

        assertThat(more.items()).hasSize(6);
        assertThat(more.reported()).isEqualTo(form.reported());
        assertThat(form.items()).hasSize(5);
    }

    @Test
    void fieldToBuilderCopiesEverything() {
        Field f = Field.builder("ls").type(FieldType.LIST_SINGLE).label("L").desc("D").required().option("A", "a")
                .value("a").build();
        assertThat(f.toBuilder().build()).isEqualTo(f);
        assertThat(f.toBuilder().value("b").build().values()).containsExactly("a", "b");
    }

    @Test
    void wireNamesRoundTrip() {
        for (FieldType t : FieldType.values()) {
            assertThat(FieldType.fromWireName(t.wireName())).isSameAs(t);
        }
        for (DataForm.Type t : DataForm.Type.values()) {
            assertThat(DataForm.Type.fromWireName(t.wireName())).isSameAs(t);
        }
        assertThat(FieldType.fromWireName("Text-Single")).isNull();
        assertThat(DataForm.Type.fromWireName("error")).isNull();
    }
}
