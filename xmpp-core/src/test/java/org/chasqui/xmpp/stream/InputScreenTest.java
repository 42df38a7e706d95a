package org.chasqui.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InputScreenTest {

    private static final byte[] ROOT = "<r>".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @ValueSource(ints = {0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFEFF, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF})
    void acceptsEveryWellFormedUtf8Length(int codePoint) {
        byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        byte[] input = XmppStreamDecoderErrorTest.concat(ROOT, encoded);
        for (int at = 0; at <= input.length; at++) {
            InputScreen screen = new InputScreen();
            assertThat(screen.scan(input, 0, at)).isEqualTo(at);
            assertThat(screen.scan(input, at, input.length - at)).isEqualTo(input.length - at);
        }
    }

    /** RFC 3629 §3-4: overlongs, surrogates, values above U+10FFFF, stray and missing continuation bytes. */
    @ParameterizedTest
    @CsvSource({
        "C0 80, 0", "C1 BF, 0", "E0 9F BF, 1", "ED A0 80, 1", "ED BF BF, 1", "F0 8F BF BF, 1", "F4 90 80 80, 1",
        "F5 80 80 80, 0", "FF, 0", "FE, 0", "80, 0", "BF, 0", "C2 41, 1", "E4 BD 41, 2", "F0 9F 8E 41, 3"})
    void rejectsIllFormedUtf8AtTheFirstBadByte(String hex, int badIndex) {
        String[] parts = hex.split(" ");
        byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        InputScreen screen = new InputScreen();
        assertThat(screen.scan(ROOT, 0, ROOT.length)).isEqualTo(ROOT.length);
        assertThat(screen.scan(bytes, 0, bytes.length)).isEqualTo(badIndex);
        assertThat(screen.failure().condition()).isEqualTo(StreamErrorCondition.NOT_WELL_FORMED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "<?xml version='1.0'?><!DOCTYPE x>|22",
        "<?xml version='1.0'?> <!-- c --><r>|23",
        "<?pi a?b>c<!x ?><!-- c -->|17",
        "<!--|1"})
    void rejectsMarkupDeclarationsBeforeTheRoot(String input, int badIndex) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        InputScreen screen = new InputScreen();
        assertThat(screen.scan(bytes, 0, bytes.length)).isEqualTo(badIndex);
        assertThat(screen.failure().condition()).isEqualTo(StreamErrorCondition.RESTRICTED_XML);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<r><!-- left to the parser -->", "<?xml version='1.0'?><r><![CDATA[x]]>"})
    void leavesMarkupInsideTheRootToTheParser(String input) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        assertThat(new InputScreen().scan(bytes, 0, bytes.length)).isEqualTo(bytes.length);
    }
}
