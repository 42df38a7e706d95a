package org.chasqui.broker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.broker.testing.WebSocketXmppClient;
import org.chasqui.broker.testing.Xml;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP side of the listener: XEP-0156 host-meta, CORS, limits, redirects and the loopback rule. */
class HttpFrontTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    private TestServer start(UnaryOperator<org.chasqui.broker.config.HttpConfig> tweak) throws Exception {
        return TestServer.start(dataDir, (ServerConfig c) -> c.withHttp(tweak.apply(c.http())));
    }

    private HttpResponse<String> get(TestServer server, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void hostMetaListsBothEndpoints() throws Exception {
        try (TestServer server = start(h -> h)) {
            int port = server.httpPort();
            HttpResponse<String> xrd = get(server, "/.well-known/host-meta");
            assertThat(xrd.statusCode()).isEqualTo(200);
            assertThat(xrd.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/xrd+xml"));
            // XEP-0156 §3.1: XRD links with the alt-connections relations
            assertThat(xrd.body())
                    .contains("<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>")
                    .contains("<Link rel='urn:xmpp:alt-connections:xbosh' href='http://127.0.0.1:" + port + "/http-bind'/>")
                    .contains("<Link rel='urn:xmpp:alt-connections:websocket' href='ws://127.0.0.1:" + port + "/xmpp-websocket'/>");

            HttpResponse<String> jrd = get(server, "/.well-known/host-meta.json");
            assertThat(jrd.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(jrd.body()).isEqualTo("{\"links\":[{\"rel\":\"urn:xmpp:alt-connections:xbosh\",\"href\":\"http://127.0.0.1:"
                    + port + "/http-bind\"},{\"rel\":\"urn:xmpp:alt-connections:websocket\",\"href\":\"ws://127.0.0.1:"
                    + port + "/xmpp-websocket\"}]}");
            assertThat(get(server, "/nothing-here").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void corsByDefaultLetsAnyPageIn() throws Exception {
        try (TestServer server = start(h -> h)) {
            HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/http-bind"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "http://app.example:8080")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue("*");
            assertThat(preflight.headers().firstValue("access-control-allow-methods")).hasValueSatisfying(v -> assertThat(v).contains("POST"));
            assertThat(preflight.headers().firstValue("access-control-allow-headers")).hasValue("content-type");
            assertThat(get(server, "/.well-known/host-meta", "Origin", "http://app.example:8080")
                    .headers().firstValue("access-control-allow-origin")).hasValue("*");
        }
    }

    @Test
    void corsListedOriginsOnly() throws Exception {
        try (TestServer server = start(h -> h.withCorsOrigins("https://good.example"))) {
            HttpResponse<String> good = get(server, "/.well-known/host-meta", "Origin", "https://good.example");
            assertThat(good.headers().firstValue("access-control-allow-origin")).hasValue("https://good.example");
            assertThat(good.headers().firstValue("vary")).hasValue("Origin");
            HttpResponse<String> other = get(server, "/.well-known/host-meta", "Origin", "https://evil.example");
            assertThat(other.headers().firstValue("access-control-allow-origin")).isEmpty();

            URI ws = URI.create("ws://127.0.0.1:" + server.httpPort() + "/xmpp-websocket");
            assertThatThrownBy(() -> connectWithOrigin(ws, "https://evil.example"))
                    .hasCauseInstanceOf(WebSocketHandshakeException.class);
            connectWithOrigin(ws, "https://good.example").abort();
        }
    }

    private static java.net.http.WebSocket connectWithOrigin(URI uri, String origin) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("xmpp").header("Origin", origin)
                .buildAsync(uri, new java.net.http.WebSocket.Listener() { }).get();
    }

    @Test
    void requestsOverTheRateAreRefused() throws Exception {
        try (TestServer server = start(h -> h.withLimits(100, 262_144, 3))) {
            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                codes.add(get(server, "/.well-known/host-meta").statusCode());
            }
            // windows are whole seconds: at most 3 per second pass, so at least 2 of 8 quick requests fail
            assertThat(codes).contains(429);
            assertThat(codes.stream().filter(c -> c == 200).count()).isBetween(3L, 6L);
        }
    }

    @Test
    void sessionsBeyondTheLimitAreRefused() throws Exception {
        try (TestServer server = start(h -> h.withLimits(1, 262_144, 200))) {
            try (WebSocketXmppClient first = WebSocketXmppClient.connect(server.httpPort())) {
                first.open();
                assertThatThrownBy(() -> WebSocketXmppClient.connect(server.httpPort()))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
            }
        }
    }

    @Test
    void seeOtherUriRedirectsTheStream() throws Exception {
        try (TestServer server = start(h -> h.withWebsocketSeeOtherUri("wss://other.example/xmpp"))) {
            try (WebSocketXmppClient ws = WebSocketXmppClient.connect(server.httpPort())) {
                ws.send("<open xmlns='" + WebSocketXmppClient.FRAMING + "' to='localhost' version='1.0'/>");
                ws.expect("open", WebSocketXmppClient.FRAMING);
                Element close = ws.expect("close", WebSocketXmppClient.FRAMING); // RFC 7395 §3.6.1
                assertThat(close.attribute("see-other-uri")).isEqualTo("wss://other.example/xmpp");
                assertThat(ws.expectClosed()).isEmpty();
            }
        }
    }

    @Test
    void withoutTheLoopbackExceptionPlainHttpMayNotAuthenticate() throws Exception {
        try (TestServer server = start(h -> h.withLoopbackWithoutTls(false))) {
            try (WebSocketXmppClient ws = WebSocketXmppClient.connect(server.httpPort())) {
                ws.open();
                ws.send("<auth xmlns='" + Namespaces.SASL + "' mechanism='PLAIN'>AHJvbWVvAHg=</auth>");
                Element failure = ws.expect("failure", Namespaces.SASL); // RFC 6120 §6.5.4
                assertThat(failure.child("encryption-required", Namespaces.SASL)).isNotNull();
            }
        }
    }
}
