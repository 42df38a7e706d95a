package org.chasqui.pubsub;

import java.util.Locale;

/** Enum constants named after their XEP-0060 wire values ("publish-only", "on_sub_and_presence"). */
final class WireEnum {

    private WireEnum() {
    }

    static String wire(Enum<?> e, char separator) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', separator);
    }

    /** The constant whose wire value is {@code value}, or null. */
    static <E extends Enum<E>> E parse(Class<E> type, String value, char separator) {
        if (value == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (wire(e, separator).equals(value)) {
                return e;
            }
        }
        return null;
    }
}
