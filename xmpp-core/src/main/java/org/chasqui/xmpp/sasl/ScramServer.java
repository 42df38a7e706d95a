package org.chasqui.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import rocks.xmpp.precis.PrecisProfiles;

/**
 * The server side of one SCRAM exchange (RFC 5802 §5, §7; RFC 7677), with or without channel binding.
 * Feed it the decoded client messages with {@link #evaluate}; it answers with the next {@link SaslStep}.
 * Bad input never throws: it becomes a {@link SaslStep.Failure} and ends the exchange.
 *
 * <p>Not thread-safe: one instance belongs to one connection and is used on its context only.
 */
public final class ScramServer {

    /** Per-process secret for fake salts, so a user name always gets the same fake salt while we run. */
    private static final byte[] FAKE_SALT_KEY = new byte[32];
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 24;

    static {
        RANDOM.nextBytes(FAKE_SALT_KEY);
    }

    private enum State { START, AWAIT_CLIENT_FIRST, AWAIT_CLIENT_FINAL, DONE }

    private final ScramAlgorithm alg;
    private final boolean plus;
    private final boolean plusAdvertised;
    private final Map<String, byte[]> channelBindings;
    private final CredentialLookup lookup;
    private final Supplier<String> nonceSource;

    private State state = State.START;
    private String gs2Header;
    private byte[] cbData;
    private String authzid;
    private String username;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private ScramCredential credential;
    private boolean knownUser;

    /**
     * @param alg             the hash of the mechanism the client chose
     * @param plus            whether the client chose the -PLUS variant (needs {@code plusAdvertised} and bindings)
     * @param plusAdvertised  whether this server offered any -PLUS mechanism on this stream (RFC 5802 §6 downgrade check)
     * @param channelBindings channel binding data by type name (RFC 5929), e.g. {@code "tls-server-end-point"}
     * @param lookup          where credentials are found
     * @param nonceSource     gives the server part of the nonce: printable ASCII without ',' (RFC 5802 §7)
     */
    public ScramServer(ScramAlgorithm alg, boolean plus, boolean plusAdvertised, Map<String, byte[]> channelBindings,
                       CredentialLookup lookup, Supplier<String> nonceSource) {
        this.alg = Objects.requireNonNull(alg, "alg");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.nonceSource = Objects.requireNonNull(nonceSource, "nonceSource");
        Map<String, byte[]> copy = new HashMap<>();
        channelBindings.forEach((type, data) -> copy.put(Objects.requireNonNull(type), data.clone()));
        this.channelBindings = Map.copyOf(copy);
        if (plus && !plusAdvertised) {
            throw new IllegalArgumentException("a -PLUS mechanism that was not advertised cannot be selected");
        }
        if (plus && this.channelBindings.isEmpty()) {
            throw new IllegalArgumentException("a -PLUS mechanism needs channel binding data");
        }
        this.plus = plus;
        this.plusAdvertised = plusAdvertised;
    }

    /** As the main constructor, with a nonce of {@value #NONCE_BYTES} random bytes in base64 from a SecureRandom. */
    public ScramServer(ScramAlgorithm alg, boolean plus, boolean plusAdvertised, Map<String, byte[]> channelBindings,
                       CredentialLookup lookup) {
        this(alg, plus, plusAdvertised, channelBindings, lookup, ScramServer::randomNonce);
    }

    /** The mechanism name this exchange runs, e.g. {@code SCRAM-SHA-256-PLUS}. */
    public String mechanismName() {
        return plus ? alg.plusMechanismName() : alg.mechanismName();
    }

