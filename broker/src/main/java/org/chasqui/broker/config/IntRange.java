package org.chasqui.broker.config;

/** An inclusive range of allowed values for an integer setting. */
public record IntRange(int min, int max) {

    public IntRange {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
    }

    public boolean contains(long value) {
        return value >= min && value <= max;
    }

    /** The phrase used in error messages and in docs/CONFIGURATION.md. */
    public String requirement() {
        return "must be an integer from " + min + " to " + max;
    }

    /** Returns {@code value} or throws a {@link ConfigException} naming {@code key}. */
    int check(String key, int value) {
        if (!contains(value)) {
            throw ConfigException.invalid(key, requirement(), value);
        }
        return value;
    }
}
