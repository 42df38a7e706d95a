package org.chasqui.xmpp.jid;

import java.util.Locale;
import java.util.regex.Pattern;

import rocks.xmpp.precis.PrecisProfiles;

/**
 * Enforcement of the domainpart rules of RFC 7622 §3.2.
 *
 * <p>A domainpart is an IP literal or a domain name. Domain names are canonicalized label by label:
 * ASCII labels are lowercased and must be LDH labels; A-labels ({@code xn--}) are decoded to U-labels
 * (§3.2.1: a domainpart holds no A-labels); other labels are width-mapped, lowercased and NFC-normalized
 * and their code points checked. The code point check borrows the PRECIS IdentifierClass (through the
 * UsernameCaseMapped profile, which also applies the Bidi Rule of RFC 5893): RFC 8264 builds that class
 * from the same derived properties as IDNA2008 (RFC 5892), so it accepts letters and digits of all scripts
 * and rejects symbols, spaces and controls, as IDNA2008 does. No DNS lookup is ever made.
 */
final class Domainpart {
    // RFC 7622 §3.2: "MUST NOT be zero octets in length and MUST NOT be more than 1023 octets"
    static final int MAX_BYTES = 1023;
    // RFC 1035 §2.3.4 and RFC 5890 §2.3.2.1: a label, in its ASCII form, is at most 63 octets
    static final int MAX_LABEL_OCTETS = 63;
    private static final String ACE_PREFIX = "xn--";
    // RFC 3490 §3.1: full stop, ideographic full stop, fullwidth full stop, halfwidth ideographic full stop
    private static final Pattern LABEL_SEPARATOR = Pattern.compile("[.\u3002\uFF0E\uFF61]");

    private Domainpart() {
    }

    static String enforce(String domain) {
        // RFC 7622 §3.2: a final label separator is stripped before any other canonicalization
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (d.isEmpty()) {
            throw new InvalidJidException("domainpart must not be empty");
        }
        PartRules.requireNotHuge("domainpart", d, MAX_BYTES);
        String result = d.startsWith("[") ? ipv6Literal(d) : domainName(d);
        PartRules.requireMaxBytes("domainpart", result, MAX_BYTES);
        return result;
    }

    // RFC 7622 §3.2 allows an IP address; RFC 3986 §3.2.2 writes an IPv6 address in brackets.
    // (An IPv4 address in dotted-decimal form needs no special case: its labels are LDH labels.)
    private static String ipv6Literal(String d) {
        if (!d.endsWith("]") || !Ipv6.isAddress(d.substring(1, d.length() - 1))) {
            throw new InvalidJidException("domainpart is not a valid IPv6 literal");
        }
        return d.toLowerCase(Locale.ROOT);
    }

    private static String domainName(String d) {
        String[] labels = LABEL_SEPARATOR.split(d, -1);
        StringBuilder out = new StringBuilder(d.length());
        for (String label : labels) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(label(label));
        }
        return out.toString();
    }

    private static String label(String raw) {
        if (raw.isEmpty()) {
            throw new InvalidJidException("domainpart contains an empty label");
        }
        String label = isAscii(raw) ? raw.toLowerCase(Locale.ROOT) : mapAndCheck(raw);
        if (!isAscii(label)) {
            return uLabel(label);
        }
        if (label.startsWith(ACE_PREFIX)) {
            return aLabelToULabel(label);
        }
        return ldhLabel(label);
    }

    // RFC 5890 §2.3.1 (LDH label), RFC 1123 §2.1: letters, digits and hyphens, no hyphen at either end
    private static String ldhLabel(String label) {
        if (label.length() > MAX_LABEL_OCTETS) {
            throw new InvalidJidException("domainpart label too long (maximum " + MAX_LABEL_OCTETS + " octets)");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                throw new InvalidJidException("domainpart contains forbidden character " + PartRules.describe(c));
            }
        }
        requireNoEdgeHyphen(label);
        return label;
    }

    // RFC 7622 §3.2.1: each A-label is converted to a U-label.
    // RFC 5891 §5.4: the A-label must decode to a valid U-label that encodes back to the same A-label.
    private static String aLabelToULabel(String aLabel) {
        String decoded;
        try {
            decoded = Punycode.decode(aLabel.substring(ACE_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new InvalidJidException("domainpart contains an invalid A-label: " + e.getMessage(), e);
        }
        if (isAscii(decoded)) {
            throw new InvalidJidException("domainpart contains an A-label that does not decode to a U-label");
        }
        String uLabel = uLabel(mapAndCheck(decoded));
        if (!uLabel.equals(decoded)) {
            throw new InvalidJidException("domainpart contains an A-label of a label that is not in canonical form");
        }
        return uLabel;
    }

    // RFC 5890 §2.3.2.1 (U-label), RFC 5891 §4.2.3
    private static String uLabel(String label) {
        if (ACE_PREFIX.length() + Punycode.encode(label).length() > MAX_LABEL_OCTETS) {
            throw new InvalidJidException("domainpart label too long (maximum " + MAX_LABEL_OCTETS
                    + " octets as an A-label)");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            // IdentifierClass admits all printable ASCII; a domain name admits only LDH
            if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                throw new InvalidJidException("domainpart contains forbidden character " + PartRules.describe(c));
            }
        }
        requireNoEdgeHyphen(label);
        // RFC 5891 §4.2.3.2: a label must not begin with a combining mark
        int type = Character.getType(label.codePointAt(0));
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK) {
            throw new InvalidJidException("domainpart label begins with a combining mark");
        }
        return label;
    }

    // Width mapping, lowercase, NFC, IdentifierClass code points and the Bidi Rule (see the class comment)
    private static String mapAndCheck(String label) {
        return PartRules.precis("domainpart", PrecisProfiles.USERNAME_CASE_MAPPED, label);
    }

    // RFC 5891 §4.2.3.1
    private static void requireNoEdgeHyphen(String label) {
        if (label.startsWith("-") || label.endsWith("-")) {
            throw new InvalidJidException("domainpart label must not begin or end with a hyphen");
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