    /**
     * Processes the next client message: first the initial response of {@code <auth/>} (null or empty if the
     * client sent none, RFC 6120 §6.4.2), then the client-first-message if it was not there, then the
     * client-final-message. Any call after success or failure fails with {@link SaslFailure#MALFORMED_REQUEST}.
     */
    public SaslStep evaluate(byte[] clientMessage) {
        byte[] message = clientMessage == null ? new byte[0] : clientMessage;
        switch (state) {
            case START:
                if (message.length == 0) {
                    // RFC 6120 §6.4.2: no initial response; an empty challenge asks for client-first-message
                    state = State.AWAIT_CLIENT_FIRST;
                    return new SaslStep.Challenge(new byte[0]);
                }
                return clientFirst(message);
            case AWAIT_CLIENT_FIRST:
                return clientFirst(message);
            case AWAIT_CLIENT_FINAL:
                return clientFinal(message);
            default:
                return new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST, "the exchange is already complete");
        }
    }

    // RFC 5802 §7: client-first-message = gs2-header client-first-message-bare
    private SaslStep clientFirst(byte[] raw) {
        String msg = ScramSyntax.decodeUtf8(raw);
        if (msg == null) {
            return fail(SaslFailure.INCORRECT_ENCODING, "invalid-encoding: not UTF-8");
        }
        int c1 = msg.indexOf(',');
        int c2 = c1 < 0 ? -1 : msg.indexOf(',', c1 + 1);
        if (c2 < 0) {
            return fail(SaslFailure.MALFORMED_REQUEST, "missing gs2-header");
        }
        SaslStep.Failure cbindFailure = checkCbindFlag(msg.substring(0, c1));
        if (cbindFailure != null) {
            return cbindFailure;
        }
        String authzidField = msg.substring(c1 + 1, c2);
        if (!authzidField.isEmpty()) {
            // RFC 5802 §7: authzid = "a=" saslname
            authzid = authzidField.startsWith("a=") ? ScramSyntax.unescapeSaslName(authzidField.substring(2)) : null;
            if (authzid == null) {
                return fail(SaslFailure.MALFORMED_REQUEST, "invalid authzid");
            }
        }
        gs2Header = msg.substring(0, c2 + 1);
        clientFirstBare = msg.substring(c2 + 1);
        String[] attrs = clientFirstBare.split(",", -1);
        if (attrs[0].startsWith("m=")) {
            return fail(SaslFailure.MALFORMED_REQUEST, "extensions-not-supported"); // RFC 5802 §5.1 "m"
        }
        if (attrs.length < 2 || !attrs[0].startsWith("n=") || !attrs[1].startsWith("r=")) {
            return fail(SaslFailure.MALFORMED_REQUEST, "client-first-message needs n= and r=");
        }
        for (int i = 2; i < attrs.length; i++) {
            if (!ScramSyntax.isIgnorableExtension(attrs[i])) {
                return fail(SaslFailure.MALFORMED_REQUEST, "invalid or mandatory extension");
            }
        }
        String clientNonce = attrs[1].substring(2);
        if (!ScramSyntax.isPrintable(clientNonce)) {
            return fail(SaslFailure.MALFORMED_REQUEST, "invalid client nonce");
        }
        String rawUsername = ScramSyntax.unescapeSaslName(attrs[0].substring(2));
        if (rawUsername == null) {
            return fail(SaslFailure.MALFORMED_REQUEST, "invalid-username-encoding"); // RFC 5802 §5.1 "n"
        }
        try {
            username = PrecisProfiles.USERNAME_CASE_MAPPED.enforce(rawUsername); // RFC 8265 §3.3
        } catch (IllegalArgumentException e) {
            return fail(SaslFailure.NOT_AUTHORIZED, "invalid-username-encoding: not a PRECIS username");
        }
        Optional<ScramCredential> found = lookup.find(username, alg).filter(c -> c.algorithm() == alg);
        knownUser = found.isPresent();
        credential = found.orElseGet(() -> fakeCredential(username));
        String serverNonce = nonceSource.get();
        if (serverNonce == null || !ScramSyntax.isPrintable(serverNonce)) {
            throw new IllegalStateException("nonce source gave a nonce outside RFC 5802 'printable'");
        }
        nonce = clientNonce + serverNonce;
        // RFC 5802 §7: server-first-message = [reserved-mext ","] nonce "," salt "," iteration-count
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(credential.salt())
                + ",i=" + credential.iterations();
        state = State.AWAIT_CLIENT_FINAL;
        return new SaslStep.Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
    }

    // RFC 5802 §6 and §7: gs2-cbind-flag = ("p=" cb-name) / "n" / "y"
    private SaslStep.Failure checkCbindFlag(String flag) {
        if (flag.equals("n") || flag.equals("y")) {
            if (plus) {
                return fail(SaslFailure.MALFORMED_REQUEST, "a -PLUS mechanism needs gs2-cbind-flag p=");
            }
            if (flag.equals("y") && plusAdvertised) {
                // RFC 5802 §6: "y" while we advertised -PLUS means someone removed -PLUS from the list
                return fail(SaslFailure.NOT_AUTHORIZED, "server-does-support-channel-binding");
            }
            cbData = new byte[0];
            return null;
        }
        if (!flag.startsWith("p=") || !ScramSyntax.isCbName(flag.substring(2))) {
            return fail(SaslFailure.MALFORMED_REQUEST, "invalid gs2-cbind-flag");
        }
        if (!plus) {
            return fail(SaslFailure.MALFORMED_REQUEST, "channel binding requested with a non-PLUS mechanism");
        }
        byte[] data = channelBindings.get(flag.substring(2));
        if (data == null) {
            return fail(SaslFailure.NOT_AUTHORIZED, "unsupported-channel-binding-type");
        }
        cbData = data;
        return null;
    }

    // RFC 5802 §7: client-final-message = channel-binding "," nonce ["," extensions] "," proof
    private SaslStep clientFinal(byte[] raw) {
        String msg = ScramSyntax.decodeUtf8(raw);
        if (msg == null) {
            return fail(SaslFailure.INCORRECT_ENCODING, "invalid-encoding: not UTF-8");
        }
        int proofAt = msg.lastIndexOf(",p=");
        if (proofAt < 0 || msg.indexOf(',', proofAt + 1) >= 0) {
            return fail(SaslFailure.MALFORMED_REQUEST, "the proof must be the last attribute");
        }
        String withoutProof = msg.substring(0, proofAt);
        String[] attrs = withoutProof.split(",", -1);
        if (attrs.length < 2 || !attrs[0].startsWith("c=") || !attrs[1].startsWith("r=")) {
            return fail(SaslFailure.MALFORMED_REQUEST, "client-final-message needs c=, r= and p=");
        }
        for (int i = 2; i < attrs.length; i++) {
            if (!ScramSyntax.isIgnorableExtension(attrs[i])) {
                return fail(SaslFailure.MALFORMED_REQUEST, "invalid or mandatory extension");
            }
        }
        byte[] cbind = ScramSyntax.decodeBase64(attrs[0].substring(2));
        byte[] proof = ScramSyntax.decodeBase64(msg.substring(proofAt + 3));
        if (cbind == null || proof == null) {
            return fail(SaslFailure.INCORRECT_ENCODING, "invalid-encoding: bad base64");
        }
        // RFC 5802 §7: cbind-input = gs2-header [ cbind-data ]; cbind-data only with "p="
        byte[] header = gs2Header.getBytes(StandardCharsets.UTF_8);
        byte[] expected = Arrays.copyOf(header, header.length + cbData.length);
        System.arraycopy(cbData, 0, expected, header.length, cbData.length);
        if (!ScramFunctions.constantTimeEquals(cbind, expected)) {
            return fail(SaslFailure.NOT_AUTHORIZED, "channel-bindings-dont-match");
        }
        if (!attrs[1].substring(2).equals(nonce)) {
            return fail(SaslFailure.NOT_AUTHORIZED, "nonce mismatch");
        }
        if (proof.length != alg.keyLength()) {
            return fail(SaslFailure.NOT_AUTHORIZED, "invalid-proof");
        }
        // RFC 5802 §3: AuthMessage, ClientKey := ClientProof XOR ClientSignature, H(ClientKey) == StoredKey
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
                .getBytes(StandardCharsets.UTF_8);
        byte[] storedKey = credential.storedKey();
        byte[] clientKey = ScramFunctions.xor(proof, ScramFunctions.clientSignature(alg, storedKey, authMessage));
        boolean proofOk = ScramFunctions.constantTimeEquals(ScramFunctions.storedKey(alg, clientKey), storedKey);
        if (!(proofOk & knownUser)) {
            return fail(SaslFailure.NOT_AUTHORIZED, "invalid-proof"); // the same answer for unknown users
        }
        byte[] serverSignature = ScramFunctions.serverSignature(alg, credential.serverKey(), authMessage);
        // RFC 5802 §7: server-final-message = verifier; sent as <success/> data (RFC 6120 §6.3.10)
        byte[] serverFinal = ("v=" + Base64.getEncoder().encodeToString(serverSignature))
                .getBytes(StandardCharsets.US_ASCII);
        SaslStep.Success success = new SaslStep.Success(username, authzid, serverFinal);
        finish();
        return success;
    }

    private SaslStep.Failure fail(SaslFailure condition, String text) {
        finish();
        return new SaslStep.Failure(condition, text);
    }

    private void finish() {
        state = State.DONE;
        credential = null;
        cbData = null;
    }

    /**
     * A credential for a user that does not exist, so that the server-first-message looks like a real one:
     * a salt that is stable per user name and algorithm (a per-process HMAC) and the usual iteration count.
     * Its keys are random-looking as well; the proof check runs against them and then fails.
     */
    private ScramCredential fakeCredential(String user) {
        byte[] salt = Arrays.copyOf(ScramFunctions.hmac(ScramAlgorithm.SHA_256, FAKE_SALT_KEY,
                ("salt\0" + alg.name() + "\0" + user).getBytes(StandardCharsets.UTF_8)), ScramCredential.SALT_LENGTH);
        byte[] key = ScramFunctions.hmac(alg, FAKE_SALT_KEY, ("key\0" + user).getBytes(StandardCharsets.UTF_8));
        return new ScramCredential(alg, salt, lookup.iterationsForUnknownUsers(), key, key);
    }

    private static String randomNonce() {
        byte[] bytes = new byte[NONCE_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes); // 32 chars of [A-Za-z0-9+/], all 'printable'
    }
}
