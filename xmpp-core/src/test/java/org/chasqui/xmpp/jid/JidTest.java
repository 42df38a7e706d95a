package org.chasqui.xmpp.jid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import rocks.xmpp.precis.InvalidCodePointException;

class JidTest {

    // ---- corpora: src/test/resources/jid/{valid,invalid}.txt ----

    static Stream<Arguments> validCorpus() {
        return corpus("valid.txt").stream().map(fields -> {
            if (fields.length < 2) {
                throw new IllegalStateException("valid.txt line without an expected form: " + fields[0]);
            }
            return Arguments.of(fields[0], unescape(fields[0]), unescape(fields[1]));
        });
    }

    static Stream<Arguments> invalidCorpus() {
        return corpus("invalid.txt").stream().map(fields -> Arguments.of(fields[0], unescape(fields[0])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCorpus")
    void validJidHasCanonicalForm(String line, String input, String expected) {
        Jid jid = Jid.parse(input);

        assertThat(jid.toString()).isEqualTo(expected);
        assertThat(Jid.tryParse(input)).contains(jid);
        // The canonical form is a fixed point
        assertThat(Jid.parse(expected)).isEqualTo(jid).hasToString(expected);
        // Building from the parts gives the same JID
        assertThat(Jid.of(jid.localpart(), jid.domainpart(), jid.resourcepart())).isEqualTo(jid);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCorpus")
    void invalidJidIsRejected(String line, String input) {
        assertThatThrownBy(() -> Jid.parse(input))
                .isInstanceOf(InvalidJidException.class)
                .hasMessageMatching("(?s).*(localpart|domainpart|resourcepart).*");
        assertThat(Jid.tryParse(input)).isEmpty();
    }

    @Test
    void emptyStringIsRejected() {
        assertThatThrownBy(() -> Jid.parse("")).isInstanceOf(InvalidJidException.class)
                .hasMessage("domainpart must not be empty");
    }

    // ---- parts and accessors ----

    @Test
    void fullJidHasThreeParts() {
        Jid jid = Jid.parse("juliet@example.com/balcony");

        assertThat(jid.localpart()).isEqualTo("juliet");
        assertThat(jid.domainpart()).isEqualTo("example.com");
        assertThat(jid.resourcepart()).isEqualTo("balcony");
        assertThat(jid.hasLocalpart()).isTrue();
        assertThat(jid.hasResource()).isTrue();
        assertThat(jid.isBare()).isFalse();
        assertThat(jid.isDomainOnly()).isFalse();
    }

    @Test
    void bareJidHasNoResource() {
        Jid jid = Jid.parse("juliet@example.com");

        assertThat(jid.resourcepart()).isNull();
        assertThat(jid.hasResource()).isFalse();
        assertThat(jid.isBare()).isTrue();
        assertThat(jid.isDomainOnly()).isFalse();
    }

    @Test
    void domainJid() {
        Jid jid = Jid.domain("PubSub.Example.COM.");

        assertThat(jid.localpart()).isNull();
        assertThat(jid.hasLocalpart()).isFalse();
        assertThat(jid.domainpart()).isEqualTo("pubsub.example.com");
        assertThat(jid.isDomainOnly()).isTrue();
        assertThat(jid.isBare()).isTrue();
        assertThat(jid).hasToString("pubsub.example.com");
    }

    @Test
    void domainWithResourceIsNotDomainOnly() {
        Jid jid = Jid.parse("example.com/admin");

        assertThat(jid.hasLocalpart()).isFalse();
        assertThat(jid.isDomainOnly()).isFalse();
        assertThat(jid.isBare()).isFalse();
    }

    @Test
    void ofEnforcesEachPart() {
        Jid jid = Jid.of("ＪＵＬＩＥＴ", "EXAMPLE.com.", "Foo\u00A0Bar");

        assertThat(jid).hasToString("juliet@example.com/Foo Bar");
    }

    @Test
    void ofTakesPartsLiterally() {
        // No splitting: '@' and '/' are characters of the part, and the rules of that part apply
        assertThat(Jid.of(null, "example.com", "a@b/c")).hasToString("example.com/a@b/c");
        assertThatThrownBy(() -> Jid.of("a@b", "example.com", null))
                .isInstanceOf(InvalidJidException.class).hasMessage("localpart contains forbidden character '@'");
        assertThatThrownBy(() -> Jid.of(null, "example.com/x", null))
                .isInstanceOf(InvalidJidException.class).hasMessage("domainpart contains forbidden character '/'");
    }

    @Test
    void ofRejectsEmptyParts() {
        assertThatThrownBy(() -> Jid.of("", "example.com", null))
                .isInstanceOf(InvalidJidException.class).hasMessage("localpart must not be empty");
        assertThatThrownBy(() -> Jid.of(null, "", null))
                .isInstanceOf(InvalidJidException.class).hasMessage("domainpart must not be empty");
        assertThatThrownBy(() -> Jid.of(null, "example.com", ""))
                .isInstanceOf(InvalidJidException.class).hasMessage("resourcepart must not be empty");
    }

    @Test
    void nullsAreBugsExceptForTryParse() {
        assertThatThrownBy(() -> Jid.parse(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Jid.of("juliet", null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Jid.parse("juliet@example.com").withResource(null))
                .isInstanceOf(NullPointerException.class);
        assertThat(Jid.tryParse(null)).isEmpty();
    }

    // ---- bare(), withResource(), withoutResource() ----

    @Test
    void bareOfBareJidIsSameInstance() {
        Jid jid = Jid.parse("juliet@example.com");

        assertThat(jid.bare()).isSameAs(jid);
        assertThat(jid.withoutResource()).isSameAs(jid);
    }

    @Test
    void bareDropsResource() {
        Jid full = Jid.parse("juliet@example.com/balcony");

        assertThat(full.bare()).isEqualTo(Jid.parse("juliet@example.com")).hasToString("juliet@example.com");
        assertThat(full.bare().isBare()).isTrue();
        assertThat(full.withoutResource()).isEqualTo(full.bare());
        assertThat(Jid.parse("example.com/x").bare().isDomainOnly()).isTrue();
    }

    @Test
    void withResourceEnforcesResource() {
        Jid bare = Jid.parse("juliet@example.com");

        Jid full = bare.withResource("Orchard\u3000Wall");

        assertThat(full).hasToString("juliet@example.com/Orchard Wall");
        assertThat(full.resourcepart()).isEqualTo("Orchard Wall");
        assertThat(full.bare()).isEqualTo(bare);
        assertThat(Jid.parse("juliet@example.com/a").withResource("b")).isEqualTo(Jid.parse("juliet@example.com/b"));
    }

    @Test
    void withResourceRejectsInvalidResource() {
        Jid bare = Jid.parse("juliet@example.com");

        assertThatThrownBy(() -> bare.withResource("")).isInstanceOf(InvalidJidException.class)
                .hasMessage("resourcepart must not be empty");
        assertThatThrownBy(() -> bare.withResource("a\u0000b")).isInstanceOf(InvalidJidException.class)
                .hasMessageStartingWith("invalid resourcepart");
    }

    // ---- equality ----

    @Test
    void equalityIsOnEnforcedParts() {
        Jid a = Jid.parse("JULIET@EXAMPLE.COM./balcony");
        Jid b = Jid.parse("ｊｕｌｉｅｔ@example.com/balcony");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isEqualTo(Jid.of("juliet", "example.com", "balcony"));
    }

    @Test
    void resourceCaseMatters() {
        assertThat(Jid.parse("juliet@example.com/Balcony")).isNotEqualTo(Jid.parse("juliet@example.com/balcony"));
    }

    @Test
    void partsAreNotInterchangeable() {
        Jid full = Jid.parse("juliet@example.com/balcony");

        assertThat(full).isNotEqualTo(full.bare());
        assertThat(Jid.parse("example.com")).isNotEqualTo(Jid.parse("juliet@example.com"));
        assertThat(Jid.parse("juliet@example.com")).isNotEqualTo(Jid.parse("juliet@example.org"));
        assertThat(full).isNotEqualTo("juliet@example.com/balcony").isNotEqualTo(null);
    }

    @Test
    void finalSigmaIsDistinctFromSigma() {
        // RFC 8265 §3.3.2 uses toLowerCase, which maps Σ to σ but leaves ς alone (RFC 7613 case-folded it to σ)
        assertThat(Jid.parse("Σ@example.com")).isEqualTo(Jid.parse("σ@example.com"))
                .isNotEqualTo(Jid.parse("ς@example.com"));
    }

    @Test
    void caseMappingIgnoresTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr")); // where "I".toLowerCase() is a dotless i
            assertThat(Jid.parse("JULIET@EXAMPLE.COM/I")).hasToString("juliet@example.com/I");
            assertThat(Jid.parse("XN--MNCHEN-3YA.DE")).hasToString("münchen.de");
        } finally {
            Locale.setDefault(saved);
        }
    }

    // ---- lengths: RFC 7622 §3.2, §3.3, §3.4: each part is 1..1023 octets ----

    @Test
    void localpartOf1023OctetsIsValid() {
        assertThat(Jid.parse("a".repeat(1023) + "@example.com").localpart()).hasSize(1023);
        // 511 two-octet letters and one ASCII letter: 1023 octets
        assertThat(Jid.tryParse("я".repeat(511) + "a@example.com")).isPresent();
    }

    @Test
    void localpartOf1024OctetsIsInvalid() {
        assertThatThrownBy(() -> Jid.parse("a".repeat(1024) + "@example.com"))
                .isInstanceOf(InvalidJidException.class)
                .hasMessage("localpart too long: 1024 bytes (maximum 1023)");
        assertThatThrownBy(() -> Jid.parse("я".repeat(512) + "@example.com"))
                .isInstanceOf(InvalidJidException.class)
                .hasMessageStartingWith("localpart too long");
    }

    @Test
    void lengthIsMeasuredAfterEnforcement() {
        // Fullwidth letters take 3 octets each but are width-mapped to ASCII
        assertThat(Jid.tryParse("ａ".repeat(1023) + "@example.com")).isPresent();
        assertThat(Jid.tryParse("ａ".repeat(1024) + "@example.com")).isEmpty();
    }

    @Test
    void hugeInputIsRejectedEarly() {
        assertThatThrownBy(() -> Jid.parse("a".repeat(100_000) + "@example.com"))
                .isInstanceOf(InvalidJidException.class)
                .hasMessage("localpart too long: 100000 chars (maximum 1023 bytes)");
    }

    @Test
    void resourcepartOf1023OctetsIsValidAnd1024Invalid() {
        assertThat(Jid.tryParse("juliet@example.com/" + "r".repeat(1023))).isPresent();
        assertThatThrownBy(() -> Jid.parse("juliet@example.com/" + "r".repeat(1024)))
                .isInstanceOf(InvalidJidException.class)
                .hasMessage("resourcepart too long: 1024 bytes (maximum 1023)");
    }

    @Test
    void domainpartOf1023OctetsIsValidAnd1024Invalid() {
        String label = "a".repeat(63);
        String domain1023 = String.join(".", Collections.nCopies(16, label)); // 16 * 63 + 15
        assertThat(domain1023).hasSize(1023);

        assertThat(Jid.domain(domain1023).domainpart()).isEqualTo(domain1023);
        assertThatThrownBy(() -> Jid.domain("b." + domain1023))
                .isInstanceOf(InvalidJidException.class)
                .hasMessage("domainpart too long: 1025 bytes (maximum 1023)");
    }

    @Test
    void labelOf64OctetsIsInvalid() {
        assertThatThrownBy(() -> Jid.domain("a".repeat(64) + ".com"))
                .isInstanceOf(InvalidJidException.class)
                .hasMessageStartingWith("domainpart label too long");
    }

    @Test
    void uLabelLengthIsThatOfItsALabel() {
        // java.net.IDN (an independent Punycode implementation) refuses A-labels over 63 octets;
        // for these labels IDNA2003 and IDNA2008 agree, so both must draw the line at the same place.
        for (int n = 40; n < 70; n++) {
            String label = "a".repeat(n) + "ü";
            boolean fitsInDns = fits(label);

            assertThat(Jid.tryParse(label + ".de").isPresent()).as(label).isEqualTo(fitsInDns);
        }
    }

    private static boolean fits(String label) {
        try {
            return IDN.toASCII(label).length() <= 63;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---- errors ----

    @Test
    void precisErrorsAreWrapped() {
        assertThatThrownBy(() -> Jid.parse("♚@example.com"))
                .isInstanceOf(InvalidJidException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid localpart: ")
                .hasCauseInstanceOf(InvalidCodePointException.class);
    }

    @Test
    void messagesNameTheRule() {
        assertThatThrownBy(() -> Jid.parse("\"juliet\"@example.com"))
                .hasMessage("localpart contains forbidden character '\"'");
        assertThatThrownBy(() -> Jid.parse("juliet@exa_mple.com"))
                .hasMessage("domainpart contains forbidden character '_'");
        assertThatThrownBy(() -> Jid.parse("juliet@example..com"))
                .hasMessage("domainpart contains an empty label");
        assertThatThrownBy(() -> Jid.parse("juliet@[::g]"))
                .hasMessage("domainpart is not a valid IPv6 literal");
        assertThatThrownBy(() -> Jid.parse("juliet@example.com/"))
                .hasMessage("resourcepart must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"juliet@example.com/foo", "example.com", "[::1]", "a@b"})
    void toStringIsCached(String s) {
        Jid jid = Jid.parse(s);

        assertThat(jid.toString()).isSameAs(jid.toString());
    }

    // ---- corpus reading ----

    private static final Pattern ESCAPE = Pattern.compile("\\\\u\\{([0-9A-Fa-f]{1,6})\\}");

    /** Non-comment lines, split at tabs; a field starting with '#' and all after it are dropped. */
    private static List<String[]> corpus(String name) {
        List<String[]> entries = new ArrayList<>();
        try (InputStream in = JidTest.class.getResourceAsStream("/jid/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /jid/" + name);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                List<String> fields = new ArrayList<>();
                for (String field : line.split("\t", -1)) {
                    if (field.startsWith("#")) {
                        break;
                    }
                    fields.add(field);
                }
                entries.add(fields.toArray(String[]::new));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Replaces each {@code \\u{XXXX}} by the code point U+XXXX (a lone surrogate stays one char). */
    static String unescape(String s) {
        Matcher m = ESCAPE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int codePoint = Integer.parseInt(m.group(1), 16);
            m.appendReplacement(out, Matcher.quoteReplacement(new String(Character.toChars(codePoint))));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Nested
    class CorpusSyntax {
        @Test
        void escapes() {
            assertThat(unescape("a\\u{20}b\\u{1F600}c\\u{D800}")).isEqualTo("a b\uD83D\uDE00c\uD800");
            assertThat(unescape("foo\\20bar")).isEqualTo("foo\\20bar");
        }
    }
}
