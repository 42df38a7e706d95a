package org.chasqui.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnknownUserIterationsTest {

    @Test
    void unknownUsersAreAnnouncedWithTheIterationCountRealCredentialsUse() {
        CredentialLookup nobody = new CredentialLookup() {
            @Override
            public Optional<ScramCredential> find(String username, ScramAlgorithm algorithm) {
                return Optional.empty();
            }

            @Override
            public int iterationsForUnknownUsers() {
                return 10_000;
            }
        };
        ScramServer server = new ScramServer(ScramAlgorithm.SHA_256, false, false, Map.of(), nobody);
        SaslStep step = server.evaluate("n,,n=ghost,r=abcdefgh".getBytes(StandardCharsets.UTF_8));
        assertThat(step).isInstanceOf(SaslStep.Challenge.class);
        String serverFirst = new String(((SaslStep.Challenge) step).data(), StandardCharsets.UTF_8);
        assertThat(serverFirst).endsWith(",i=10000");
    }
}
