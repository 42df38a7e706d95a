package org.chasqui.xmpp.forms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.xml.Element;

/**
 * A data form, {@code <x xmlns='jabber:x:data'/>} (XEP-0004 §3): its type, title, instructions and fields in
 * order, and for result forms the reported fields and items of XEP-0004 §3.4. Immutable; every instance keeps
 * the rules of XEP-0004 §3.2 and §3.3 (see {@link #parse}).
 *
 * <p>Forms come in with {@link #parse(Element)} and go out with {@link #toElement()}; servers build theirs with
 * {@link #builder(Type)}. Fields are found by var; {@link #formType()} is the FORM_TYPE of XEP-0068.
 */
public final class DataForm {

    /** The var of the field that names the form's type (XEP-0068 §3.1). */
    public static final String FORM_TYPE = "FORM_TYPE";

    /** The form types of XEP-0004 §3.1, with their wire names. */
    public enum Type {
        FORM("form"),
        SUBMIT("submit"),
        CANCEL("cancel"),
        RESULT("result");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** The type with this wire name, or null. */
        public static Type fromWireName(String wireName) {
            for (Type t : values()) {
                if (t.wireName.equals(wireName)) {
                    return t;
                }
            }
            return null;
        }
    }

    private final Type type;
    private final String title;
    private final List<String> instructions;
    private final List<Field> fields;
    private final List<Field> reported;
    private final List<Item> items;
    private final Map<String, Field> byVar;

    /** Makes the form as given: callers have checked it with {@link FormRules}. */
    DataForm(Type type, String title, List<String> instructions, List<Field> fields, List<Field> reported,
            List<Item> items) {
        this.type = type;
        this.title = title;
        this.instructions = List.copyOf(instructions);
        this.fields = List.copyOf(fields);
        this.reported = List.copyOf(reported);
        this.items = List.copyOf(items);
        Map<String, Field> map = new HashMap<>();
        for (Field f : this.fields) {
            if (f.var() != null) {
                map.put(f.var(), f);
            }
        }
        this.byVar = Collections.unmodifiableMap(map);
    }

    /**
     * Reads a data form and checks it against XEP-0004 §3: the element and namespace, the form type, each field's
     * type, var (required except for fixed fields), number of values (one, except for hidden, jid-multi,
     * list-multi and text-multi), boolean and JID values, the options of list fields (one value each, unique, and
     * in a form of type "form" the default values among them), unique vars, and the shape of
     * {@code <reported/>} and {@code <item/>}. Unknown child elements (extensions such as XEP-0122's) are
     * ignored and not kept.
     *
     * <p>An unknown field type is rejected, as XEP-0004's schema does. A form-submitting entity that receives
     * one should treat it as text-single instead (§3.3); that is the client's side, not ours.
     *
     * @throws FormException naming the first rule the element breaks
     */
    public static DataForm parse(Element x) throws FormException {
        return FormReader.read(x);
    }

    /** The form as {@code <x xmlns='jabber:x:data'/>}, children in the order of XEP-0004's schema. */
    public Element toElement() {
        return FormWriter.write(this);
    }

    public static Builder builder(Type type) {
        return new Builder(type);
    }

    /** A builder holding this form's content, to derive another form from it. */
    public Builder toBuilder() {
        Builder b = new Builder(type).title(title).fields(fields).reported(reported);
        b.instructions.addAll(instructions);
        b.items.addAll(items);
        return b;
    }

    public Type type() {
        return type;
    }

    /** The {@code <title/>}, or null. */
    public String title() {
        return title;
    }

    /** The {@code <instructions/>}, in order. */
    public List<String> instructions() {
        return instructions;
    }

    /** The top-level fields, in order. */
    public List<Field> fields() {
        return fields;
    }

    /** The {@code <reported/>} fields of a multi-item result (XEP-0004 §3.4); empty if there is none. */
    public List<Field> reported() {
        return reported;
    }

    /** The {@code <item/>}s of a multi-item result (XEP-0004 §3.4), in order. */
    public List<Item> items() {
        return items;
    }

    /**
     * XEP-0068: the value of the FORM_TYPE field if it is hidden, or, in a submitted form, untyped (XEP-0068 §5:
     * submitted forms may omit field types); else null. A FORM_TYPE of another type "MUST be ignored as a
     * context indicator" (XEP-0068 §4.3).
     */
    public String formType() {
        Field f = byVar.get(FORM_TYPE);
        if (f == null) {
            return null;
        }
        boolean counts = f.type() == FieldType.HIDDEN || (f.type() == null && type == Type.SUBMIT);
        return counts ? f.value() : null;
    }

