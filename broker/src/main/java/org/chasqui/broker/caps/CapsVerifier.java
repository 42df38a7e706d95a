package org.chasqui.broker.caps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;

/**
 * XEP-0115 §5.1 verification strings: the hash of a disco#info result's identities, features and
 * extended forms, and the well-formedness rules of §5.4 a cached result must pass.
 */
public final class CapsVerifier {

    private CapsVerifier() {
    }

    /** The Java name of an XEP-0115 hash ("sha-1", "sha-256", ...), or null if not supported. */
    static String algorithm(String hash) {
        return switch (hash == null ? "" : hash.toLowerCase(Locale.ROOT)) {
            case "sha-1" -> "SHA-1";
            case "sha-224" -> "SHA-224";
            case "sha-256" -> "SHA-256";
            case "sha-384" -> "SHA-384";
            case "sha-512" -> "SHA-512";
            default -> null;
        };
    }

    /** §5.1: the verification string of a disco#info {@code <query/>}, or null if it is ill-formed (§5.4). */
    public static String ver(Element query, String hash) {
        String s = input(query);
        String algorithm = algorithm(hash);
        if (s == null || algorithm == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** The string S of §5.1, or null if the response is ill-formed (§5.4 step 3). */
    static String input(Element query) {
        List<String> identities = new ArrayList<>();
        List<String> features = new ArrayList<>();
        TreeMap<String, Element> forms = new TreeMap<>();
        for (Element e : query.elements()) {
            if (e.is("identity", Namespaces.DISCO_INFO)) {
                identities.add(nz(e.attribute("category")) + "/" + nz(e.attribute("type")) + "/"
                        + nz(e.attribute("xml:lang")) + "/" + nz(e.attribute("name")));
            } else if (e.is("feature", Namespaces.DISCO_INFO)) {
                features.add(nz(e.attribute("var")));
            } else if (e.is("x", Namespaces.DATA_FORMS)) {
                String formType = formType(e);
                if (formType == null) {
                    continue; // §5.4: a form without a hidden FORM_TYPE is ignored
                }
                if (forms.put(formType, e) != null) {
                    return null; // two forms with the same FORM_TYPE
                }
            }
        }
        if (new HashSet<>(identities).size() != identities.size() || new HashSet<>(features).size() != features.size()) {
            return null;
        }
        identities.sort(null); // i;octet on UTF-16 strings of these characters equals byte order for BMP text
        features.sort(null);
        StringBuilder s = new StringBuilder();
        identities.forEach(i -> s.append(i).append('<'));
        features.forEach(f -> s.append(f).append('<'));
        forms.forEach((type, form) -> appendForm(s, type, form));
        return s.toString();
    }

    private static void appendForm(StringBuilder s, String formType, Element form) {
        s.append(formType).append('<');
        TreeMap<String, List<String>> fields = new TreeMap<>();
        for (Element field : form.elements()) {
            String var = field.attribute("var");
            if (!field.name().equals("field") || var == null || var.equals("FORM_TYPE")) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (Element v : field.elements()) {
                if (v.name().equals("value")) {
                    values.add(v.text());
                }
            }
            values.sort(null);
            fields.put(var, values);
        }
        fields.forEach((var, values) -> {
            s.append(var).append('<');
            values.forEach(v -> s.append(v).append('<'));
        });
    }

    /** The FORM_TYPE of a form if its field is hidden with one value (§5.4), else null. */
    private static String formType(Element form) {
        for (Element field : form.elements()) {
            if ("FORM_TYPE".equals(field.attribute("var"))) {
                if (!"hidden".equals(field.attribute("type"))) {
                    return null;
                }
                Set<String> values = new HashSet<>();
                field.elements().forEach(v -> values.add(v.text()));
                return values.size() == 1 ? values.iterator().next() : null;
            }
        }
        return null;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
