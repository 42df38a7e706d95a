package org.chasqui.broker.c2s;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.chasqui.broker.accounts.AccountService;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.sasl.PlainMessage;
import org.chasqui.xmpp.sasl.SaslFailure;
import org.chasqui.xmpp.sasl.SaslStep;
import org.chasqui.xmpp.sasl.ScramAlgorithm;
import org.chasqui.xmpp.sasl.ScramServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SASL negotiation of one c2s stream, RFC 6120 §6: mechanism offer, the auth/challenge/response
 * exchange, failures delayed by a growing back-off, and the retry limit of §6.4.5.
 * Owned by the session's event loop.
 */
final class SaslNegotiator {

    private static final Logger LOG = LoggerFactory.getLogger(SaslNegotiator.class);
    private static final long FIRST_FAILURE_DELAY_MS = 250;
    private static final long MAX_FAILURE_DELAY_MS = 4000;
    static final String PLAIN = "PLAIN";

    private final SaslPeer peer;
    private final Vertx vertx;
    private final AccountService accounts;
    private final String domain;
    private final boolean allowPlain;
    private final boolean plainWithoutTls;
    private final int maxAttempts;
    private ScramServer exchange;
    private int failures;
    private boolean busy;

    SaslNegotiator(SaslPeer peer, Vertx vertx, AccountService accounts, String domain, boolean allowPlain,
            boolean plainWithoutTls, int maxAttempts) {
        this.peer = peer;
        this.vertx = vertx;
        this.accounts = accounts;
        this.domain = domain;
        this.allowPlain = allowPlain;
        this.plainWithoutTls = plainWithoutTls;
        this.maxAttempts = maxAttempts;
    }

    /**
     * The mechanisms to offer now, strongest first. PLAIN only under TLS (RFC 6120 §13.8), unless the
     * loopback-only {@code c2s.allow_plain_without_tls} is set (load benchmarks).
     */
    List<String> mechanisms() {
        List<String> list = new ArrayList<>();
        if (peer.secured() && !peer.channelBindings().isEmpty()) {
            list.add(ScramAlgorithm.SHA_256.plusMechanismName());
            list.add(ScramAlgorithm.SHA_1.plusMechanismName());
        }
        list.add(ScramAlgorithm.SHA_256.mechanismName());
        list.add(ScramAlgorithm.SHA_1.mechanismName());
        if (allowPlain && (peer.secured() || plainWithoutTls)) {
            list.add(PLAIN);
        }
        return list;
    }

    /** The {@code <mechanisms/>} feature, RFC 6120 §6.4.1. */
    Element mechanismsFeature() {
        Element.Builder b = Element.builder("mechanisms", Namespaces.SASL);
        mechanisms().forEach(m -> b.textChild("mechanism", m));
        return b.build();
    }

    /** The channel-binding types of this connection (XEP-0440), in the order they are offered. */
    java.util.Set<String> channelBindingTypes() {
        return peer.channelBindings().keySet();
    }

    /** XEP-0440: which channel-binding types the server supports. */
    Element channelBindingFeature() {
        Map<String, byte[]> bindings = peer.channelBindings();
        if (bindings.isEmpty()) {
            return null;
        }
        Element.Builder b = Element.builder("sasl-channel-binding", "urn:xmpp:sasl-cb:0");
        bindings.keySet().forEach(t ->
                b.child(Element.builder("channel-binding", "urn:xmpp:sasl-cb:0").attribute("type", t).build()));
        return b.build();
    }

    /** True while an exchange or a delayed answer is pending (STARTTLS is then refused). */
    boolean inProgress() {
        return exchange != null || busy;
    }

    /** Handles an element of the SASL namespace. */
    void handle(Element element) {
        if (busy) {
            return; // a failure or a PLAIN check is pending; RFC 6120 §6.4 allows one exchange at a time
        }
        switch (element.name()) {
            case "auth" -> auth(element);
            case "response" -> response(element);
            case "abort" -> {
                exchange = null;
                fail(SaslFailure.ABORTED, null, false); // RFC 6120 §6.4.4
            }
            default -> fail(SaslFailure.MALFORMED_REQUEST, null, false);
        }
    }

    /** RFC 6120 §6.4.2: the initiating entity selects a mechanism, maybe with an initial response. */
    private void auth(Element auth) {
        exchange = null;
        String mechanism = auth.attribute("mechanism");
        if (mechanism == null || !mechanisms().contains(mechanism)) {
            boolean needsTls = !peer.secured() && (PLAIN.equals(mechanism)
                    || (mechanism != null && mechanism.endsWith("-PLUS")));
            fail(needsTls ? SaslFailure.ENCRYPTION_REQUIRED : SaslFailure.INVALID_MECHANISM, null, false);
            return;
        }
        byte[] initial = decode(auth.text());
        if (initial == null) {
            fail(SaslFailure.INCORRECT_ENCODING, null, false);
            return;
        }
        if (PLAIN.equals(mechanism)) {
            plain(initial);
            return;
        }
        ScramAlgorithm algorithm = mechanism.startsWith("SCRAM-SHA-256") ? ScramAlgorithm.SHA_256 : ScramAlgorithm.SHA_1;
        boolean plus = mechanism.endsWith("-PLUS");
        boolean plusAdvertised = mechanisms().contains(algorithm.plusMechanismName());
        exchange = new ScramServer(algorithm, plus, plusAdvertised, peer.channelBindings(), accounts);
        step(exchange.evaluate(initial));
    }

