package org.chasqui.xmpp.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.chasqui.xmpp.jid.Jid;
import org.junit.jupiter.api.Test;

/** The forms of XEP-0060 that the pubsub engine will read and write. */
class PubsubFormsTest {

    private static final String XEP = "xep-0060";
    private static final String NODE_CONFIG = "http://jabber.org/protocol/pubsub#node_config";

    @Test
    void example140NodeConfigurationFormIsTyped() throws FormException {
        DataForm form = SpecForms.exampleForm(XEP, 140);

        assertThat(form.type()).isEqualTo(DataForm.Type.FORM);
        assertThat(form.formType()).isEqualTo(NODE_CONFIG);
        assertThat(form.fields()).hasSize(22);

        assertThat(form.field("pubsub#title").type()).isEqualTo(FieldType.TEXT_SINGLE);
        assertThat(form.field("pubsub#title").label()).isEqualTo("A friendly name for the node");
        assertThat(form.value("pubsub#title")).isNull();

        // booleans in all four spellings
        assertThat(form.field("pubsub#deliver_notifications").type()).isEqualTo(FieldType.BOOLEAN);
        assertThat(form.booleanValue("pubsub#deliver_notifications")).contains(true);
        assertThat(form.booleanValue("pubsub#notify_config")).contains(false);
        assertThat(form.booleanValue("pubsub#notify_delete")).contains(false);
        assertThat(form.booleanValue("pubsub#persist_items")).contains(true);
        assertThat(form.fields().stream().filter(f -> f.type() == FieldType.BOOLEAN).count()).isEqualTo(10);

        assertThat(form.intValue("pubsub#max_items")).hasValue(10);
        assertThat(form.intValue("pubsub#item_expire")).hasValue(604800);
        assertThat(form.intValue("pubsub#max_payload_size")).hasValue(1028);

        Field access = form.field("pubsub#access_model");
        assertThat(access.type()).isEqualTo(FieldType.LIST_SINGLE);
        assertThat(access.options()).extracting(Option::value)
                .containsExactly("authorize", "open", "presence", "roster", "whitelist");
        assertThat(access.options()).extracting(Option::label).containsOnlyNulls();
        assertThat(access.values()).containsExactly("open");

        Field groups = form.field("pubsub#roster_groups_allowed");
        assertThat(groups.type()).isEqualTo(FieldType.LIST_MULTI);
        assertThat(groups.options()).extracting(Option::value)
                .containsExactly("friends", "courtiers", "servants", "enemies");
        assertThat(groups.values()).isEmpty();

        assertThat(form.field("pubsub#send_last_published_item").options()).containsExactly(
                new Option("Never", "never"),
                new Option("When a new subscription is processed", "on_sub"),
                new Option("When a new subscription is processed and whenever a subscriber comes online",
                        "on_sub_and_presence"));
        assertThat(form.value("pubsub#notification_type")).isEqualTo("headline");
        assertThat(form.value("pubsub#type")).isEqualTo("urn:example:e2ee:bundle");
    }

    /** What the engine will send for Example 140, built in code: it equals the spec's form. */
    @Test
    void example140CanBeBuilt() throws FormException {
        DataForm built = DataForm.builder(DataForm.Type.FORM)
                .formType(NODE_CONFIG)
                .field(text("pubsub#title", "A friendly name for the node", null))
                .field(bool("pubsub#deliver_notifications", "Whether to deliver event notifications", "true"))
                .field(bool("pubsub#deliver_payloads", "Whether to deliver payloads with event notifications", "true"))
                .field(bool("pubsub#notify_config", "Notify subscribers when the node configuration changes", "0"))
                .field(bool("pubsub#notify_delete", "Notify subscribers when the node is deleted", "false"))
                .field(bool("pubsub#notify_retract", "Notify subscribers when items are removed from the node",
                        "false"))
                .field(bool("pubsub#notify_sub", "Notify owners about new subscribers and unsubscribes", "0"))
                .field(bool("pubsub#persist_items", "Persist items to storage", "1"))
                .field(text("pubsub#max_items", "Max # of items to persist. `max` for no specific limit other than"
                        + " a server imposed maximum.", "10"))
                .field(text("pubsub#item_expire", "Time after which to automatically purge items. `max` for no"
                        + " specific limit other than a server imposed maximum.", "604800"))
                .field(bool("pubsub#subscribe", "Whether to allow subscriptions", "1"))
                .field(Field.builder("pubsub#access_model").type(FieldType.LIST_SINGLE)
                        .label("Specify the subscriber model")
                        .option("authorize").option("open").option("presence").option("roster").option("whitelist")
                        .value("open").build())
                .field(Field.builder("pubsub#roster_groups_allowed").type(FieldType.LIST_MULTI)
                        .label("Roster groups allowed to subscribe")
                        .option("friends").option("courtiers").option("servants").option("enemies").build())
                .field(Field.builder("pubsub#publish_model").type(FieldType.LIST_SINGLE)
                        .label("Specify the publisher model")
                        .option("publishers").option("subscribers").option("open").value("publishers").build())
                .field(bool("pubsub#purge_offline", "Purge all items when the relevant publisher goes offline?", "0"))
                .field(text("pubsub#max_payload_size", "Max Payload size in bytes", "1028"))
                .field(Field.builder("pubsub#send_last_published_item").type(FieldType.LIST_SINGLE)
                        .label("When to send the last published item")
                        .option("Never", "never")
                        .option("When a new subscription is processed", "on_sub")
                        .option("When a new subscription is processed and whenever a subscriber comes online",
                                "on_sub_and_presence")
                        .value("never").build())
                .field(bool("pubsub#presence_based_delivery", "Deliver event notifications only to available users",
                        "0"))
                .field(Field.builder("pubsub#notification_type").type(FieldType.LIST_SINGLE)
                        .label("Specify the delivery style for event notifications")
                        .option("normal").option("headline").value("headline").build())
                .field(text("pubsub#type", "Specify the semantic type of payload data to be provided at this node.",
                        "urn:example:e2ee:bundle"))
                .field(text("pubsub#dataform_xslt", "Payload XSLT", null))
                .build();

        assertThat(built).isEqualTo(SpecForms.exampleForm(XEP, 140));
        assertThat(DataForm.parse(built.toElement())).isEqualTo(built);
    }

