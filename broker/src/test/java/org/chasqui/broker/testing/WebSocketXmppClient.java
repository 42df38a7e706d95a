package org.chasqui.broker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;

/**
 * A raw RFC 7395 client on the JDK's own WebSocket implementation (java.net.http), independent of the
 * server's Vert.x: every message it receives is kept as text, and parsed on request.
 */
public final class WebSocketXmppClient implements AutoCloseable {

    public static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** What the queue holds once the server closed the WebSocket. */
    public static final String CLOSED = "\u0000closed";

    private final WebSocket socket;
    private final BlockingQueue<String> received;
    private final StringBuilder transcript = new StringBuilder();

    private WebSocketXmppClient(WebSocket socket, BlockingQueue<String> received) {
        this.socket = socket;
        this.received = received;
    }

    /** Connects with the "xmpp" subprotocol (or the given ones) to {@code uri}. */
    public static WebSocketXmppClient connect(URI uri, SSLContext ssl, String... subprotocols) throws Exception {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (ssl != null) {
            http.sslContext(ssl);
        }
        WebSocket.Builder builder = http.build().newWebSocketBuilder();
        String[] protocols = subprotocols.length == 0 ? new String[] {"xmpp"} : subprotocols;
        builder.subprotocols(protocols[0], java.util.Arrays.copyOfRange(protocols, 1, protocols.length));
        WebSocket ws = builder.buildAsync(uri, new Listener(queue)).get(10, TimeUnit.SECONDS);
        return new WebSocketXmppClient(ws, queue);
    }

    public static WebSocketXmppClient connect(int port) throws Exception {
        return connect(URI.create("ws://127.0.0.1:" + port + "/xmpp-websocket"), null);
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Sends one message. */
    public void send(String xml) {
        synchronized (transcript) {
            transcript.append("C: ").append(xml).append('\n');
        }
        socket.sendText(xml, true).join();
    }

    /** The next message's text, or {@link #CLOSED}. */
    public String nextText() {
        try {
            String text = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null) {
                fail("no message within " + TIMEOUT + "\n" + transcript());
            }
            synchronized (transcript) {
                transcript.append("S: ").append(text).append('\n');
            }
            return text;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The next message, parsed (each message is a standalone element, RFC 7395 §3.3.3). */
    public Element expect() {
        String text = nextText();
        if (text.equals(CLOSED)) {
            fail("connection closed\n" + transcript());
        }
        return Xml.stanza(text);
    }

    public Element expect(String name, String namespace) {
        Element e = expect();
        if (!e.is(name, namespace)) {
            fail("expected " + name + " of " + namespace + " but got " + e + "\n" + transcript());
        }
        return e;
    }

    /** Sends {@code <open/>} and reads the server's {@code <open/>} and features; returns the features. */
    public Element open() {
        send("<open xmlns='" + FRAMING + "' to='localhost' version='1.0'/>");
        Element open = expect("open", FRAMING);
        assertThat(open.attribute("from")).isEqualTo("localhost");
        assertThat(open.attribute("id")).isNotBlank();
        assertThat(open.attribute("version")).isEqualTo("1.0");
        return expect("features", Namespaces.STREAM);
    }

    /** SASL PLAIN, then the restart; returns the new features. */
    public Element authenticatePlain(String user, String password) {
        byte[] message = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
        send("<auth xmlns='" + Namespaces.SASL + "' mechanism='PLAIN'>"
                + Base64.getEncoder().encodeToString(message) + "</auth>");
        expect("success", Namespaces.SASL);
        return open();
    }

    /** Binds a resource and returns the full JID. */
    public String bind(String resource) {
        send("<iq xmlns='jabber:client' type='set' id='bind1'><bind xmlns='" + Namespaces.BIND + "'><resource>"
                + resource + "</resource></bind></iq>");
        Element result = expect("iq", Namespaces.CLIENT);
        assertThat(result.attribute("type")).as(result.toString()).isEqualTo("result");
        return result.child("bind", Namespaces.BIND).childText("jid", Namespaces.BIND);
    }

    /** Waits until the server has closed the WebSocket, skipping any messages before. */
    public List<String> expectClosed() {
        List<String> before = new java.util.ArrayList<>();
        while (true) {
            String text = nextText();
            if (text.equals(CLOSED)) {
                return before;
            }
            before.add(text);
        }
    }

    public String transcript() {
        synchronized (transcript) {
            return transcript.toString();
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        private final BlockingQueue<String> queue;
        private final StringBuilder partial = new StringBuilder();

        Listener(BlockingQueue<String> queue) {
            this.queue = queue;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                queue.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            queue.add(CLOSED);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            queue.add(CLOSED);
        }
    }
}
