package org.chasqui.xmpp.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.chasqui.xmpp.jid.Jid;
import org.junit.jupiter.api.Test;

/** The content of the forms in XEP-0004 §5, read field by field. */
class Xep0004ExamplesTest {

    private static final String XEP = "xep-0004";

    @Test
    void example2BotCreationFormHasItsFieldsInOrderWithTypesOptionsAndDefaults() throws FormException {
        DataForm form = SpecForms.exampleForm(XEP, 2);

        assertThat(form.type()).isEqualTo(DataForm.Type.FORM);
        assertThat(form.title()).isEqualTo("Bot Configuration");
        assertThat(form.instructions()).containsExactly("Fill out this form to configure your new bot!");
        assertThat(form.formType()).isEqualTo("jabber:bot");
        assertThat(form.fields()).extracting(Field::var).containsExactly("FORM_TYPE", null, "botname",
                "description", "public", "password", null, "features", null, "maxsubs", null, "invitelist");
        assertThat(form.fields()).extracting(Field::type).containsExactly(FieldType.HIDDEN, FieldType.FIXED,
                FieldType.TEXT_SINGLE, FieldType.TEXT_MULTI, FieldType.BOOLEAN, FieldType.TEXT_PRIVATE,
                FieldType.FIXED, FieldType.LIST_MULTI, FieldType.FIXED, FieldType.LIST_SINGLE, FieldType.FIXED,
                FieldType.JID_MULTI);
        assertThat(form.fields().get(1).values()).containsExactly("Section 1: Bot Info");

        Field botname = form.field("botname");
        assertThat(botname.label()).isEqualTo("The name of your bot");
        assertThat(botname.values()).isEmpty();
        assertThat(botname.required()).isFalse();
        assertThat(form.field("public").required()).isTrue();

        Field features = form.field("features");
        assertThat(features.options()).containsExactly(new Option("Contests", "contests"), new Option("News", "news"),
                new Option("Polls", "polls"), new Option("Reminders", "reminders"), new Option("Search", "search"));
        assertThat(features.values()).containsExactly("news", "search");

        assertThat(form.value("maxsubs")).isEqualTo("20");
        assertThat(form.field("maxsubs").options()).extracting(Option::value)
                .containsExactly("10", "20", "30", "50", "100", "none");
        assertThat(form.field("invitelist").desc()).isEqualTo("Tell all your friends about your new bot!");
        assertThat(form.jidValues("invitelist")).isEmpty();
        assertThat(form.reported()).isEmpty();
        assertThat(form.items()).isEmpty();
    }

    @Test
    void example3SubmittedBotFormReadsAsTypedValues() throws FormException {
        DataForm form = SpecForms.exampleForm(XEP, 3);

        assertThat(form.type()).isEqualTo(DataForm.Type.SUBMIT);
        assertThat(form.title()).isNull();
        assertThat(form.formType()).isEqualTo("jabber:bot");
        assertThat(form.value("botname")).isEqualTo("The Jabber Google Bot");
        assertThat(form.values("description")).containsExactly(
                "This bot enables you to send requests to",
                "Google and receive the search results right",
                "in your Jabber client. It' really cool!", // the spec's &apos; typo, decoded
                "It even supports Google News!");
        assertThat(form.booleanValue("public")).contains(false);
        assertThat(form.value("password")).isEqualTo("v3r0na");
        assertThat(form.values("features")).containsExactly("news", "search");
        assertThat(form.intValue("maxsubs")).hasValue(50);
        assertThat(form.jidValues("invitelist"))
                .containsExactly(Jid.parse("juliet@capulet.com"), Jid.parse("benvolio@montague.net"));
    }

    @Test
    void example4ResultEchoesTheSubmission() throws FormException {
        DataForm result = SpecForms.exampleForm(XEP, 4);
        DataForm submitted = SpecForms.exampleForm(XEP, 3);

        assertThat(result.type()).isEqualTo(DataForm.Type.RESULT);
        assertThat(result.formType()).isEqualTo("jabber:bot");
        // The result leaves out only the description
        assertThat(result.fields()).containsExactlyElementsOf(
                submitted.fields().stream().filter(f -> !"description".equals(f.var())).toList());
    }

    @Test
    void example6SearchFormHasOneRequiredUntitledField() throws FormException {
        DataForm form = SpecForms.exampleForm(XEP, 6);

        assertThat(form.title()).isEqualTo("Joogle Search");
        assertThat(form.instructions()).containsExactly("Fill out this form to search for information!");
        assertThat(form.formType()).isNull();
        assertThat(form.fields()).containsExactly(
                Field.builder("search_request").type(FieldType.TEXT_SINGLE).required().build());
    }

    @Test
    void example7SubmitsTheSearchRequest() throws FormException {
        DataForm form = SpecForms.exampleForm(XEP, 7);

        assertThat(form.type()).isEqualTo(DataForm.Type.SUBMIT);
        assertThat(form.value("search_request")).isEqualTo("verona");
        assertThat(form.value("no_such_field")).isNull();
        assertThat(form.values("no_such_field")).isEmpty();
        assertThat(form.field("no_such_field")).isNull();
    }

    @Test
    void example8SearchResultsAreReportedFieldsAndItems() throws FormException {
        DataForm form = SpecForms.exampleForm(XEP, 8);

        assertThat(form.type()).isEqualTo(DataForm.Type.RESULT);
        assertThat(form.title()).isEqualTo("Joogle Search: verona");
        assertThat(form.fields()).isEmpty();
        assertThat(form.reported()).containsExactly(Field.builder("name").build(), Field.builder("url").build());
        assertThat(form.items()).hasSize(5);
        assertThat(form.items()).extracting(item -> item.value("url")).containsExactly(
                "http://www.comune.verona.it/", "http://www.hellasverona.it/", "http://www.univr.it/",
                "http://www.aeroportoverona.it/", "http://www.veronafiere.it/");
        Item first = form.items().get(0);
        assertThat(first.value("name")).isEqualTo("Comune di Verona - Benvenuti nel sito ufficiale");
        assertThat(first.fields()).extracting(Field::var).isEqualTo(List.of("name", "url"));
        assertThat(first.field("nope")).isNull();
        assertThat(first.value("nope")).isNull();
    }
}
