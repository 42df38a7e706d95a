package org.chasqui.broker.pubsub;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chasqui.pubsub.ConfigField;
import org.chasqui.pubsub.NodeConfig;
import org.chasqui.pubsub.SubscriptionOptions;
import org.chasqui.xmpp.forms.DataForm;
import org.chasqui.xmpp.forms.Field;
import org.chasqui.xmpp.forms.FieldType;
import org.chasqui.xmpp.forms.FormException;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;

/** Data forms (XEP-0004) of XEP-0060 to and from the engine's field maps and values. */
final class Forms {

    private Forms() {
    }

    /** The submitted fields of an {@code <x/>} form, var → values (FORM_TYPE included). */
    static Map<String, List<String>> fields(Element x) throws FormException {
        DataForm form = DataForm.parse(x);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Field f : form.fields()) {
            if (f.var() != null) {
                out.put(f.var(), f.values());
            }
        }
        return out;
    }

    /**
     * The fields of a form submitted for {@code formType}: one whose FORM_TYPE names another form is
     * refused (XEP-0068 §3; XEP-0060 §6.3.5, §7.1.5, §8.2.4 name the FORM_TYPE each request uses).
     */
    static Map<String, List<String>> fields(Element x, String formType) throws FormException {
        Map<String, List<String>> out = fields(x);
        List<String> declared = out.get(DataForm.FORM_TYPE);
        if (declared != null && !declared.equals(List.of(formType))) {
            throw new FormException("FORM_TYPE " + declared + " where " + formType + " was expected");
        }
        return out;
    }

    /** The form inside {@code parent} ({@code <configure/>}, {@code <options/>}, ...), or null. */
    static Element formIn(Element parent) {
        return parent == null ? null : parent.child("x", Namespaces.DATA_FORMS);
    }

    /** XEP-0060 §8.2.1: the node_config form with every field, typed and labelled. */
    static Element configForm(NodeConfig config) {
        DataForm.Builder b = DataForm.builder(DataForm.Type.FORM).formType(ConfigField.FORM_TYPE);
        for (ConfigField f : ConfigField.values()) {
            Field.Builder field = Field.builder(f.var()).type(FieldType.fromWireName(f.kind().wire())).label(f.label())
                    .values(f.read(config));
            f.options().forEach(field::option);
            b.field(field.build());
        }
        return b.build().toElement();
    }

    /** XEP-0060 §8.2.6 notification payload / meta-data: a result form of the configuration. */
    static Element configResult(NodeConfig config) {
        DataForm.Builder b = DataForm.builder(DataForm.Type.RESULT).formType(ConfigField.FORM_TYPE);
        for (ConfigField f : ConfigField.values()) {
            b.field(Field.builder(f.var()).values(f.read(config)).build());
        }
        return b.build().toElement();
    }

    /** XEP-0060 §6.3.2: the subscribe_options form; §6.4.2: as a result, the default options. */
    static Element optionsForm(SubscriptionOptions o, DataForm.Type type) {
        DataForm.Builder b = DataForm.builder(type).formType(SubscriptionOptions.FORM_TYPE);
        b.field(Field.builder("pubsub#deliver").type(FieldType.BOOLEAN).label("Enable delivery?").value(o.deliver()).build());
        b.field(Field.builder("pubsub#digest").type(FieldType.BOOLEAN)
                .label("Receive digest notifications (approx. one per day)?").value(o.digest()).build());
        b.field(Field.builder("pubsub#digest_frequency").type(FieldType.TEXT_SINGLE)
                .label("Minimum number of milliseconds between sending any two notification digests")
                .value(Long.toString(o.digestFrequency())).build());
        Field.Builder expire = Field.builder("pubsub#expire").type(FieldType.TEXT_SINGLE)
                .label("Requested lease period (a DateTime, or presence)");
        if (o.expireAtMillis() > 0) {
            expire.value(Instant.ofEpochMilli(o.expireAtMillis()).toString());
        } else if (o.expireAtMillis() < 0) {
            expire.value("presence");
        }
        b.field(expire.build());
        b.field(Field.builder("pubsub#include_body").type(FieldType.BOOLEAN)
                .label("Receive message body in addition to payload?").value(o.includeBody()).build());
        Field.Builder show = Field.builder("pubsub#show-values").type(FieldType.LIST_MULTI)
                .label("Select the presence types which are allowed to receive event notifications")
                .values(o.showValues());
        for (String v : List.of("away", "chat", "dnd", "online", "xa")) {
            show.option(v);
        }
        b.field(show.build());
        b.field(Field.builder("pubsub#subscription_type").type(FieldType.LIST_SINGLE).value(o.subscriptionType())
                .option("items").option("nodes").build());
        b.field(Field.builder("pubsub#subscription_depth").type(FieldType.LIST_SINGLE)
                .value(o.depth() == 0 ? "all" : Integer.toString(o.depth())).option("1").option("all").build());
        return b.build().toElement();
    }
}
