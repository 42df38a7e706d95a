package org.chasqui.xmpp.forms;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.chasqui.xmpp.jid.Jid;

/**
 * The rules of XEP-0004 §3 that a form's content must keep, whether it was parsed or built. A broken rule is
 * returned as a message, not thrown: {@link FormReader} turns it into a {@link FormException}, the builder into
 * an {@link IllegalArgumentException}.
 */
final class FormRules {

    private FormRules() {
    }

    /** The first rule the form breaks, or null. */
    static String problem(DataForm.Type formType, List<Field> fields, List<Field> reported, List<Item> items) {
        String p = fieldsProblem(formType, fields, "");
        if (p == null && !reported.isEmpty()) {
            p = fieldsProblem(formType, reported, "reported ");
        }
        for (int i = 0; p == null && i < items.size(); i++) {
            List<Field> cells = items.get(i).fields();
            p = cells.isEmpty()
                    ? "item " + (i + 1) + " has no fields (XEP-0004 §3.4)"
                    : fieldsProblem(formType, cells, "item " + (i + 1) + " ");
        }
        return p;
    }

    private static String fieldsProblem(DataForm.Type formType, List<Field> fields, String where) {
        Set<String> vars = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            String name = f.var() == null ? where + "field #" + (i + 1) : where + "field '" + f.var() + "'";
            String p = fieldProblem(formType, f);
            if (p != null) {
                return name + ": " + p;
            }
            if (f.var() != null && !vars.add(f.var())) {
                return where + "fields: duplicate var '" + f.var() + "' (XEP-0004 §3.2)";
            }
        }
        return null;
    }

    /** XEP-0004 §3.2 and §3.3, for one field in a form of the given type. */
    private static String fieldProblem(DataForm.Type formType, Field f) {
        if ((f.var() == null || f.var().isEmpty()) && f.type() != FieldType.FIXED) {
            String declared = f.type() == null ? "no type" : f.type().wireName();
            return "no var (" + declared + "; XEP-0004 §3.2: only fixed fields may omit it)";
        }
        FieldType t = f.typeIn(formType);
        if (t == null) {
            return null; // §3.2: type to be inferred from context, by the protocol that uses the form
        }
        if (!t.isMultiValued() && f.values().size() > 1) {
            return t.wireName() + " allows one value, got " + f.values().size() + " (XEP-0004 §3.2)";
        }
        if (!f.options().isEmpty()) {
            String p = optionsProblem(t, f.options());
            if (p != null) {
                return p;
            }
        }
        for (String v : f.values()) {
            String p = valueProblem(formType, t, f, v);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static String optionsProblem(FieldType t, List<Option> options) {
        if (!t.hasOptions()) {
            return t.wireName() + " cannot have options (XEP-0004 §3.2: only list-single and list-multi)";
        }
        Set<String> seen = new HashSet<>();
        for (Option o : options) {
            if (!seen.add(o.value())) {
                return "duplicate option '" + o.value() + "' (XEP-0004 §3.3: options must be unique)";
            }
        }
        return null;
    }

    /** One value; an empty value passes, being the "empty or absent" value of XEP-0004 §3.6. */
    private static String valueProblem(DataForm.Type formType, FieldType t, Field f, String v) {
        if (v.isEmpty()) {
            return null;
        }
        if (t == FieldType.BOOLEAN && FieldValues.tryParseBoolean(v).isEmpty()) {
            return "'" + v + "' is not a boolean (XEP-0004 §3.3: 0, 1, false, true)";
        }
        if (t.holdsJids() && Jid.tryParse(v).isEmpty()) {
            return "'" + v + "' is not a valid JID (XEP-0004 §3.3)";
        }
        // §3.3: the default of a list field in a form is one of its options. A submitted form carries no options
        // (the processing entity checks the choice against its own), so only forms of type "form" are checked.
        if (formType == DataForm.Type.FORM && t.hasOptions() && !f.options().isEmpty() && !isOption(f, v)) {
            return "'" + v + "' is not one of its options (XEP-0004 §3.3)";
        }
        return null;
    }

    private static boolean isOption(Field f, String v) {
        for (Option o : f.options()) {
            if (o.value().equals(v)) {
                return true;
            }
        }
        return false;
    }
}
