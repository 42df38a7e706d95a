package org.chasqui.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of RFC 5802 §5 (SCRAM-SHA-1) and RFC 7677 §3 (SCRAM-SHA-256), user "user",
 * password "pencil", replayed byte for byte with the server nonce fixed to the example's.
 */
class ScramRfcVectorsTest {

    // RFC 5802 §5
    static final String SHA1_CLIENT_FIRST = "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL";
    static final String SHA1_SERVER_NONCE = "3rfcNHYJY1ZVvWVs7j";
    static final String SHA1_SALT = "QSXCR+Q6sek8bf92";
    static final String SHA1_SERVER_FIRST = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
    static final String SHA1_CLIENT_FINAL =
            "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=";
    static final String SHA1_SERVER_FINAL = "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=";

    // RFC 7677 §3
    static final String SHA256_CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    static final String SHA256_SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    static final String SHA256_SALT = "W22ZaJ0SNY7soEsUEjb6gQ==";
    static final String SHA256_SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    static final String SHA256_CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    static final String SHA256_SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    static CredentialLookup pencilUser(ScramAlgorithm alg, String saltB64) {
        ScramCredential credential = ScramCredential.derive(alg, "pencil", Base64.getDecoder().decode(saltB64), 4096);
        return (user, a) -> user.equals("user") && a == alg ? Optional.of(credential) : Optional.empty();
    }

    static ScramExchange sha1Exchange() {
        return new ScramExchange(new ScramServer(ScramAlgorithm.SHA_1, false, false, Map.of(),
                pencilUser(ScramAlgorithm.SHA_1, SHA1_SALT), () -> SHA1_SERVER_NONCE));
    }

    static ScramExchange sha256Exchange() {
        return new ScramExchange(new ScramServer(ScramAlgorithm.SHA_256, false, false, Map.of(),
                pencilUser(ScramAlgorithm.SHA_256, SHA256_SALT), () -> SHA256_SERVER_NONCE));
    }

    @Test
    void rfc5802_scram_sha_1_example() {
        ScramExchange x = sha1Exchange();
        assertThat(x.challengeFor(SHA1_CLIENT_FIRST)).isEqualTo(SHA1_SERVER_FIRST);
        SaslStep.Success success = x.successFor(SHA1_CLIENT_FINAL);
        assertThat(ScramExchange.text(success.additionalData())).isEqualTo(SHA1_SERVER_FINAL);
        assertThat(success.authcid()).isEqualTo("user");
        assertThat(success.authzid()).isNull();
    }

    @Test
    void rfc7677_scram_sha_256_example() {
        ScramExchange x = sha256Exchange();
        assertThat(x.challengeFor(SHA256_CLIENT_FIRST)).isEqualTo(SHA256_SERVER_FIRST);
        SaslStep.Success success = x.successFor(SHA256_CLIENT_FINAL);
        assertThat(ScramExchange.text(success.additionalData())).isEqualTo(SHA256_SERVER_FINAL);
        assertThat(success.authcid()).isEqualTo("user");
    }

    @Test
    void without_initial_response_the_server_sends_an_empty_challenge_first() {
        // RFC 6120 §6.4.2: <auth mechanism='SCRAM-SHA-1'/> with no text
        ScramExchange x = sha1Exchange();
        assertThat(x.challengeFor(null)).isEmpty();
        assertThat(x.challengeFor(SHA1_CLIENT_FIRST)).isEqualTo(SHA1_SERVER_FIRST);
        assertThat(ScramExchange.text(x.successFor(SHA1_CLIENT_FINAL).additionalData())).isEqualTo(SHA1_SERVER_FINAL);
    }

    @Test
    void an_empty_initial_response_is_treated_like_none() {
        ScramExchange x = sha256Exchange();
        assertThat(x.challengeFor("")).isEmpty();
        assertThat(x.challengeFor(SHA256_CLIENT_FIRST)).isEqualTo(SHA256_SERVER_FIRST);
        assertThat(x.successFor(SHA256_CLIENT_FINAL).authcid()).isEqualTo("user");
    }

    @Test
    void a_second_empty_message_is_malformed() {
        ScramExchange x = sha256Exchange();
        x.challengeFor("");
        x.failureFor("", SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void the_stored_keys_match_the_example_proof_without_the_server() {
        // RFC 5802 §3 by hand: ClientKey = ClientProof XOR ClientSignature, H(ClientKey) == StoredKey
        ScramAlgorithm alg = ScramAlgorithm.SHA_256;
        ScramCredential c = ScramCredential.derive(alg, "pencil", Base64.getDecoder().decode(SHA256_SALT), 4096);
        String authMessage = "n=user,r=rOprNGfwEbeRWgbNEkqO," + SHA256_SERVER_FIRST + ","
                + "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        byte[] proof = Base64.getDecoder().decode("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        byte[] clientKey = ScramFunctions.xor(proof,
                ScramFunctions.clientSignature(alg, c.storedKey(), authMessage.getBytes()));
        assertThat(ScramFunctions.storedKey(alg, clientKey)).isEqualTo(c.storedKey());
        assertThat(Base64.getEncoder().encodeToString(
                ScramFunctions.serverSignature(alg, c.serverKey(), authMessage.getBytes())))
                .isEqualTo(SHA256_SERVER_FINAL.substring(2));
    }
}
