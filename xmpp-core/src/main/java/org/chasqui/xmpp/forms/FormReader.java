package org.chasqui.xmpp.forms;

import java.util.ArrayList;
import java.util.List;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;

/**
 * Reads {@code <x xmlns='jabber:x:data'/>} into a {@link DataForm}: the shape of the XML here (XEP-0004 §3 and
 * its schema, §10), the rules on the content in {@link FormRules}. Whitespace between elements and unknown
 * children are ignored.
 */
final class FormReader {

    private static final String NS = Namespaces.DATA_FORMS;

    private FormReader() {
    }

    static DataForm read(Element x) throws FormException {
        if (!x.is("x", NS)) {
            throw new FormException("expected <x xmlns='" + NS + "'/>, got <" + x.name() + " xmlns='"
                    + x.namespace() + "'/> (XEP-0004 §3)");
        }
        DataForm.Type type = formType(x.attribute("type"));
        String title = null;
        List<String> instructions = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        List<Field> reported = null;
        List<Item> items = new ArrayList<>();
        for (Element c : x.elements()) {
            if (!c.namespace().equals(NS)) {
                continue;
            }
            switch (c.name()) {
                case "title" -> {
                    if (title != null) {
                        throw new FormException("more than one <title/> (XEP-0004 §3)");
                    }
                    title = c.text();
                }
                case "instructions" -> instructions.add(c.text());
                case "field" -> fields.add(field(c, "", fields.size() + 1));
                case "reported" -> {
                    if (reported != null) {
                        throw new FormException("more than one <reported/> (XEP-0004 §3.4)");
                    }
                    reported = fieldsOf(c, "reported");
                }
                case "item" -> items.add(new Item(fieldsOf(c, "item " + (items.size() + 1))));
                default -> { } // not in XEP-0004: ignored
            }
        }
        // §3.4 asks for <reported/> before the items; older senders may not keep to that, so any order is read
        List<Field> header = reported == null ? List.of() : reported;
        String problem = FormRules.problem(type, fields, header, items);
        if (problem != null) {
            throw new FormException(problem);
        }
        return new DataForm(type, title, instructions, fields, header, items);
    }

    /** XEP-0004 §3.1; the schema makes the attribute required. */
    private static DataForm.Type formType(String wireName) throws FormException {
        if (wireName == null) {
            throw new FormException("form has no type (XEP-0004 §3.1)");
        }
        DataForm.Type type = DataForm.Type.fromWireName(wireName);
        if (type == null) {
            throw new FormException("unknown form type '" + wireName
                    + "' (XEP-0004 §3.1: form, submit, cancel, result)");
        }
        return type;
    }

    /** The fields of {@code <reported/>} or {@code <item/>}: "one or more" (XEP-0004 §3.4). */
    private static List<Field> fieldsOf(Element parent, String where) throws FormException {
        List<Field> fields = new ArrayList<>();
        for (Element c : parent.elements()) {
            if (c.is("field", NS)) {
                fields.add(field(c, where + " ", fields.size() + 1));
            }
        }
        if (fields.isEmpty()) {
            throw new FormException(where + " has no fields (XEP-0004 §3.4)");
        }
        return fields;
    }

    /** XEP-0004 §3.2. {@code where} and {@code index} name the field in messages, as {@link FormRules} does. */
    private static Field field(Element e, String where, int index) throws FormException {
        String var = e.attribute("var");
        String name = var == null ? where + "field #" + index : where + "field '" + var + "'";
        Field.Builder b = Field.builder(var).label(e.attribute("label"));
        String typeName = e.attribute("type");
        if (typeName != null) {
            FieldType type = FieldType.fromWireName(typeName);
            if (type == null) {
                throw new FormException(name + ": unknown field type '" + typeName + "' (XEP-0004 §3.3)");
            }
            b.type(type);
        }
        boolean hasDesc = false;
        for (Element c : e.elements()) {
            if (!c.namespace().equals(NS)) {
                continue; // e.g. XEP-0122 <validate/>, XEP-0221 <media/>: not kept
            }
            switch (c.name()) {
                case "desc" -> {
                    if (hasDesc) {
                        throw new FormException(name + ": more than one <desc/> (XEP-0004 §3.2)");
                    }
                    hasDesc = true;
                    b.desc(c.text());
                }
                case "required" -> b.required();
                case "value" -> b.value(c.text());
                case "option" -> b.option(c.attribute("label"), optionValue(c, name));
                default -> { }
            }
        }
        return b.build();
    }

    /** XEP-0004 §3.2: "The &lt;option/&gt; element MUST contain one and only one &lt;value/&gt; child." */
    private static String optionValue(Element option, String name) throws FormException {
        String value = null;
        int count = 0;
        for (Element c : option.elements()) {
            if (c.is("value", NS)) {
                value = c.text();
                count++;
            }
        }
        if (count != 1) {
            throw new FormException(name + ": an <option/> has " + count + " values, not one (XEP-0004 §3.2)");
        }
        return value;
    }
}
