package org.chasqui.broker.config;

import java.util.List;
import java.util.Map;

/**
 * A configuration value is missing, malformed or out of range. The message always starts with the
 * full dotted key (or, for file-level problems, the file), e.g.
 * {@code c2s.starttls_port: must be an integer from 0 to 65535, got "abc"}.
 */
public final class ConfigException extends RuntimeException {

    private static final int MAX_SHOWN_CHARS = 80;

    private final String key;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    public ConfigException(String key, String problem, Throwable cause) {
        super(key + ": " + problem, cause);
        this.key = key;
    }

    /** The dotted key ({@code c2s.starttls_port}) or the file the problem is about. */
    public String key() {
        return key;
    }

    /** {@code key: <requirement>, got <value>}. */
    static ConfigException invalid(String key, String requirement, Object got) {
        return new ConfigException(key, requirement + ", got " + describe(got));
    }

    /** How a YAML value is shown in a message: strings quoted, collections by kind. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        String text = value.toString();
        if (text.length() > MAX_SHOWN_CHARS) {
            text = text.substring(0, MAX_SHOWN_CHARS) + "...";
        }
        return value instanceof CharSequence ? '"' + text + '"' : text;
    }
}
