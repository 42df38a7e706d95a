package org.chasqui.xmpp.jid;

import java.nio.charset.StandardCharsets;

import rocks.xmpp.precis.PrecisProfile;
import rocks.xmpp.precis.PrecisProfiles;

/**
 * Enforcement of the localpart (RFC 7622 §3.3) and resourcepart (§3.4) rules, and helpers shared with
 * {@link Domainpart}.
 */
final class PartRules {
    // RFC 7622 §3.3 and §3.4: each part is 1 to 1023 octets after enforcement
    static final int MAX_BYTES = 1023;
    // RFC 7622 §3.3.1: code points allowed by UsernameCaseMapped but forbidden in a localpart
    private static final String LOCALPART_FORBIDDEN = "\"&'/:<>@";

    private PartRules() {
    }

    /** RFC 7622 §3.3.2: enforces the UsernameCaseMapped profile of RFC 8265 §3.3, then §3.3.1's exclusions. */
    static String localpart(String localpart) {
        if (localpart.isEmpty()) {
            throw new InvalidJidException("localpart must not be empty");
        }
        requireNotHuge("localpart", localpart, MAX_BYTES);
        String result = precis("localpart", PrecisProfiles.USERNAME_CASE_MAPPED, localpart);
        // Checked after enforcement: width mapping turns e.g. U+FF02 FULLWIDTH QUOTATION MARK into '"'
        for (int i = 0; i < result.length(); i++) {
            char c = result.charAt(i);
            if (LOCALPART_FORBIDDEN.indexOf(c) >= 0) {
                throw new InvalidJidException("localpart contains forbidden character " + describe(c));
            }
        }
        requireMaxBytes("localpart", result, MAX_BYTES);
        return result;
    }

    /** RFC 7622 §3.4.2: enforces the OpaqueString profile of RFC 8265 §4.2. */
    static String resourcepart(String resourcepart) {
        if (resourcepart.isEmpty()) {
            throw new InvalidJidException("resourcepart must not be empty");
        }
        requireNotHuge("resourcepart", resourcepart, MAX_BYTES);
        String result = precis("resourcepart", PrecisProfiles.OPAQUE_STRING, resourcepart);
        requireMaxBytes("resourcepart", result, MAX_BYTES);
        return result;
    }

    /** Applies a PRECIS profile, turning the library's exceptions (all IllegalArgumentException) into ours. */
    static String precis(String part, PrecisProfile profile, String value) {
        try {
            return profile.enforce(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidJidException("invalid " + part + ": " + e.getMessage(), e);
        }
    }

    static void requireMaxBytes(String part, String value, int maxBytes) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new InvalidJidException(part + " too long: " + bytes + " bytes (maximum " + maxBytes + ")");
        }
    }

    /**
     * Rejects, before the PRECIS work, input far too long to fit once enforced. No mapping or normalization
     * step leaves fewer UTF-8 octets than a quarter of the input's UTF-16 length: the strongest shrinks,
     * NFC composing three Hangul jamo into one syllable and width mapping, still leave one octet per char.
     */
    static void requireNotHuge(String part, String value, int maxBytes) {
        if (value.length() > 4 * maxBytes) {
            throw new InvalidJidException(part + " too long: " + value.length() + " chars (maximum " + maxBytes
                    + " bytes)");
        }
    }

    static String describe(char c) {
        return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
