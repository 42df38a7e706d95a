package org.chasqui.xmpp.forms;

import java.util.List;

/**
 * One {@code <item/>} of a result form: a row of the table whose header is the form's
 * {@link DataForm#reported() reported} fields (XEP-0004 §3.4).
 *
 * @param fields the cells, usually one per reported field, each with its var and values
 */
public record Item(List<Field> fields) {

    public Item {
        fields = List.copyOf(fields);
    }

    public static Item of(Field... fields) {
        return new Item(List.of(fields));
    }

    /** The field with this var, or null. */
    public Field field(String var) {
        for (Field f : fields) {
            if (var.equals(f.var())) {
                return f;
            }
        }
        return null;
    }

    /** The first value of the field with this var, or null. */
    public String value(String var) {
        Field f = field(var);
        return f == null ? null : f.value();
    }
}