    /** RFC 6120 §6.4.3. */
    private void response(Element response) {
        if (exchange == null) {
            fail(SaslFailure.MALFORMED_REQUEST, "no exchange in progress", false);
            return;
        }
        byte[] data = decode(response.text());
        if (data == null) {
            exchange = null;
            fail(SaslFailure.INCORRECT_ENCODING, null, false);
            return;
        }
        step(exchange.evaluate(data));
    }

    private void step(SaslStep step) {
        if (step instanceof SaslStep.Challenge c) {
            peer.send(Element.builder("challenge", Namespaces.SASL).text(encode(c.data())).build());
        } else if (step instanceof SaslStep.Success s) {
            exchange = null;
            succeed(s.authcid(), s.authzid(), s.additionalData());
        } else if (step instanceof SaslStep.Failure f) {
            exchange = null;
            fail(f.condition(), f.text(), f.condition() == SaslFailure.NOT_AUTHORIZED);
        }
    }

    /**
     * RFC 4616 PLAIN. A password the account's cache of verified passwords knows is accepted here;
     * otherwise the check derives keys, so it runs off the event loop.
     */
    private void plain(byte[] message) {
        PlainMessage plain = PlainMessage.parse(message).orElse(null);
        if (plain == null) {
            fail(SaslFailure.MALFORMED_REQUEST, null, false);
            return;
        }
        String username = AccountService.normalizeUsername(plain.authcid(), domain).orElse(null);
        if (username == null) {
            fail(SaslFailure.NOT_AUTHORIZED, null, true);
            return;
        }
        if (accounts.verifiedRecently(username, plain.password())) {
            succeed(username, plain.authzid(), null); // one HMAC: no need to leave the event loop
            return;
        }
        busy = true;
        vertx.executeBlocking(() -> accounts.verifyPassword(username, plain.password()), false)
                .onComplete(ar -> {
                    busy = false;
                    if (!peer.isOpen()) {
                        return;
                    }
                    if (ar.succeeded() && ar.result()) {
                        succeed(username, plain.authzid(), null);
                    } else {
                        fail(SaslFailure.NOT_AUTHORIZED, null, true);
                    }
                });
    }

    /** RFC 6120 §6.4.6; an authzid other than the user's own bare JID is refused (§6.4.6, §6.3.8). */
    private void succeed(String username, String authzid, byte[] additionalData) {
        String bare = username + "@" + domain;
        if (authzid != null && !authzid.isEmpty()
                && !Jid.tryParse(authzid).map(j -> j.toString().equals(bare)).orElse(false)) {
            fail(SaslFailure.INVALID_AUTHZID, null, true);
            return;
        }
        if (!accounts.exists(username)) {
            fail(SaslFailure.NOT_AUTHORIZED, null, true);
            return;
        }
        Element.Builder success = Element.builder("success", Namespaces.SASL);
        if (additionalData != null) {
            success.text(encode(additionalData));
        }
        peer.send(success.build());
        peer.authenticated(username);
    }

    /**
     * RFC 6120 §6.4.5: the failure is sent after a delay that doubles with each failed attempt, and
     * after the configured number of attempts the stream ends with policy-violation.
     */
    private void fail(SaslFailure condition, String text, boolean countsAsAttempt) {
        Element.Builder failure = Element.builder("failure", Namespaces.SASL).child(condition.elementName(), Namespaces.SASL);
        if (text != null) {
            failure.child(Element.builder("text", Namespaces.SASL).attribute("xml:lang", "en").text(text).build());
        }
        Element reply = failure.build();
        if (!countsAsAttempt) {
            peer.send(reply);
            return;
        }
        failures++;
        LOG.info("authentication failure from {} ({}, attempt {})", peer.remoteAddress(), condition.elementName(), failures);
        long delay = Math.min(MAX_FAILURE_DELAY_MS, FIRST_FAILURE_DELAY_MS << Math.min(failures - 1, 8));
        busy = true;
        vertx.setTimer(delay, t -> {
            busy = false;
            if (!peer.isOpen()) {
                return;
            }
            peer.send(reply);
            if (failures >= maxAttempts) {
                peer.terminate(new StreamError(StreamErrorCondition.POLICY_VIOLATION, "too many failed authentication attempts"));
            }
        });
    }

    /** RFC 6120 §6.4.2: "=" is an empty response; no text is no initial response. Null: bad base64. */
    private static byte[] decode(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String encode(byte[] data) {
        return data.length == 0 ? "=" : new String(Base64.getEncoder().encode(data), StandardCharsets.US_ASCII);
    }
}
