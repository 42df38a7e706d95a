package org.chasqui.xmpp.forms;

import java.util.HashMap;
import java.util.Map;

/** The field types of XEP-0004 §3.3, with their wire names. */
public enum FieldType {
    BOOLEAN("boolean"),
    FIXED("fixed"),
    HIDDEN("hidden"),
    JID_MULTI("jid-multi"),
    JID_SINGLE("jid-single"),
    LIST_MULTI("list-multi"),
    LIST_SINGLE("list-single"),
    TEXT_MULTI("text-multi"),
    TEXT_PRIVATE("text-private"),
    TEXT_SINGLE("text-single");

    private static final Map<String, FieldType> BY_WIRE_NAME = new HashMap<>();

    static {
        for (FieldType t : values()) {
            BY_WIRE_NAME.put(t.wireName, t);
        }
    }

    private final String wireName;

    FieldType(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the {@code type} attribute, e.g. {@code "list-single"}. */
    public String wireName() {
        return wireName;
    }

    /** The type with exactly this wire name, or null if XEP-0004 defines none. */
    public static FieldType fromWireName(String wireName) {
        return BY_WIRE_NAME.get(wireName);
    }

    /** XEP-0004 §3.2: only these types may carry more than one {@code <value/>}. */
    public boolean isMultiValued() {
        return this == HIDDEN || this == JID_MULTI || this == LIST_MULTI || this == TEXT_MULTI;
    }

    /** XEP-0004 §3.2: only these types may carry {@code <option/>} elements. */
    public boolean hasOptions() {
        return this == LIST_SINGLE || this == LIST_MULTI;
    }

    /** XEP-0004 §3.3: values of these types must be JIDs. */
    public boolean holdsJids() {
        return this == JID_SINGLE || this == JID_MULTI;
    }
}
