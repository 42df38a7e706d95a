package org.chasqui.xmpp.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One {@code <field/>} of a data form (XEP-0004 §3.2). A plain value: the rules that depend on the form around
 * it (a var where one is required, how many values, which values) are checked when the field becomes part of a
 * {@link DataForm}.
 *
 * @param var the field's name, unique in its form; may be null only for {@link FieldType#FIXED} fields
 * @param type the declared type, or null when the {@code type} attribute is absent: text-single in a form of
 *     type "form", otherwise to be inferred from context (XEP-0004 §3.2); see {@link #typeIn(DataForm.Type)}
 * @param label the human-readable name, or null
 * @param desc the {@code <desc/>}, or null
 * @param required whether the field carries {@code <required/>}
 * @param values the {@code <value/>}s in order; an empty string is an empty {@code <value/>} (XEP-0004 §3.6)
 * @param options the {@code <option/>}s of a list field, in order
 */
public record Field(String var, FieldType type, String label, String desc, boolean required, List<String> values,
        List<Option> options) {

    public Field {
        values = List.copyOf(values);
        options = List.copyOf(options);
    }

    public static Builder builder(String var) {
        return new Builder(var);
    }

    /** A hidden field with one value, such as FORM_TYPE (XEP-0068). */
    public static Field hidden(String var, String value) {
        return builder(var).type(FieldType.HIDDEN).value(value).build();
    }

    /** A fixed field without a var: a section header or other text for people (XEP-0004 §3.3). */
    public static Field fixed(String text) {
        return builder(null).type(FieldType.FIXED).value(text).build();
    }

    /**
     * The type that governs this field in a form of the given type: the declared one; else text-single in a
     * form of type "form" (XEP-0004 §3.2, §3.3); else null, because in submitted and result forms "the receiving
     * entity can infer the 'type' attribute value from context" (§3.2).
     */
    public FieldType typeIn(DataForm.Type formType) {
        if (type != null) {
            return type;
        }
        return formType == DataForm.Type.FORM ? FieldType.TEXT_SINGLE : null;
    }

    /** The first value, or null if there is none. */
    public String value() {
        return values.isEmpty() ? null : values.get(0);
    }

    public Builder toBuilder() {
        Builder b = new Builder(var).type(type).label(label).desc(desc).required(required).values(values);
        b.options.addAll(options);
        return b;
    }

    /** Builds a field; not thread-safe. */
    public static final class Builder {
        private final String var;
        private FieldType type;
        private String label;
        private String desc;
        private boolean required;
        private final List<String> values = new ArrayList<>();
        private final List<Option> options = new ArrayList<>();

        private Builder(String var) {
            this.var = var;
        }

        public Builder type(FieldType fieldType) {
            this.type = fieldType;
            return this;
        }

        public Builder label(String fieldLabel) {
            this.label = fieldLabel;
            return this;
        }

        public Builder desc(String description) {
            this.desc = description;
            return this;
        }

        public Builder required(boolean isRequired) {
            this.required = isRequired;
            return this;
        }

        public Builder required() {
            return required(true);
        }

        public Builder value(String value) {
            values.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder values(Iterable<String> more) {
            more.forEach(this::value);
            return this;
        }

        /** A boolean as XEP-0004 §3.3 writes it: {@code 1} or {@code 0}. */
        public Builder value(boolean b) {
            return value(b ? "1" : "0");
        }

        public Builder option(String optionLabel, String optionValue) {
            options.add(new Option(optionLabel, optionValue));
            return this;
        }

        public Builder option(String optionValue) {
            return option(null, optionValue);
        }

        public Field build() {
            return new Field(var, type, label, desc, required, values, options);
        }
    }
}
