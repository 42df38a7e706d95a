package org.chasqui.broker.config;

import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One YAML mapping being read by {@link ConfigLoader}: typed getters that fall back to the base
 * value when the key is absent, and {@link #finish()} which rejects keys nobody asked for.
 */
final class YamlSection {

    private final String prefix;
    private final Map<?, ?> values;
    private final Set<String> known = new LinkedHashSet<>();

    private YamlSection(String prefix, Map<?, ?> values) {
        this.prefix = prefix;
        this.values = values;
    }

    static YamlSection root(Map<?, ?> values) {
        return new YamlSection("", values);
    }

    /** A nested mapping; absent or empty ({@code c2s:} with nothing under it) reads as no overrides. */
    YamlSection section(String name) {
        Object value = present(name) ? values.get(name) : null;
        if (value == null) {
            return new YamlSection(prefix + name + ".", Map.of());
        }
        if (!(value instanceof Map)) {
            throw ConfigException.invalid(key(name), "must be a mapping of keys to values", value);
        }
        return new YamlSection(prefix + name + ".", (Map<?, ?>) value);
    }

    int integer(String name, int base, IntRange range) {
        if (!present(name)) {
            return base;
        }
        Object value = values.get(name);
        long number;
        if (value instanceof Integer || value instanceof Long) {
            number = ((Number) value).longValue();
        } else if (value instanceof BigInteger) {
            number = ((BigInteger) value).signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        } else {
            throw ConfigException.invalid(key(name), range.requirement(), value);
        }
        if (!range.contains(number)) {
            throw ConfigException.invalid(key(name), range.requirement(), value);
        }
        return (int) number;
    }

    boolean bool(String name, boolean base) {
        if (!present(name)) {
            return base;
        }
        Object value = values.get(name);
        if (!(value instanceof Boolean)) {
            throw ConfigException.invalid(key(name), "must be true or false", value);
        }
        return (Boolean) value;
    }

    String string(String name, String base) {
        if (!present(name)) {
            return base;
        }
        Object value = values.get(name);
        if (!(value instanceof String) || ((String) value).isEmpty()) {
            throw ConfigException.invalid(key(name), "must be a non-empty string", value);
        }
        return (String) value;
    }

    /** A string, where an explicit {@code null} (or {@code ~}) means "not set". */
    String nullableString(String name, String base) {
        if (!present(name)) {
            return base;
        }
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String) || ((String) value).isEmpty()) {
            throw ConfigException.invalid(key(name), "must be a non-empty string or null", value);
        }
        return (String) value;
    }

    /** One of {@code choices}, written as its name in lower case. */
    <E extends Enum<E>> E choice(String name, E base, Class<E> type) {
        if (!present(name)) {
            return base;
        }
        Object value = values.get(name);
        E[] choices = type.getEnumConstants();
        for (E e : choices) {
            if (e.name().toLowerCase(java.util.Locale.ROOT).equals(value)) {
                return e;
            }
        }
        StringBuilder requirement = new StringBuilder("must be one of");
        for (int i = 0; i < choices.length; i++) {
            requirement.append(i == 0 ? " " : ", ").append(choices[i].name().toLowerCase(java.util.Locale.ROOT));
        }
        throw ConfigException.invalid(key(name), requirement.toString(), value);
    }

    Path path(String name, Path base) {
        Path path = nullablePath(name, base);
        if (path == null) {
            throw ConfigException.invalid(key(name), "must be a path", null);
        }
        return path;
    }

    /** A path, where an explicit {@code null} (or {@code ~}) means "not set". */
    Path nullablePath(String name, Path base) {
        if (!present(name)) {
            return base;
        }
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String) || ((String) value).isEmpty()) {
            throw ConfigException.invalid(key(name), "must be a path or null", value);
        }
        try {
            return Path.of((String) value);
        } catch (InvalidPathException e) {
            throw ConfigException.invalid(key(name), "must be a valid path (" + e.getReason() + ")", value);
        }
    }

    /** Fails on the first key in this mapping that no getter asked for. */
    void finish() {
        for (Object k : values.keySet()) {
            if (!(k instanceof String) || !known.contains(k)) {
                throw new ConfigException(key(String.valueOf(k)),
                        "unknown key; expected one of: " + String.join(", ", known));
            }
        }
    }

    private boolean present(String name) {
        known.add(name);
        return values.containsKey(name);
    }

    private String key(String name) {
        return prefix + name;
    }
}
