package org.chasqui.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScramServerTest {

    static final ScramAlgorithm ALG = ScramAlgorithm.SHA_256;
    static final byte[] CB_DATA = "certificate-hash".getBytes(StandardCharsets.US_ASCII);
    static final Map<String, byte[]> BINDINGS = Map.of("tls-server-end-point", CB_DATA);

    final Map<String, ScramCredential> users = new HashMap<>();
    final CredentialLookup lookup = (user, alg) -> alg == ALG ? Optional.ofNullable(users.get(user)) : Optional.empty();

    ScramServerTest() {
        SecureRandom rnd = new SecureRandom();
        users.put("juliet", ScramCredential.generate(ALG, "r0m30myr0m30", 4096, rnd));
        users.put("a,b=c", ScramCredential.generate(ALG, "escaped", 4096, rnd));
    }

    ScramExchange server() {
        return new ScramExchange(new ScramServer(ALG, false, false, Map.of(), lookup, () -> "servernonce"));
    }

    ScramExchange plusServer() {
        return new ScramExchange(new ScramServer(ALG, true, true, BINDINGS, lookup, () -> "servernonce"));
    }

    @Test
    void a_correct_password_succeeds() {
        TestScramClient client = TestScramClient.plain(ALG, "juliet", "r0m30myr0m30");
        ScramExchange x = server();
        String serverFirst = x.challengeFor(client.clientFirst());
        assertThat(serverFirst).startsWith("r=clientnonceservernonce,s=").endsWith(",i=4096");
        assertThat(x.successFor(client.clientFinal(serverFirst)).authcid()).isEqualTo("juliet");
    }

    @Test
    void a_wrong_password_fails_with_not_authorized() {
        TestScramClient client = TestScramClient.plain(ALG, "juliet", "wrong");
        ScramExchange x = server();
        String serverFirst = x.challengeFor(client.clientFirst());
        x.failureFor(client.clientFinal(serverFirst), SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void an_unknown_user_gets_a_plausible_and_stable_challenge_then_fails_like_a_wrong_password() {
        TestScramClient client = TestScramClient.plain(ALG, "nobody", "whatever");
        ScramExchange x = server();
        String serverFirst = x.challengeFor(client.clientFirst());
        assertThat(serverFirst).matches("r=clientnonceservernonce,s=[A-Za-z0-9+/]{22}==,i=4096");
        SaslStep.Failure unknown = x.failureFor(client.clientFinal(serverFirst), SaslFailure.NOT_AUTHORIZED);

        // the same fake salt every time, so asking twice does not reveal that the user is unknown
        assertThat(server().challengeFor(client.clientFirst())).isEqualTo(serverFirst);
        assertThat(server().challengeFor(TestScramClient.plain(ALG, "nobody2", "x").clientFirst()))
                .isNotEqualTo(serverFirst);

        TestScramClient wrong = TestScramClient.plain(ALG, "juliet", "wrong");
        ScramExchange y = server();
        SaslStep.Failure wrongPassword = y.failureFor(wrong.clientFinal(y.challengeFor(wrong.clientFirst())),
                SaslFailure.NOT_AUTHORIZED);
        assertThat(unknown).isEqualTo(wrongPassword);
    }

    @Test
    void user_names_are_prepared_with_precis_username_case_mapped() {
        TestScramClient client = TestScramClient.plain(ALG, "JULIET", "r0m30myr0m30");
        ScramExchange x = server();
        assertThat(x.successFor(client.clientFinal(x.challengeFor(client.clientFirst()))).authcid())
                .isEqualTo("juliet");
    }

    @Test
    void an_invalid_precis_user_name_is_not_authorized() {
        server().failureFor("n,,n=bad user,r=abc", SaslFailure.NOT_AUTHORIZED); // space: not in IdentifierClass
    }

    @Test
    void escaped_user_names_are_unescaped() {
        // RFC 5802 §5.1: ',' is sent as =2C and '=' as =3D
        TestScramClient client = TestScramClient.plain(ALG, "a=2Cb=3Dc", "escaped");
        ScramExchange x = server();
        assertThat(x.successFor(client.clientFinal(x.challengeFor(client.clientFirst()))).authcid())
                .isEqualTo("a,b=c");
    }

    @Test
    void invalid_escapes_are_malformed() {
        server().failureFor("n,,n=a=2Db,r=abc", SaslFailure.MALFORMED_REQUEST);
        server().failureFor("n,,n=a=,r=abc", SaslFailure.MALFORMED_REQUEST);
        server().failureFor("n,,n=,r=abc", SaslFailure.MALFORMED_REQUEST);
        server().failureFor("n,a=x=2,n=juliet,r=abc", SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void the_authzid_is_unescaped_and_returned() {
        TestScramClient client = new TestScramClient(ALG, "n,a=juliet@example.com=2Cx,", "juliet", "cn",
                new byte[0], "r0m30myr0m30");
        ScramExchange x = server();
        SaslStep.Success success = x.successFor(client.clientFinal(x.challengeFor(client.clientFirst())));
        assertThat(success.authzid()).isEqualTo("juliet@example.com,x");
    }

    @Test
    void malformed_client_first_messages_fail() {
        server().failureFor("n,,", SaslFailure.MALFORMED_REQUEST);
        server().failureFor("n,", SaslFailure.MALFORMED_REQUEST);
        server().failureFor("garbage", SaslFailure.MALFORMED_REQUEST);
        server().failureFor("n,,n=juliet", SaslFailure.MALFORMED_REQUEST);
        server().failureFor("n,,r=abc,n=juliet", SaslFailure.MALFORMED_REQUEST);
        server().failureFor("n,,n=juliet,r=", SaslFailure.MALFORMED_REQUEST);
        server().failureFor("x,,n=juliet,r=abc", SaslFailure.MALFORMED_REQUEST);
        server().failureFor("n,b=x,n=juliet,r=abc", SaslFailure.MALFORMED_REQUEST);
        server().failureFor("n,,n=juliet,r=abc,", SaslFailure.MALFORMED_REQUEST);
        server().failureFor("n,,n=juliet,r=a\u00e9", SaslFailure.MALFORMED_REQUEST); // nonce not printable ASCII
        server().failureFor("p=tls-unique,,n=juliet,r=abc", SaslFailure.MALFORMED_REQUEST); // p= without -PLUS
        server().failureFor("p=,,n=juliet,r=abc", SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void the_mandatory_extension_m_fails() {
        // RFC 5802 §5.1: "m" is reserved; its presence must cause authentication failure
        server().failureFor("n,,m=ext,n=juliet,r=abc", SaslFailure.MALFORMED_REQUEST);
        server().failureFor("n,,n=juliet,r=abc,m=ext", SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void optional_extensions_are_ignored_but_kept_in_the_auth_message() {
        TestScramClient client = new TestScramClient(ALG, "n,,", "juliet", "cn,x=ext=value", new byte[0],
                "r0m30myr0m30");
        ScramExchange x = server();
        assertThat(x.successFor(client.clientFinal(x.challengeFor(client.clientFirst()))).authcid())
                .isEqualTo("juliet");
    }

    @Test
    void invalid_utf8_is_incorrect_encoding() {
        ScramServer s = new ScramServer(ALG, false, false, Map.of(), lookup, () -> "n");
        SaslStep step = s.evaluate(new byte[] {'n', ',', ',', 'n', '=', (byte) 0xC3, ',', 'r', '=', 'a'});
        assertThat(step).isEqualTo(new SaslStep.Failure(SaslFailure.INCORRECT_ENCODING, "invalid-encoding: not UTF-8"));
    }

    @Test
    void malformed_client_final_messages_fail() {
        TestScramClient client = TestScramClient.plain(ALG, "juliet", "r0m30myr0m30");
        String good = "c=biws,r=clientnonceservernonce";
        String[] bad = {
            good,                                      // no proof
            "r=clientnonceservernonce,p=AAAA",         // no channel binding
            "c=biws,p=AAAA",                           // no nonce
            good + ",p=AAAA,x=y",                      // proof not last
            good + ",m=x,p=AAAA",                      // mandatory extension
            "",
        };
        for (String message : bad) {
            ScramExchange x = server();
            x.challengeFor(client.clientFirst());
            x.failureFor(message, SaslFailure.MALFORMED_REQUEST);
        }
        ScramExchange x = server();
        x.challengeFor(client.clientFirst());
        x.failureFor(good + ",p=not*base64", SaslFailure.INCORRECT_ENCODING);
    }

    @Test
    void a_wrong_nonce_fails() {
        TestScramClient client = TestScramClient.plain(ALG, "juliet", "r0m30myr0m30");
        ScramExchange x = server();
        String serverFirst = x.challengeFor(client.clientFirst());
        x.failureFor(client.clientFinal(serverFirst, client.cbindAttribute(), "clientnonce"), SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void a_wrong_cbind_input_fails_even_without_channel_binding() {
        TestScramClient client = TestScramClient.plain(ALG, "juliet", "r0m30myr0m30");
        ScramExchange x = server();
        String serverFirst = x.challengeFor(client.clientFirst());
        // "eSws" is base64("y,,"), but the client sent "n,,"
        x.failureFor(client.clientFinal(serverFirst, "c=eSws", TestScramClient.nonceOf(serverFirst)),
                SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void any_call_after_completion_is_malformed() {
        TestScramClient client = TestScramClient.plain(ALG, "juliet", "r0m30myr0m30");
        ScramExchange x = server();
        String clientFinal = client.clientFinal(x.challengeFor(client.clientFirst()));
        x.successFor(clientFinal);
        x.failureFor(clientFinal, SaslFailure.MALFORMED_REQUEST);
        x.failureFor(client.clientFirst(), SaslFailure.MALFORMED_REQUEST);

        ScramExchange failed = server();
        failed.failureFor("garbage", SaslFailure.MALFORMED_REQUEST);
        failed.failureFor(client.clientFirst(), SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void plus_with_matching_channel_binding_succeeds() {
        TestScramClient client = new TestScramClient(ALG, "p=tls-server-end-point,,", "juliet", "cn", CB_DATA,
                "r0m30myr0m30");
        ScramExchange x = plusServer();
        assertThat(x.successFor(client.clientFinal(x.challengeFor(client.clientFirst()))).authcid())
                .isEqualTo("juliet");
    }

    @Test
    void plus_with_other_channel_binding_data_fails() {
        TestScramClient client = new TestScramClient(ALG, "p=tls-server-end-point,,", "juliet", "cn",
                "another-certificate".getBytes(StandardCharsets.US_ASCII), "r0m30myr0m30");
        ScramExchange x = plusServer();
        SaslStep.Failure f = x.failureFor(client.clientFinal(x.challengeFor(client.clientFirst())),
                SaslFailure.NOT_AUTHORIZED);
        assertThat(f.text()).isEqualTo("channel-bindings-dont-match");
    }

    @Test
    void plus_with_an_unsupported_binding_type_fails() {
        plusServer().failureFor("p=tls-unique,,n=juliet,r=abc", SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void plus_without_p_flag_is_malformed() {
        plusServer().failureFor("n,,n=juliet,r=abc", SaslFailure.MALFORMED_REQUEST);
        plusServer().failureFor("y,,n=juliet,r=abc", SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void y_flag_is_a_downgrade_when_plus_was_advertised() {
        // RFC 5802 §6: the client supports channel binding and thinks the server does not
        ScramServer s = new ScramServer(ALG, false, true, BINDINGS, lookup, () -> "servernonce");
        new ScramExchange(s).failureFor("y,,n=juliet,r=abc", SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void y_flag_is_accepted_when_plus_was_not_advertised() {
        TestScramClient client = new TestScramClient(ALG, "y,,", "juliet", "cn", new byte[0], "r0m30myr0m30");
        ScramExchange x = server();
        assertThat(x.successFor(client.clientFinal(x.challengeFor(client.clientFirst()))).authcid())
                .isEqualTo("juliet");
    }

    @Test
    void the_default_nonce_is_random_printable_base64() {
        ScramExchange x = new ScramExchange(new ScramServer(ALG, false, false, Map.of(), lookup));
        String serverFirst = x.challengeFor("n,,n=juliet,r=abc");
        assertThat(serverFirst).matches("r=abc[A-Za-z0-9+/]{32},s=.*");
        assertThat(new ScramExchange(new ScramServer(ALG, false, false, Map.of(), lookup))
                .challengeFor("n,,n=juliet,r=abc")).isNotEqualTo(serverFirst);
    }

    @Test
    void constructor_arguments_are_validated() {
        assertThatThrownBy(() -> new ScramServer(ALG, true, false, BINDINGS, lookup))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScramServer(ALG, true, true, Map.of(), lookup))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ScramServer(ALG, true, true, BINDINGS, lookup).mechanismName())
                .isEqualTo("SCRAM-SHA-256-PLUS");
    }

    @Test
    void a_nonce_source_with_a_comma_is_a_bug() {
        ScramServer s = new ScramServer(ALG, false, false, Map.of(), lookup, () -> "a,b");
        assertThatThrownBy(() -> s.evaluate("n,,n=juliet,r=abc".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalStateException.class);
    }
}
