package org.chasqui.xmpp.forms;

import java.util.Optional;
import org.chasqui.xmpp.jid.Jid;

/** Reads field values as the types XEP-0004 §3.3 gives them. */
public final class FieldValues {

    private FieldValues() {
    }

    /**
     * XEP-0004 §3.3, boolean: the lexical forms of XML Schema's xs:boolean, "0" and "false" for false, "1" and
     * "true" for true; nothing else (no other case, no surrounding spaces).
     */
    public static boolean parseBoolean(String value) throws FormException {
        Optional<Boolean> b = tryParseBoolean(value);
        if (b.isEmpty()) {
            throw new FormException("'" + value + "' is not a boolean (XEP-0004 §3.3: 0, 1, false, true)");
        }
        return b.get();
    }

    static Optional<Boolean> tryParseBoolean(String value) {
        return switch (value) {
            case "1", "true" -> Optional.of(Boolean.TRUE);
            case "0", "false" -> Optional.of(Boolean.FALSE);
            default -> Optional.empty();
        };
    }

    /**
     * A decimal integer: an optional sign and ASCII digits, within the range of {@code int}. Stricter than
     * {@link Integer#parseInt}, which also takes other scripts' digits.
     */
    public static int parseInt(String value) throws FormException {
        int start = value.startsWith("-") || value.startsWith("+") ? 1 : 0;
        boolean digits = value.length() > start;
        for (int i = start; i < value.length() && digits; i++) {
            char c = value.charAt(i);
            digits = c >= '0' && c <= '9';
        }
        if (digits) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new FormException("'" + value + "' is out of range for an integer");
            }
        }
        throw new FormException("'" + value + "' is not an integer");
    }

    /** XEP-0004 §3.3, jid-single and jid-multi: a JID valid under RFC 7622. */
    public static Jid parseJid(String value) throws FormException {
        Optional<Jid> jid = Jid.tryParse(value);
        if (jid.isEmpty()) {
            throw new FormException("'" + value + "' is not a valid JID (XEP-0004 §3.3)");
        }
        return jid.get();
    }
}
