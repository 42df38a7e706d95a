package org.chasqui.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

/** Test helper: drives a {@link ScramServer} as a transcript, "client sends … server answers …". */
final class ScramExchange {

    private final ScramServer server;

    ScramExchange(ScramServer server) {
        this.server = server;
    }

    SaslStep clientSends(String message) {
        return server.evaluate(message == null ? null : message.getBytes(StandardCharsets.UTF_8));
    }

    /** The client sends {@code message} and the server must answer with a challenge; returns its text. */
    String challengeFor(String message) {
        SaslStep step = clientSends(message);
        assertThat(step).isInstanceOf(SaslStep.Challenge.class);
        return new String(((SaslStep.Challenge) step).data(), StandardCharsets.UTF_8);
    }

    /** The client sends {@code message} and the server must succeed; returns the success. */
    SaslStep.Success successFor(String message) {
        SaslStep step = clientSends(message);
        assertThat(step).isInstanceOf(SaslStep.Success.class);
        return (SaslStep.Success) step;
    }

    /** The client sends {@code message} and the server must fail with {@code condition}. */
    SaslStep.Failure failureFor(String message, SaslFailure condition) {
        SaslStep step = clientSends(message);
        assertThat(step).isInstanceOf(SaslStep.Failure.class);
        assertThat(((SaslStep.Failure) step).condition()).isEqualTo(condition);
        return (SaslStep.Failure) step;
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
