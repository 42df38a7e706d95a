package org.chasqui.broker.config;

import java.util.Set;

/**
 * Client-to-server listeners (the {@code c2s} section). Port 0 asks for an ephemeral port (tests);
 * {@code directTlsPort} {@value #DISABLED} turns XEP-0368 direct TLS off.
 *
 * @param bindAddress  address both listeners bind to
 * @param starttlsPort RFC 6120 port, TLS negotiated with STARTTLS
 * @param directTlsPort XEP-0368 port, TLS from the first byte, or {@value #DISABLED}
 * @param requireTls   RFC 6120 §5.3.1: STARTTLS is mandatory-to-negotiate before SASL; may be
 *                     false only when bound to a loopback address (tests)
 * @param smResumeTimeoutSeconds XEP-0198 §5: how long a resumable session whose connection was lost
 *                     waits for the client to resume it (a client may ask for less with 'max');
 *                     0 turns resumption off (stream management then offers acks only)
 * @param smMaxUnackedStanzas XEP-0198 §4: most stanzas sent to a client and not yet acknowledged;
 *                     past it the stream ends with policy-violation and the unacknowledged
 *                     messages go back to the account
 * @param allowPlainWithoutTls offer SASL PLAIN (if {@code auth.allow_plain}) on a stream without TLS
 *                     too; may be true only when {@code requireTls} is false (so only on loopback).
 *                     For load benchmarks that compare servers without TLS costs; RFC 6120 §13.8
 *                     otherwise forbids sending passwords in the clear
 */
public record C2sConfig(String bindAddress, int starttlsPort, int directTlsPort, boolean requireTls,
        int smResumeTimeoutSeconds, int smMaxUnackedStanzas, boolean allowPlainWithoutTls) {

    public static final int DISABLED = -1;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_STARTTLS_PORT = 5222;
    public static final int DEFAULT_DIRECT_TLS_PORT = 5223;
    public static final boolean DEFAULT_REQUIRE_TLS = true;
    public static final int DEFAULT_SM_RESUME_TIMEOUT_SECONDS = 300;
    public static final int DEFAULT_SM_MAX_UNACKED_STANZAS = 1000;
    public static final boolean DEFAULT_ALLOW_PLAIN_WITHOUT_TLS = false;

    public static final IntRange STARTTLS_PORT_RANGE = new IntRange(0, 65535);
    public static final IntRange DIRECT_TLS_PORT_RANGE = new IntRange(DISABLED, 65535);
    public static final IntRange SM_RESUME_TIMEOUT_SECONDS_RANGE = new IntRange(0, 3600);
    public static final IntRange SM_MAX_UNACKED_STANZAS_RANGE = new IntRange(10, 100_000);

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "::1", "0:0:0:0:0:0:0:1");

    public static final C2sConfig DEFAULTS = new C2sConfig(
            DEFAULT_BIND_ADDRESS, DEFAULT_STARTTLS_PORT, DEFAULT_DIRECT_TLS_PORT, DEFAULT_REQUIRE_TLS,
            DEFAULT_SM_RESUME_TIMEOUT_SECONDS, DEFAULT_SM_MAX_UNACKED_STANZAS, DEFAULT_ALLOW_PLAIN_WITHOUT_TLS);

    public C2sConfig {
        if (bindAddress == null || bindAddress.isBlank() || !bindAddress.strip().equals(bindAddress)) {
            throw ConfigException.invalid("c2s.bind_address",
                    "must be an IP address or host name", bindAddress);
        }
        STARTTLS_PORT_RANGE.check("c2s.starttls_port", starttlsPort);
        DIRECT_TLS_PORT_RANGE.check("c2s.direct_tls_port", directTlsPort);
        if (starttlsPort > 0 && directTlsPort == starttlsPort) {
            throw new ConfigException("c2s.direct_tls_port",
                    "must differ from c2s.starttls_port, both are " + starttlsPort);
        }
        if (!requireTls && !isLoopback(bindAddress)) {
            throw new ConfigException("c2s.require_tls", "may be false only when c2s.bind_address"
                    + " is a loopback address (127.x.x.x, ::1, localhost), got \"" + bindAddress + '"');
        }
        if (allowPlainWithoutTls && requireTls) {
            throw new ConfigException("c2s.allow_plain_without_tls",
                    "may be true only when c2s.require_tls is false (a loopback bind_address)");
        }
        SM_RESUME_TIMEOUT_SECONDS_RANGE.check("c2s.sm_resume_timeout_seconds", smResumeTimeoutSeconds);
        SM_MAX_UNACKED_STANZAS_RANGE.check("c2s.sm_max_unacked_stanzas", smMaxUnackedStanzas);
    }

    public boolean directTlsEnabled() {
        return directTlsPort != DISABLED;
    }

    public C2sConfig withBindAddress(String value) {
        return new C2sConfig(value, starttlsPort, directTlsPort, requireTls, smResumeTimeoutSeconds,
                smMaxUnackedStanzas, allowPlainWithoutTls);
    }

    public C2sConfig withStarttlsPort(int value) {
        return new C2sConfig(bindAddress, value, directTlsPort, requireTls, smResumeTimeoutSeconds,
                smMaxUnackedStanzas, allowPlainWithoutTls);
    }

    public C2sConfig withDirectTlsPort(int value) {
        return new C2sConfig(bindAddress, starttlsPort, value, requireTls, smResumeTimeoutSeconds,
                smMaxUnackedStanzas, allowPlainWithoutTls);
    }

    public C2sConfig withRequireTls(boolean value) {
        return new C2sConfig(bindAddress, starttlsPort, directTlsPort, value, smResumeTimeoutSeconds,
                smMaxUnackedStanzas, allowPlainWithoutTls);
    }

    public C2sConfig withSmResumeTimeoutSeconds(int value) {
        return new C2sConfig(bindAddress, starttlsPort, directTlsPort, requireTls, value, smMaxUnackedStanzas,
                allowPlainWithoutTls);
    }

    public C2sConfig withSmMaxUnackedStanzas(int value) {
        return new C2sConfig(bindAddress, starttlsPort, directTlsPort, requireTls, smResumeTimeoutSeconds, value,
                allowPlainWithoutTls);
    }

    public C2sConfig withAllowPlainWithoutTls(boolean value) {
        return new C2sConfig(bindAddress, starttlsPort, directTlsPort, requireTls, smResumeTimeoutSeconds,
                smMaxUnackedStanzas, value);
    }

    private static boolean isLoopback(String address) {
        return LOOPBACK_NAMES.contains(address)
                || address.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}");
    }
}
