package org.chasqui.xmpp.forms;

import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;

/**
 * Writes a {@link DataForm} as {@code <x xmlns='jabber:x:data'/>}: title, instructions, fields, reported, items;
 * in a field, desc, required, values, options. This is the order of XEP-0004's schema (§10) except that the title
 * comes first, as in the examples of §5.
 */
final class FormWriter {

    private static final String NS = Namespaces.DATA_FORMS;

    private FormWriter() {
    }

    static Element write(DataForm form) {
        Element.Builder x = Element.builder("x", NS).attribute("type", form.type().wireName());
        if (form.title() != null) {
            x.textChild("title", form.title());
        }
        for (String line : form.instructions()) {
            x.textChild("instructions", line);
        }
        for (Field f : form.fields()) {
            x.child(field(f));
        }
        if (!form.reported().isEmpty()) {
            Element.Builder reported = Element.builder("reported", NS);
            form.reported().forEach(f -> reported.child(field(f)));
            x.child(reported.build());
        }
        for (Item item : form.items()) {
            Element.Builder row = Element.builder("item", NS);
            item.fields().forEach(f -> row.child(field(f)));
            x.child(row.build());
        }
        return x.build();
    }

    private static Element field(Field f) {
        Element.Builder e = Element.builder("field", NS)
                .attribute("var", f.var())
                .attribute("type", f.type() == null ? null : f.type().wireName())
                .attribute("label", f.label());
        if (f.desc() != null) {
            e.textChild("desc", f.desc());
        }
        if (f.required()) {
            e.child("required", NS);
        }
        for (String v : f.values()) {
            e.textChild("value", v);
        }
        for (Option o : f.options()) {
            e.child(Element.builder("option", NS).attribute("label", o.label()).textChild("value", o.value()).build());
        }
        return e.build();
    }
}