    /** The top-level field with this var, or null. */
    public Field field(String var) {
        return byVar.get(var);
    }

    /** The first value of the field with this var, or null if there is no such field or it has no value. */
    public String value(String var) {
        Field f = byVar.get(var);
        return f == null ? null : f.value();
    }

    /** The values of the field with this var; empty if there is no such field. */
    public List<String> values(String var) {
        Field f = byVar.get(var);
        return f == null ? List.of() : f.values();
    }

    /**
     * The field's value as a boolean (XEP-0004 §3.3); empty if the field is absent or its value is absent or
     * empty (§3.5, §3.6: the caller keeps the current value or applies the default, which for booleans is false).
     *
     * @throws FormException if the value is not 0, 1, false or true (possible in an untyped field of a
     *     submitted form, whose type is known only to the protocol using it)
     */
    public Optional<Boolean> booleanValue(String var) throws FormException {
        String v = value(var);
        if (v == null || v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(FieldValues.parseBoolean(v));
        } catch (FormException e) {
            throw inField(var, e);
        }
    }

    /**
     * The field's value as an integer; empty if the field is absent or its value is absent or empty.
     *
     * @throws FormException if the value is not a decimal integer in the range of {@code int}
     */
    public OptionalInt intValue(String var) throws FormException {
        String v = value(var);
        if (v == null || v.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(FieldValues.parseInt(v));
        } catch (FormException e) {
            throw inField(var, e);
        }
    }

    /**
     * The field's values as JIDs (XEP-0004 §3.3, jid-single and jid-multi), in order, without empty values and
     * without repeats ("duplicate JIDs MUST be ignored"); empty if the field is absent.
     *
     * @throws FormException if a value is not a valid JID
     */
    public List<Jid> jidValues(String var) throws FormException {
        Set<Jid> jids = new LinkedHashSet<>(); // a set: a large jid-multi costs linear time
        for (String v : values(var)) {
            if (!v.isEmpty()) {
                Jid jid;
                try {
                    jid = FieldValues.parseJid(v);
                } catch (FormException e) {
                    throw inField(var, e);
                }
                jids.add(jid);
            }
        }
        return List.copyOf(jids);
    }

    private static FormException inField(String var, FormException e) {
        return new FormException("field '" + var + "': " + e.getMessage());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataForm f
                && type == f.type
                && Objects.equals(title, f.title)
                && instructions.equals(f.instructions)
                && fields.equals(f.fields)
                && reported.equals(f.reported)
                && items.equals(f.items);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, title, instructions, fields, reported, items);
    }

    /** The form as XML. */
    @Override
    public String toString() {
        return toElement().toXml();
    }

    /**
     * Builds a form in code. {@link #build()} checks the same rules as {@link #parse}; a form that breaks one is a
     * bug and gets an {@link IllegalArgumentException}. Not thread-safe.
     */
    public static final class Builder {
        private final Type type;
        private String title;
        private String formType;
        private final List<String> instructions = new ArrayList<>();
        private final List<Field> fields = new ArrayList<>();
        private final List<Field> reported = new ArrayList<>();
        private final List<Item> items = new ArrayList<>();

        private Builder(Type type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        public Builder title(String formTitle) {
            this.title = formTitle;
            return this;
        }

        /** Adds one {@code <instructions/>}. */
        public Builder instructions(String text) {
            instructions.add(Objects.requireNonNull(text, "text"));
            return this;
        }

        /** Makes the first field a hidden FORM_TYPE with this value (XEP-0068); null removes it. */
        public Builder formType(String formTypeValue) {
            this.formType = formTypeValue;
            return this;
        }

        public Builder field(Field field) {
            fields.add(Objects.requireNonNull(field, "field"));
            return this;
        }

        public Builder fields(Collection<Field> more) {
            more.forEach(this::field);
            return this;
        }

        /** Replaces the {@code <reported/>} fields (XEP-0004 §3.4). */
        public Builder reported(List<Field> header) {
            reported.clear();
            reported.addAll(header);
            return this;
        }

        /** Adds an {@code <item/>} (XEP-0004 §3.4). */
        public Builder item(Item item) {
            items.add(Objects.requireNonNull(item, "item"));
            return this;
        }

        /**
         * The form.
         *
         * @throws IllegalArgumentException if it breaks a rule of XEP-0004 §3, with the message parsing would give
         */
        public DataForm build() {
            List<Field> all = fields;
            if (formType != null) {
                all = new ArrayList<>(fields.size() + 1);
                all.add(Field.hidden(FORM_TYPE, formType));
                all.addAll(fields);
            }
            String problem = FormRules.problem(type, all, reported, items);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            return new DataForm(type, title, instructions, all, reported, items);
        }
    }
}
