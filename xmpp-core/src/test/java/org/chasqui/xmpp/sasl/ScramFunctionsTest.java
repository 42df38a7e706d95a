package org.chasqui.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ScramFunctionsTest {

    static final byte[] SALT = "salt".getBytes(StandardCharsets.US_ASCII);

    @Test
    void hi_matches_the_rfc_6070_pbkdf2_hmac_sha1_vectors() {
        assertThat(hex(ScramFunctions.hi(ScramAlgorithm.SHA_1, "password", SALT, 1)))
                .isEqualTo("0c60c80f961f0e71f3a9b524af6012062fe037a6");
        assertThat(hex(ScramFunctions.hi(ScramAlgorithm.SHA_1, "password", SALT, 2)))
                .isEqualTo("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
        assertThat(hex(ScramFunctions.hi(ScramAlgorithm.SHA_1, "password", SALT, 4096)))
                .isEqualTo("4b007901b765489abead49d926f721d065a429c1");
    }

    @Test
    void hi_matches_its_definition_in_rfc_5802_section_2_2() {
        for (ScramAlgorithm alg : ScramAlgorithm.values()) {
            byte[] salt = {1, 2, 3, 4, 5};
            String str = "pässwörd \u263a";
            assertThat(ScramFunctions.hi(alg, str, salt, 7)).isEqualTo(hiByDefinition(alg, str, salt, 7));
            assertThat(ScramFunctions.hi(alg, str, salt, 1)).hasSize(alg.keyLength());
        }
    }

    /** Hi(str, salt, i): U1 := HMAC(str, salt + INT(1)), Ui := HMAC(str, Ui-1), Hi := U1 XOR ... XOR Ui. */
    static byte[] hiByDefinition(ScramAlgorithm alg, String str, byte[] salt, int iterations) {
        byte[] key = str.getBytes(StandardCharsets.UTF_8);
        byte[] u = ScramFunctions.hmac(alg, key, ByteBuffer.allocate(salt.length + 4).put(salt).putInt(1).array());
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = ScramFunctions.hmac(alg, key, u);
            result = ScramFunctions.xor(result, u);
        }
        return result;
    }

    @Test
    void hi_rejects_bad_parameters() {
        assertThatThrownBy(() -> ScramFunctions.hi(ScramAlgorithm.SHA_1, "p", SALT, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScramFunctions.hi(ScramAlgorithm.SHA_1, "p", new byte[0], 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hash_and_hmac_use_the_named_algorithms() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(hex(ScramFunctions.hash(ScramAlgorithm.SHA_1, abc)))
                .isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(hex(ScramFunctions.hash(ScramAlgorithm.SHA_256, abc)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ScramFunctions.hmac(ScramAlgorithm.SHA_256, abc, abc)).hasSize(32);
        assertThat(ScramFunctions.hmac(ScramAlgorithm.SHA_1, abc, abc)).hasSize(20);
    }

    @Test
    void xor_and_constant_time_equals() {
        assertThat(ScramFunctions.xor(new byte[] {1, 2}, new byte[] {3, 2})).containsExactly(2, 0);
        assertThatThrownBy(() -> ScramFunctions.xor(new byte[1], new byte[2]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ScramFunctions.constantTimeEquals(new byte[] {1, 2}, new byte[] {1, 2})).isTrue();
        assertThat(ScramFunctions.constantTimeEquals(new byte[] {1, 2}, new byte[] {1, 3})).isFalse();
        assertThat(ScramFunctions.constantTimeEquals(new byte[] {1}, new byte[] {1, 2})).isFalse();
    }

    @Test
    void algorithm_names() {
        assertThat(ScramAlgorithm.SHA_1.mechanismName()).isEqualTo("SCRAM-SHA-1");
        assertThat(ScramAlgorithm.SHA_1.plusMechanismName()).isEqualTo("SCRAM-SHA-1-PLUS");
        assertThat(ScramAlgorithm.SHA_256.mechanismName()).isEqualTo("SCRAM-SHA-256");
        assertThat(ScramAlgorithm.SHA_256.plusMechanismName()).isEqualTo("SCRAM-SHA-256-PLUS");
        assertThat(SaslFailure.NOT_AUTHORIZED.elementName()).isEqualTo("not-authorized");
        assertThat(SaslFailure.TEMPORARY_AUTH_FAILURE.elementName()).isEqualTo("temporary-auth-failure");
        assertThat(SaslFailure.values()).hasSize(11);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
