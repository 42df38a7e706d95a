package org.chasqui.broker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;

/**
 * A BOSH client for transcript tests (XEP-0124, XEP-0206): raw {@code <body/>} wrappers over
 * java.net.http, one request at a time unless a test sends one ahead. Payloads received are queued
 * for {@link #expect}, which polls (an empty request, held by the server) until one arrives.
 */
public final class BoshClient {

    public static final String NS = "http://jabber.org/protocol/httpbind";
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One HTTP response. */
    public record Reply(long rid, int status, String body) {

        /** The {@code <body/>} as an element. */
        public Element element() {
            assertThat(body).as("HTTP " + status + " without a body").isNotEmpty();
            return Xml.stanza(body);
        }

        public String attribute(String name) {
            return element().attribute(name);
        }

        public List<Element> payloads() {
            return element().elements();
        }
    }

    private final HttpClient http;
    private final URI uri;
    private boolean newConnectionEachRequest;
    private final Deque<Element> received = new ArrayDeque<>();
    private final List<CompletableFuture<Reply>> inFlight = new ArrayList<>();
    private long rid = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    private String sid;
    private String jid;

    private BoshClient(URI uri, HttpClient http) {
        this.uri = uri;
        this.http = http;
    }

    public static BoshClient to(int httpPort) {
        return new BoshClient(URI.create("http://127.0.0.1:" + httpPort + "/http-bind"),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build());
    }

    /** Over HTTPS, trusting what {@code ssl} trusts. */
    public static BoshClient overTls(int httpsPort, SSLContext ssl) {
        SSLParameters parameters = ssl.getDefaultSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(null); // the test certificate names the domain, not 127.0.0.1
        return new BoshClient(URI.create("https://127.0.0.1:" + httpsPort + "/http-bind"),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                        .sslContext(ssl).sslParameters(parameters).build());
    }

    /**
     * Every request on a new HTTP connection from now on: the listeners spread connections over the
     * event loops, so requests of one session arrive on loops other than the one that owns it.
     */
    public BoshClient newConnectionEachRequest() {
        newConnectionEachRequest = true;
        return this;
    }

    public String sid() {
        return sid;
    }

    public long lastRid() {
        return rid;
    }

    /** POSTs raw bytes and waits for the response. */
    public Reply postRaw(String body) {
        return await(postAsync(rid, body));
    }

    private CompletableFuture<Reply> postAsync(long requestRid, String body) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(90))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpClient client = newConnectionEachRequest
                ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build()
                : http;
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(r -> new Reply(requestRid, r.statusCode(), r.body()));
    }

    private static Reply await(CompletableFuture<Reply> future) {
        try {
            return future.get(TIMEOUT.toMillis() + 60_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no BOSH response: " + e, e);
        }
    }

    /**
     * XEP-0124 §7.1 with XEP-0206 §3: a session creation request for {@code localhost} (wait 5, hold 1);
     * {@code extra} adds attributes. Returns the creation response; the sid is kept.
     */
    public Reply create(String extra) {
        Reply reply = postRaw("<body content='text/xml; charset=utf-8' hold='1' rid='" + (++rid)
                + "' to='" + RawXmppClient.DOMAIN + "' ver='1.11' wait='5' xml:lang='en' xmpp:version='1.0' "
                + extra + " xmlns='" + NS + "' xmlns:xmpp='urn:xmpp:xbosh'/>");
        sid = reply.body().isEmpty() ? null : reply.element().attribute("sid");
        reply.payloads().stream().filter(e -> !e.is("features", Namespaces.STREAM)).forEach(received::add);
        return reply;
    }

    /** A request of this session with the next rid, answered (held until there is data or 'wait' passes). */
    public Reply send(String attributes, String payloads) {
        return await(sendAsync(attributes, payloads));
    }

    /** As {@link #send} without waiting; {@link #expect} collects the response's payloads later. */
    public CompletableFuture<Reply> sendAsync(String attributes, String payloads) {
        long r = ++rid;
        CompletableFuture<Reply> f = postAsync(r, body(r, attributes, payloads));
        inFlight.add(f);
        return f;
    }

    /** The wrapper this client would send with {@code requestRid}. */
    public String body(long requestRid, String attributes, String payloads) {
        return "<body rid='" + requestRid + "' sid='" + sid + "' " + attributes + " xmlns='" + NS + "'>" + payloads
                + "</body>";
    }

    /** Sends exactly {@code body} again (§14.4 retransmission) and returns the response. */
    public Reply resend(long requestRid, String attributes, String payloads) {
        return postRaw(body(requestRid, attributes, payloads));
    }

    /** The next payload that matches, polling until it arrives; those before it are dropped. */
    public Element expect(Predicate<Element> wanted, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            drainInFlight();
            Element e;
            while ((e = received.poll()) != null) {
                if (wanted.test(e)) {
                    return e;
                }
            }
            Reply poll = send("", "");
            assertThat(poll.attribute("type")).as("session ended while waiting for " + what + ": " + poll.body())
                    .isNull();
        }
        return fail("no " + what + " within " + TIMEOUT);
    }

    public Element expect(String name, String namespace) {
        return expect(e -> e.is(name, namespace), "<" + name + " xmlns='" + namespace + "'/>");
    }

    private void drainInFlight() {
        for (CompletableFuture<Reply> f : inFlight) {
            Reply reply = await(f);
            assertThat(reply.status()).isEqualTo(200);
            received.addAll(reply.payloads());
        }
        inFlight.clear();
    }

    /** RFC 4616 PLAIN, then the XEP-0206 §5 restart; returns the new stream's features. */
    public Element authenticatePlain(String user, String password) {
        byte[] message = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
        sendAsync("", "<auth xmlns='" + Namespaces.SASL + "' mechanism='PLAIN'>"
                + Base64.getEncoder().encodeToString(message) + "</auth>");
        expect("success", Namespaces.SASL);
        return restart();
    }

    /** XEP-0206 §5: the restart request; its response carries the features. */
    public Element restart() {
        Reply reply = send("to='" + RawXmppClient.DOMAIN + "' xml:lang='en' xmpp:restart='true'"
                + " xmlns:xmpp='urn:xmpp:xbosh'", "");
        Element features = reply.element().child("features", Namespaces.STREAM);
        assertThat(features).as(reply.body()).isNotNull();
        return features;
    }

    /** RFC 6120 §7 over BOSH (XEP-0206 §5); returns the full JID. */
    public String bind(String resource) {
        sendAsync("", "<iq type='set' id='bind-1' xmlns='jabber:client'><bind xmlns='" + Namespaces.BIND
                + "'><resource>" + resource + "</resource></bind></iq>");
        Element result = expect(e -> e.is("iq", Namespaces.CLIENT) && "bind-1".equals(e.attribute("id")), "bind result");
        assertThat(result.attribute("type")).as(result.toString()).isEqualTo("result");
        jid = result.child("bind", Namespaces.BIND).childText("jid", Namespaces.BIND);
        return jid;
    }

    public String jid() {
        return jid;
    }
}