    /** Submitted forms leave out field types (XEP-0004 §3.2); the engine knows them from the FORM_TYPE. */
    @Test
    void example146SubmittedNodeConfigurationIsUntypedAndReadByVar() throws FormException {
        DataForm form = SpecForms.exampleForm(XEP, 146);

        assertThat(form.type()).isEqualTo(DataForm.Type.SUBMIT);
        assertThat(form.formType()).isEqualTo(NODE_CONFIG);
        assertThat(form.fields().subList(1, form.fields().size())).extracting(Field::type).containsOnlyNulls();
        assertThat(form.value("pubsub#title")).isEqualTo("Princely Musings (Atom)");
        assertThat(form.booleanValue("pubsub#deliver_notifications")).contains(true);
        assertThat(form.booleanValue("pubsub#presence_based_delivery")).contains(false);
        assertThat(form.booleanValue("pubsub#subscribe")).isEmpty(); // omitted: keep the current value (XEP-0004 §3.5)
        assertThat(form.intValue("pubsub#item_expire")).hasValue(604800);
        assertThat(form.values("pubsub#roster_groups_allowed")).containsExactly("friends", "servants", "courtiers");
        assertThat(form.value("pubsub#access_model")).isEqualTo("roster");
    }

    @Test
    void example147CancelHasNoFields() throws FormException {
        DataForm form = SpecForms.exampleForm(XEP, 147);
        assertThat(form.type()).isEqualTo(DataForm.Type.CANCEL);
        assertThat(form.fields()).isEmpty();
        assertThat(form.formType()).isNull();
    }

    @Test
    void example56SubscriptionOptionsForm() throws FormException {
        DataForm form = SpecForms.exampleForm(XEP, 56);

        assertThat(form.formType()).isEqualTo("http://jabber.org/protocol/pubsub#subscribe_options");
        assertThat(form.booleanValue("pubsub#deliver")).contains(true);
        assertThat(form.booleanValue("pubsub#digest")).contains(false);
        assertThat(form.booleanValue("pubsub#include_body")).contains(false);
        Field show = form.field("pubsub#show-values");
        assertThat(show.type()).isEqualTo(FieldType.LIST_MULTI);
        assertThat(show.options()).extracting(Option::value).containsExactly("chat", "online", "away", "xa", "dnd");
        assertThat(show.values()).containsExactly("chat", "online");
        // a line break in an attribute value is a space after XML attribute-value normalisation
        assertThat(show.label()).startsWith("Select the presence types which are ").doesNotContain("\n");
    }

    @Test
    void example64SubmittedSubscriptionOptions() throws FormException {
        DataForm form = SpecForms.exampleForm(XEP, 64);

        assertThat(form.formType()).isEqualTo("http://jabber.org/protocol/pubsub#subscribe_options");
        assertThat(form.booleanValue("pubsub#deliver")).contains(true);
        assertThat(form.values("pubsub#show-values")).containsExactly("chat", "online", "away");
    }

    @Test
    void example114PublishOptions() throws FormException {
        DataForm form = SpecForms.exampleForm(XEP, 114);

        assertThat(form.type()).isEqualTo(DataForm.Type.SUBMIT);
        assertThat(form.formType()).isEqualTo("http://jabber.org/protocol/pubsub#publish-options");
        assertThat(form.value("pubsub#access_model")).isEqualTo("presence");
    }

    @Test
    void example14MetaDataInServiceDiscovery() throws FormException {
        DataForm form = SpecForms.exampleForm(XEP, 14);

        assertThat(form.type()).isEqualTo(DataForm.Type.RESULT);
        assertThat(form.formType()).isEqualTo("http://jabber.org/protocol/pubsub#meta-data");
        assertThat(form.field("pubsub#creator").type()).isEqualTo(FieldType.JID_SINGLE);
        assertThat(form.jidValues("pubsub#creator")).containsExactly(Jid.parse("hamlet@denmark.lit"));
        assertThat(form.jidValues("pubsub#contact")).containsExactly(Jid.parse("bard@shakespeare.lit"));
        assertThat(form.jidValues("pubsub#owner")).isEqualTo(List.of(Jid.parse("hamlet@denmark.lit")));
        assertThat(form.value("pubsub#description")).isEqualTo("Updates for Hamlet's Princely Musings weblog.");
        assertThat(form.intValue("pubsub#num_subscribers")).hasValue(1066);
        assertThat(form.value("pubsub#creation_date")).isEqualTo("2003-07-29T22:56:10Z");
    }

    private static Field bool(String var, String label, String value) {
        return Field.builder(var).type(FieldType.BOOLEAN).label(label).value(value).build();
    }

    private static Field text(String var, String label, String value) {
        Field.Builder b = Field.builder(var).type(FieldType.TEXT_SINGLE).label(label);
        return value == null ? b.build() : b.value(value).build();
    }
}
