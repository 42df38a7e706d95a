package org.chasqui.xmpp.sasl;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a server-side SASL mechanism answers to one client message (RFC 6120 §6.4.2–§6.4.6): another
 * challenge, success, or failure. Byte arrays are copied in and out, so the values are immutable.
 */
public sealed interface SaslStep {

    /** Send {@code <challenge/>} with these bytes (base64 by the broker; empty data is sent as {@code =}). */
    record Challenge(byte[] data) implements SaslStep {
        public Challenge {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Challenge c && Arrays.equals(data, c.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Challenge[" + data.length + " bytes]";
        }
    }

    /**
     * Authentication succeeded: send {@code <success/>} carrying {@code additionalData} (RFC 6120 §6.3.10).
     *
     * @param authcid        the authenticated identity, PRECIS-prepared (RFC 8265 UsernameCaseMapped)
     * @param authzid        the requested authorization identity as sent, or {@code null} if none; the broker
     *                       must check it (RFC 6120 §6.3.8) and may answer {@link SaslFailure#INVALID_AUTHZID}
     * @param additionalData mechanism data for the success element (SCRAM: {@code v=ServerSignature})
     */
    record Success(String authcid, String authzid, byte[] additionalData) implements SaslStep {
        public Success {
            Objects.requireNonNull(authcid, "authcid");
            additionalData = additionalData.clone();
        }

        @Override
        public byte[] additionalData() {
            return additionalData.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Success s && authcid.equals(s.authcid) && Objects.equals(authzid, s.authzid)
                    && Arrays.equals(additionalData, s.additionalData);
        }

        @Override
        public int hashCode() {
            return Objects.hash(authcid, authzid, Arrays.hashCode(additionalData));
        }

        @Override
        public String toString() {
            return "Success[authcid=" + authcid + ", authzid=" + authzid + ", " + additionalData.length + " bytes]";
        }
    }

    /**
     * Authentication failed: send {@code <failure/>} with the condition. {@code text} is a short diagnostic in
     * English (for SCRAM the RFC 5802 §7 server-error-value where one fits); it never says whether the user
     * exists, so the broker may log it or send it as {@code <text/>}.
     */
    record Failure(SaslFailure condition, String text) implements SaslStep {
        public Failure {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(text, "text");
        }
    }
}
