package org.chasqui.broker.config;

/**
 * XEP-0077 in-band registration (the {@code registration} section).
 *
 * @param enabled          accept {@code jabber:iq:register} account creation before authentication
 * @param allowRemoval     let an authenticated user delete their own account (XEP-0077 §3.2)
 * @param maxPerConnection accounts one unauthenticated connection may create (XEP-0077 §3.1 allows
 *                         not-acceptable for more)
 */
public record RegistrationConfig(boolean enabled, boolean allowRemoval, int maxPerConnection) {

    public static final boolean DEFAULT_ENABLED = false;
    public static final boolean DEFAULT_ALLOW_REMOVAL = true;
    public static final int DEFAULT_MAX_PER_CONNECTION = 1;

    public static final IntRange MAX_PER_CONNECTION_RANGE = new IntRange(1, 1000);

    public static final RegistrationConfig DEFAULTS =
            new RegistrationConfig(DEFAULT_ENABLED, DEFAULT_ALLOW_REMOVAL, DEFAULT_MAX_PER_CONNECTION);

    public RegistrationConfig {
        MAX_PER_CONNECTION_RANGE.check("registration.max_per_connection", maxPerConnection);
    }

    public RegistrationConfig withEnabled(boolean value) {
        return new RegistrationConfig(value, allowRemoval, maxPerConnection);
    }

    public RegistrationConfig withAllowRemoval(boolean value) {
        return new RegistrationConfig(enabled, value, maxPerConnection);
    }

    public RegistrationConfig withMaxPerConnection(int value) {
        return new RegistrationConfig(enabled, allowRemoval, value);
    }
}
