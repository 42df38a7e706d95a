package org.chasqui.xmpp.forms;

import java.util.Objects;

/**
 * One choice of a list-single or list-multi field (XEP-0004 §3.2):
 * {@code <option label='…'><value>…</value></option>}.
 *
 * @param label the human-readable name, or null
 * @param value what a submitted form carries when this option is chosen
 */
public record Option(String label, String value) {

    public Option {
        Objects.requireNonNull(value, "value");
    }

    /** An option without a label. */
    public static Option of(String value) {
        return new Option(null, value);
    }
}
