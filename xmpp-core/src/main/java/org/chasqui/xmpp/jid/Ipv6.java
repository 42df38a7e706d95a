package org.chasqui.xmpp.jid;

/**
 * Syntax check of an IPv6 address in text form (RFC 4291 §2.2, the {@code IPv6address} rule of
 * RFC 3986 §3.2.2). Written here because {@code InetAddress.getByName} falls back to a DNS lookup
 * when its argument is not a literal.
 */
final class Ipv6 {
    private static final int GROUPS = 8;

    private Ipv6() {
    }

    static boolean isAddress(String s) {
        String hex = s;
        int lastColon = s.lastIndexOf(':');
        if (lastColon < 0) {
            return false;
        }
        // RFC 4291 §2.2 form 3: the low 32 bits may be written as a dotted IPv4 address
        if (s.indexOf('.', lastColon) >= 0) {
            if (!isIpv4(s.substring(lastColon + 1))) {
                return false;
            }
            hex = s.substring(0, lastColon + 1) + "0:0";
        }
        int gap = hex.indexOf("::");
        if (gap < 0) {
            return groups(hex) == GROUPS;
        }
        if (hex.indexOf("::", gap + 1) >= 0) {
            return false; // at most one "::"
        }
        int left = gap == 0 ? 0 : groups(hex.substring(0, gap));
        int right = gap + 2 == hex.length() ? 0 : groups(hex.substring(gap + 2));
        return left >= 0 && right >= 0 && left + right < GROUPS;
    }

    /** Counts the colon-separated groups of 1 to 4 hex digits, or returns -1 if one is malformed. */
    private static int groups(String s) {
        String[] parts = s.split(":", -1);
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 4) {
                return -1;
            }
            for (int i = 0; i < part.length(); i++) {
                if (Character.digit(part.charAt(i), 16) < 0 || part.charAt(i) >= 0x80) {
                    return -1;
                }
            }
        }
        return parts.length;
    }

    // RFC 3986 §3.2.2: dec-octet "." dec-octet "." dec-octet "." dec-octet, no leading zeros
    private static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
