package org.chasqui.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ScramCredentialTest {

    final SecureRandom rnd = new SecureRandom();

    @Test
    void derive_reproduces_the_rfc_5802_keys_through_a_password_check() {
        byte[] salt = Base64.getDecoder().decode("QSXCR+Q6sek8bf92");
        ScramCredential c = ScramCredential.derive(ScramAlgorithm.SHA_1, "pencil", salt, 4096);
        assertThat(c.salt()).isEqualTo(salt);
        assertThat(c.iterations()).isEqualTo(4096);
        assertThat(c.storedKey()).hasSize(20);
        assertThat(c.verifyPassword("pencil")).isTrue();
        assertThat(c.verifyPassword("pencil ")).isFalse();
        assertThat(c).isEqualTo(ScramCredential.derive(ScramAlgorithm.SHA_1, "pencil", salt, 4096));
        assertThat(c.hashCode()).isEqualTo(ScramCredential.derive(ScramAlgorithm.SHA_1, "pencil", salt, 4096).hashCode());
    }

    @Test
    void generate_draws_a_fresh_16_byte_salt_and_requires_4096_iterations() {
        ScramCredential a = ScramCredential.generate(ScramAlgorithm.SHA_256, "secret", 4096, rnd);
        ScramCredential b = ScramCredential.generate(ScramAlgorithm.SHA_256, "secret", 4096, rnd);
        assertThat(a.salt()).hasSize(16);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.verifyPassword("secret")).isTrue();
        assertThat(b.verifyPassword("Secret")).isFalse();
        assertThatThrownBy(() -> ScramCredential.generate(ScramAlgorithm.SHA_256, "secret", 4095, rnd))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void passwords_are_prepared_as_precis_opaque_strings() {
        // RFC 8265 §4.2: non-ASCII spaces map to U+0020, then NFC
        ScramCredential c = ScramCredential.generate(ScramAlgorithm.SHA_256, "caf\u00e9 au\u00a0lait", 4096, rnd);
        assertThat(c.verifyPassword("cafe\u0301 au lait")).isTrue();
        assertThat(c.verifyPassword("CAF\u00c9 au lait")).isFalse(); // OpaqueString keeps case
        assertThat(c.verifyPassword("")).isFalse();
        assertThatThrownBy(() -> ScramCredential.derive(ScramAlgorithm.SHA_1, "", new byte[] {1}, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void arrays_are_copied_in_and_out() {
        byte[] salt = {1, 2, 3};
        ScramCredential c = ScramCredential.derive(ScramAlgorithm.SHA_1, "x", salt, 1);
        salt[0] = 9;
        c.salt()[1] = 9;
        c.storedKey()[0]++;
        assertThat(c.salt()).containsExactly(1, 2, 3);
        assertThat(c.verifyPassword("x")).isTrue();
    }

    @Test
    void invalid_components_are_rejected() {
        assertThatThrownBy(() -> new ScramCredential(ScramAlgorithm.SHA_256, new byte[16], 4096, new byte[20], new byte[32]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScramCredential(ScramAlgorithm.SHA_1, new byte[0], 4096, new byte[20], new byte[20]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScramCredential(ScramAlgorithm.SHA_1, new byte[1], 0, new byte[20], new byte[20]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void to_string_shows_no_key_material() {
        ScramCredential c = ScramCredential.generate(ScramAlgorithm.SHA_1, "pencil", 4096, rnd);
        Base64.Encoder b64 = Base64.getEncoder();
        assertThat(c.toString()).isEqualTo("ScramCredential[SCRAM-SHA-1, iterations=4096]")
                .doesNotContain(b64.encodeToString(c.salt()), b64.encodeToString(c.storedKey()));
    }
}
