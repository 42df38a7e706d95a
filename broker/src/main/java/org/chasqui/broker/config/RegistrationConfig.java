package org.chasqui.broker.config;

/**
 * XEP-0077 in-band registration (the {@code registration} section).
 *
 * @param enabled      accept {@code jabber:iq:register} account creation before authentication
 * @param allowRemoval let an authenticated user delete their own account (XEP-0077 §3.2)
 */
public record RegistrationConfig(boolean enabled, boolean allowRemoval) {

    public static final boolean DEFAULT_ENABLED = false;
    public static final boolean DEFAULT_ALLOW_REMOVAL = true;

    public static final RegistrationConfig DEFAULTS = new RegistrationConfig(DEFAULT_ENABLED, DEFAULT_ALLOW_REMOVAL);

    public RegistrationConfig withEnabled(boolean value) {
        return new RegistrationConfig(value, allowRemoval);
    }

    public RegistrationConfig withAllowRemoval(boolean value) {
        return new RegistrationConfig(enabled, value);
    }
}
