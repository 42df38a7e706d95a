package org.chasqui.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A minimal SCRAM client for tests that need hand-made messages (RFC 5802 §3, §7). */
final class TestScramClient {

    final ScramAlgorithm alg;
    final String gs2Header;
    final String clientFirstBare;
    final byte[] cbData;
    final String password;

    TestScramClient(ScramAlgorithm alg, String gs2Header, String escapedUsername, String clientNonce,
                    byte[] cbData, String password) {
        this.alg = alg;
        this.gs2Header = gs2Header;
        this.clientFirstBare = "n=" + escapedUsername + ",r=" + clientNonce;
        this.cbData = cbData;
        this.password = password;
    }

    static TestScramClient plain(ScramAlgorithm alg, String escapedUsername, String password) {
        return new TestScramClient(alg, "n,,", escapedUsername, "clientnonce", new byte[0], password);
    }

    String clientFirst() {
        return gs2Header + clientFirstBare;
    }

    /** client-final-message for this server-first-message, with the channel binding as configured. */
    String clientFinal(String serverFirst) {
        return clientFinal(serverFirst, cbindAttribute(), nonceOf(serverFirst));
    }

    String cbindAttribute() {
        byte[] header = gs2Header.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[header.length + cbData.length];
        System.arraycopy(header, 0, input, 0, header.length);
        System.arraycopy(cbData, 0, input, header.length, cbData.length);
        return "c=" + Base64.getEncoder().encodeToString(input);
    }

    String clientFinal(String serverFirst, String cbindAttr, String nonce) {
        String[] attrs = serverFirst.split(",");
        byte[] salt = Base64.getDecoder().decode(attrs[1].substring(2));
        int iterations = Integer.parseInt(attrs[2].substring(2));
        String withoutProof = cbindAttr + ",r=" + nonce;
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] salted = ScramFunctions.saltedPassword(alg, password, salt, iterations);
        byte[] clientKey = ScramFunctions.clientKey(alg, salted);
        byte[] signature = ScramFunctions.clientSignature(alg, ScramFunctions.storedKey(alg, clientKey), authMessage);
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(ScramFunctions.xor(clientKey, signature));
    }

    static String nonceOf(String serverFirst) {
        return serverFirst.split(",")[0].substring(2);
    }
}
