package org.chasqui.xmpp.sasl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Lexical rules of RFC 5802 §7 shared by the SASL mechanisms. Every method returns null or false on bad input. */
final class ScramSyntax {

    private ScramSyntax() {
    }

    /** Strict UTF-8 (RFC 3629) decoding; null if the bytes are not well-formed UTF-8. */
    static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Decodes a saslname (RFC 5802 §5.1, §7): {@code =2C} stands for ',' and {@code =3D} for '='; any other '='
     * is an error, as are NUL and the empty string. Returns null if invalid.
     */
    static String unescapeSaslName(String s) {
        if (s.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=') {
                if (s.startsWith("=2C", i)) {
                    out.append(',');
                } else if (s.startsWith("=3D", i)) {
                    out.append('=');
                } else {
                    return null;
                }
                i += 2;
            } else if (c == ',' || c == '\0') {
                return null;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code printable = %x21-2B / %x2D-7E} (RFC 5802 §7), at least one character: the nonce alphabet. */
    static boolean isPrintable(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E || c == ',') {
                return false;
            }
        }
        return true;
    }

    /** {@code cb-name = 1*(ALPHA / DIGIT / "." / "-")} (RFC 5802 §7). */
    static boolean isCbName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isAlpha(c) || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * An optional extension {@code attr-val = ALPHA "=" value} (RFC 5802 §7), but not the reserved
     * {@code m} attribute, whose presence must fail authentication (RFC 5802 §5.1).
     */
    static boolean isIgnorableExtension(String s) {
        return s.length() >= 3 && isAlpha(s.charAt(0)) && s.charAt(0) != 'm' && s.charAt(1) == '='
                && s.indexOf('\0') < 0;
    }

    /** Base64 (RFC 4648 §4) decoding; null if invalid. */
    static byte[] decodeBase64(String s) {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isAlpha(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
