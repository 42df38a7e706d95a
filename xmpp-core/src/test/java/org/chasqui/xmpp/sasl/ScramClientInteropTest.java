package org.chasqui.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ongres.scram.client.ScramClient;
import com.ongres.scram.common.StringPreparation;
import com.ongres.scram.common.exception.ScramInvalidServerSignatureException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Full exchanges against an independent client, com.ongres.scram 3.2 (test scope only). */
class ScramClientInteropTest {

    static final String PASSWORD = "p\u00e4ssw\u00f6rd \u263a";
    static final byte[] CERT_HASH = "not-really-a-certificate-hash".getBytes(StandardCharsets.US_ASCII);

    static CredentialLookup lookup(ScramAlgorithm alg) {
        ScramCredential c = ScramCredential.generate(alg, PASSWORD, 4096, new SecureRandom());
        return (user, a) -> user.equals("romeo") && a == alg ? Optional.of(c) : Optional.empty();
    }

    static ScramClient.FinalBuildStage client(List<String> advertised, String password) {
        return ScramClient.builder()
                .advertisedMechanisms(advertised)
                .username("romeo")
                .password(password.toCharArray())
                .stringPreparation(StringPreparation.SASL_PREPARATION);
    }

    /** Runs the exchange; returns the server's last step after the client checked the server signature. */
    static SaslStep run(ScramClient client, ScramServer server) throws Exception {
        SaslStep first = server.evaluate(client.clientFirstMessage().toString().getBytes(StandardCharsets.UTF_8));
        assertThat(first).isInstanceOf(SaslStep.Challenge.class);
        client.serverFirstMessage(ScramExchange.text(((SaslStep.Challenge) first).data()));
        SaslStep last = server.evaluate(client.clientFinalMessage().toString().getBytes(StandardCharsets.UTF_8));
        if (last instanceof SaslStep.Success s) {
            client.serverFinalMessage(ScramExchange.text(s.additionalData())); // throws if the signature is wrong
        }
        return last;
    }

    @ParameterizedTest
    @EnumSource(ScramAlgorithm.class)
    void the_client_authenticates_and_accepts_the_server_signature(ScramAlgorithm alg) throws Exception {
        ScramClient client = client(List.of(alg.mechanismName()), PASSWORD).build();
        assertThat(client.getScramMechanism().getName()).isEqualTo(alg.mechanismName());
        ScramServer server = new ScramServer(alg, false, false, Map.of(), lookup(alg));
        SaslStep last = run(client, server);
        assertThat(last).isInstanceOf(SaslStep.Success.class);
        assertThat(((SaslStep.Success) last).authcid()).isEqualTo("romeo");
    }

    @ParameterizedTest
    @EnumSource(ScramAlgorithm.class)
    void plus_with_tls_server_end_point(ScramAlgorithm alg) throws Exception {
        ScramClient client = client(List.of(alg.mechanismName(), alg.plusMechanismName()), PASSWORD)
                .channelBinding("tls-server-end-point", CERT_HASH)
                .build();
        assertThat(client.getScramMechanism().getName()).isEqualTo(alg.plusMechanismName());
        ScramServer server = new ScramServer(alg, true, true, Map.of("tls-server-end-point", CERT_HASH), lookup(alg));
        assertThat(run(client, server)).isInstanceOf(SaslStep.Success.class);
    }

    @ParameterizedTest
    @EnumSource(ScramAlgorithm.class)
    void plus_with_different_channel_binding_data_fails(ScramAlgorithm alg) throws Exception {
        ScramClient client = client(List.of(alg.plusMechanismName()), PASSWORD)
                .channelBinding("tls-server-end-point", "a man in the middle".getBytes(StandardCharsets.US_ASCII))
                .build();
        ScramServer server = new ScramServer(alg, true, true, Map.of("tls-server-end-point", CERT_HASH), lookup(alg));
        assertThat(run(client, server))
                .isEqualTo(new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, "channel-bindings-dont-match"));
    }

    @ParameterizedTest
    @EnumSource(ScramAlgorithm.class)
    void a_client_that_could_bind_but_saw_no_plus_is_rejected_when_plus_was_advertised(ScramAlgorithm alg)
            throws Exception {
        // the client got a mechanism list with -PLUS stripped, so it sends gs2 flag "y" (RFC 5802 §6)
        ScramClient client = client(List.of(alg.mechanismName()), PASSWORD)
                .channelBinding("tls-server-end-point", CERT_HASH)
                .build();
        String clientFirst = client.clientFirstMessage().toString(); // may be called once only
        assertThat(clientFirst).startsWith("y,,");
        ScramServer server = new ScramServer(alg, false, true, Map.of("tls-server-end-point", CERT_HASH), lookup(alg));
        SaslStep step = server.evaluate(clientFirst.getBytes(StandardCharsets.UTF_8));
        assertThat(step).isInstanceOf(SaslStep.Failure.class);
        assertThat(((SaslStep.Failure) step).condition()).isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @ParameterizedTest
    @EnumSource(ScramAlgorithm.class)
    void a_wrong_password_fails(ScramAlgorithm alg) throws Exception {
        ScramClient client = client(List.of(alg.mechanismName()), "wrong").build();
        ScramServer server = new ScramServer(alg, false, false, Map.of(), lookup(alg));
        assertThat(run(client, server)).isEqualTo(new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, "invalid-proof"));
    }

    @ParameterizedTest
    @EnumSource(ScramAlgorithm.class)
    void the_client_rejects_a_server_that_does_not_know_the_password(ScramAlgorithm alg) throws Exception {
        // sanity check of the cross-check itself: a server signature from other keys must be refused
        ScramClient client = client(List.of(alg.mechanismName()), PASSWORD).build();
        ScramServer server = new ScramServer(alg, false, false, Map.of(), lookup(alg));
        SaslStep.Challenge first = (SaslStep.Challenge) server.evaluate(
                client.clientFirstMessage().toString().getBytes(StandardCharsets.UTF_8));
        client.serverFirstMessage(ScramExchange.text(first.data()));
        client.clientFinalMessage();
        String forged = "v=" + java.util.Base64.getEncoder().encodeToString(new byte[alg.keyLength()]);
        assertThatThrownBy(() -> client.serverFinalMessage(forged))
                .isInstanceOf(ScramInvalidServerSignatureException.class);
    }
}
