package org.chasqui.broker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.ongres.scram.client.ScramClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.stream.DecoderLimits;
import org.chasqui.xmpp.stream.StreamHeader;
import org.chasqui.xmpp.stream.StreamListener;
import org.chasqui.xmpp.stream.XmppStreamDecoder;
import org.chasqui.xmpp.xml.Element;
import org.chasqui.xmpp.xml.XmlEscaper;

/**
 * A blocking XMPP client for transcript tests: it writes exactly the bytes a test gives it and hands
 * back, one at a time, what the server sent, so a test reads like "alice sends … alice receives …".
 *
 * <p>A reader thread feeds everything the server sends into an {@link XmppStreamDecoder} and turns it
 * into a queue of {@link Event}s: the server's stream header, each top-level element, the end of the
 * server's stream and the end of the TCP connection. The decoder is replaced where RFC 6120 restarts
 * the stream: after {@code <proceed/>} (§5.4.3.3; the reader stops so that TLS can take over the
 * socket) and after {@code <success/>} (§6.4.6).
 *
 * <p>Every byte sent and every event received is kept in a transcript that failing assertions print
 * ({@code -Drawxmpp.debug=true} adds the raw bytes read).
 */
public final class RawXmppClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    public static final String DOMAIN = "localhost";
    private static final AtomicLong IDS = new AtomicLong();
    /** {@code -Drawxmpp.debug=true} adds the raw bytes of every read to the transcript. */
    private static final boolean RAW_DEBUG = Boolean.getBoolean("rawxmpp.debug");

    /** What the reader thread saw. */
    public sealed interface Event permits Header, Received, StreamEnd, ConnectionClosed, Unparsable {
    }

    /** The server's stream header. */
    public record Header(StreamHeader header) implements Event {
    }

    /** A top-level element: a stanza or a stream-level element such as features, failure, error. */
    public record Received(Element element) implements Event {
    }

    /** The server's {@code </stream:stream>}. */
    public record StreamEnd() implements Event {
    }

    /** End of input or a read error: the server (or the network) closed the connection. */
    public record ConnectionClosed(String reason) implements Event {
    }

    /** The server sent something that is not a valid XMPP stream: always a server bug. */
    public record Unparsable(StreamError error) implements Event {
    }

    private final String name;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();
    private Socket socket;
    private OutputStream out;
    private Thread reader;
    private String jid;

    private RawXmppClient(String name, Socket socket) throws IOException {
        this.name = name;
        useSocket(socket);
    }

    /** Opens a plain TCP connection to the STARTTLS port on loopback. */
    public static RawXmppClient connect(int port) throws IOException {
        return connect("client" + IDS.incrementAndGet(), port);
    }

    /** Like {@link #connect(int)}; {@code name} labels this client's lines in the transcript. */
    public static RawXmppClient connect(String name, int port) throws IOException {
        return new RawXmppClient(name, tcp(port));
    }

    /** Opens a XEP-0368 direct TLS connection, verifying the certificate for "localhost". */
    public static RawXmppClient directTls(String name, int port, SSLContext ssl) throws IOException {
        return new RawXmppClient(name, tls(tcp(port), ssl));
    }

    public static RawXmppClient directTls(int port, SSLContext ssl) throws IOException {
        return directTls("client" + IDS.incrementAndGet(), port, ssl);
    }

    private static Socket tcp(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
        s.setTcpNoDelay(true);
        return s;
    }

    /** Layers TLS over the TCP socket, checking the certificate against the host name "localhost". */
    private static SSLSocket tls(Socket tcp, SSLContext ssl) throws IOException {
        SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket(tcp, DOMAIN, tcp.getPort(), true);
        SSLParameters params = s.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(params);
        s.startHandshake();
        return s;
    }

    private void useSocket(Socket s) throws IOException {
        socket = s;
        out = s.getOutputStream();
        InputStream in = s.getInputStream();
        reader = new Thread(() -> read(in), "raw-xmpp-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    // ---- sending ----

    /** Writes a standard client stream header addressed to 'localhost' (RFC 6120 §4.7). */
    public void openStream() {
        send("<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
                + " xmlns:stream='http://etherx.jabber.org/streams' to='" + DOMAIN + "' version='1.0' xml:lang='en'>");
    }

    /** Opens the stream and returns the features that follow the server's header. */
    public Element openStreamAndExpectFeatures() {
        openStream();
        expectHeader();
        return expectFeatures();
    }

    /** Writes the XML as UTF-8, exactly as given. */
    public void send(String rawXml) {
        log("C: " + rawXml);
        write(rawXml.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the bytes exactly as given. */
    public void sendBytes(byte[] bytes) {
        log("C: (" + bytes.length + " bytes) " + new String(bytes, StandardCharsets.ISO_8859_1));
        write(bytes);
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // The server may already have closed; what it sent before that is still in the queue.
            log("   (write failed: " + e + ")");
        }
    }

    // ---- receiving ----

    /** The next event, failing the test if none comes within {@code timeout}. */
    public Event next(Duration timeout) {
        try {
            Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                fail(name + " received nothing within " + timeout + "\n" + transcript());
            }
            return e;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }

    /** The next top-level element if one comes within {@code timeout}, else null. */
    public Element poll(Duration timeout) {
        try {
            Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                return null;
            }
            if (e instanceof Received r) {
                return r.element();
            }
            return fail(name + " expected an element but got " + e + "\n" + transcript());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }

    /**
     * Every top-level element that arrives within {@code window} (for a zero window, what has already
     * arrived): for checking that something does not come, and what comes meanwhile.
     */
    public List<Element> receivedWithin(Duration window) {
        List<Element> out = new ArrayList<>();
        long end = System.nanoTime() + window.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            Element e = poll(Duration.ofNanos(Math.max(0, left)));
            if (e != null) {
                out.add(e);
            } else if (left <= 0) {
                return out;
            }
        }
    }

    /** The next top-level element. */
    public Element expect(Duration timeout) {
        Event e = next(timeout);
        if (e instanceof Received r) {
            return r.element();
        }
        return fail(name + " expected an element but got " + e + "\n" + transcript());
    }

    public Element expect() {
        return expect(TIMEOUT);
    }

    /** The next top-level element, which must have this name and namespace. */
    public Element expectElement(String elementName, String namespace) {
        Element e = expect();
        if (!e.is(elementName, namespace)) {
            fail(name + " expected {" + namespace + "}" + elementName + " but got " + e + "\n" + transcript());
        }
        return e;
    }

    /** The next stanza in jabber:client with this name. */
    public Element expectStanza(String stanzaName) {
        return expectElement(stanzaName, Namespaces.CLIENT);
    }

    /**
     * The next element, which must equal {@code xml} (written like the specs' examples, indentation
     * ignored): same names, namespaces, attributes in any order, children and text.
     */
    public Element expectExactly(String xml) {
        Element expected = Xml.stanza(xml);
        Element actual = expect();
        assertThat(Xml.withoutIndentation(actual)).as(name + " received\n" + transcript()).isEqualTo(expected);
        return actual;
    }

    public StreamHeader expectHeader() {
        Event e = next(TIMEOUT);
        if (e instanceof Header h) {
            return h.header();
        }
        return fail(name + " expected the server's stream header but got " + e + "\n" + transcript());
    }

    public Element expectFeatures() {
        return expectElement("features", Namespaces.STREAM);
    }

    /**
     * RFC 6120 §4.9.1.1: the server sends {@code <stream:error>} with this condition, then
     * {@code </stream:stream>}, then closes the TCP connection. A stream header before the error is
     * skipped (§4.9.1.2: the server opens its stream first when the error is in the client's header).
     */
    public Element expectStreamError(StreamErrorCondition condition) {
        Event e = next(TIMEOUT);
        if (e instanceof Header) {
            e = next(TIMEOUT);
        }
        if (!(e instanceof Received r) || !r.element().is("error", Namespaces.STREAM)) {
            return fail(name + " expected <stream:error><" + condition.elementName() + "/> but got " + e
                    + "\n" + transcript());
        }
        Element error = r.element();
        assertThat(error.firstChildIn(Namespaces.STREAMS))
                .as("the condition of " + error + "\n" + transcript())
                .isEqualTo(Element.empty(condition.elementName(), Namespaces.STREAMS));
        expectStreamEnd();
        expectConnectionClosed();
        return error;
    }

    /** The server's {@code </stream:stream>}. */
    public void expectStreamEnd() {
        Event e = next(TIMEOUT);
        if (!(e instanceof StreamEnd)) {
            fail(name + " expected </stream:stream> but got " + e + "\n" + transcript());
        }
    }

    /** The TCP connection is closed by the server. */
    public void expectConnectionClosed() {
        Event e = next(TIMEOUT);
        if (!(e instanceof ConnectionClosed)) {
            fail(name + " expected the connection to close but got " + e + "\n" + transcript());
        }
    }

    /** Nothing at all arrives for {@code quiet}. */
    public void expectNothing(Duration quiet) {
        try {
            Event e = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            if (e != null) {
                fail(name + " expected nothing but got " + e + "\n" + transcript());
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }

    // ---- negotiation ----

    /** RFC 6120 §5.4: starttls, proceed, TLS handshake checking "localhost", then a new stream. */
    public Element startTls(SSLContext ssl) throws IOException, InterruptedException {
        send("<starttls xmlns='" + Namespaces.TLS + "'/>");
        expectElement("proceed", Namespaces.TLS);
        reader.join(TIMEOUT.toMillis()); // it stopped after <proceed/>: TLS owns the socket now
        assertThat(reader.isAlive()).as("the reader thread stopped after <proceed/>").isFalse();
        useSocket(tls(socket, ssl));
        log("   (TLS " + ((SSLSocket) socket).getSession().getProtocol() + " established)");
        return openStreamAndExpectFeatures();
    }

    /** Connects to the STARTTLS port, negotiates TLS and returns the features offered then. */
    public static RawXmppClient connectWithTls(String name, TestServer server) throws Exception {
        RawXmppClient client = connect(name, server.starttlsPort());
        client.openStreamAndExpectFeatures();
        client.startTls(server.sslContext());
        return client;
    }

    /** RFC 4616 PLAIN; returns the features of the restarted stream. */
    public Element authenticatePlain(String user, String password) {
        byte[] message = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
        send("<auth xmlns='" + Namespaces.SASL + "' mechanism='PLAIN'>" + base64(message) + "</auth>");
        expectElement("success", Namespaces.SASL);
        return openStreamAndExpectFeatures();
    }

    /**
     * SCRAM with the independent com.ongres.scram client (RFC 5802, RFC 7677), checking the server's
     * signature; for a -PLUS mechanism with tls-server-end-point channel binding (RFC 5929 §4: the
     * SHA-256 hash of the certificate the server presented). Returns the restarted stream's features.
     */
    public Element authenticateScram(String user, String password, String mechanism) throws Exception {
        Element outcome = scram(user, password, mechanism);
        if (!outcome.is("success", Namespaces.SASL)) {
            fail(name + " expected SASL success but got " + outcome + "\n" + transcript());
        }
        return openStreamAndExpectFeatures();
    }

    /**
     * One SCRAM exchange (RFC 6120 §6.4) up to its outcome, {@code <success/>} (whose server signature
     * is verified) or {@code <failure/>}, without the stream restart.
     */
    public Element scram(String user, String password, String mechanism) throws Exception {
        return scram(user, password, mechanism, mechanism.endsWith("-PLUS") ? serverEndPoint() : null);
    }

    /**
     * As {@link #scram(String, String, String)} with the given tls-server-end-point data (null for
     * none). Data with a mechanism that is not -PLUS makes the client say "y" (RFC 5802 §6: I support
     * channel binding but think the server does not).
     */
    public Element scram(String user, String password, String mechanism, byte[] channelBinding) throws Exception {
        ScramClient.FinalBuildStage builder = ScramClient.builder()
                .advertisedMechanisms(List.of(mechanism))
                .username(user)
                .password(password.toCharArray());
        if (channelBinding != null) {
            builder.channelBinding("tls-server-end-point", channelBinding);
        }
        ScramClient scram = builder.build();
        assertThat(scram.getScramMechanism().getName()).isEqualTo(mechanism);
        send("<auth xmlns='" + Namespaces.SASL + "' mechanism='" + mechanism + "'>"
                + base64(scram.clientFirstMessage().toString().getBytes(StandardCharsets.UTF_8)) + "</auth>");
        Element challenge = expect();
        if (!challenge.is("challenge", Namespaces.SASL)) {
            return challenge;
        }
        scram.serverFirstMessage(fromBase64(challenge.text()));
        send("<response xmlns='" + Namespaces.SASL + "'>"
                + base64(scram.clientFinalMessage().toString().getBytes(StandardCharsets.UTF_8)) + "</response>");
        Element outcome = expect();
        if (outcome.is("success", Namespaces.SASL)) {
            // RFC 6120 §6.3.10: the server-final-message comes as additional data with success
            scram.serverFinalMessage(fromBase64(outcome.text()));
        }
        return outcome;
    }

    /** tls-server-end-point of the session as the client sees it, RFC 5929 §4.1 (SHA-256 certificates). */
    public byte[] serverEndPoint() throws Exception {
        Certificate[] chain = ((SSLSocket) socket).getSession().getPeerCertificates();
        return MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
    }

    /** RFC 6120 §7: binds the resource (null: the server picks one) and returns the full JID. */
    public String bind(String resource) {
        String id = "bind-" + IDS.incrementAndGet();
        String requested = resource == null ? "" : "<resource>" + escape(resource) + "</resource>";
        send("<iq type='set' id='" + id + "'><bind xmlns='" + Namespaces.BIND + "'>" + requested + "</bind></iq>");
        Element result = expectStanza("iq");
        assertThat(result.attribute("type")).as(result.toString()).isEqualTo("result");
        assertThat(result.attribute("id")).isEqualTo(id);
        jid = result.child("bind", Namespaces.BIND).childText("jid", Namespaces.BIND);
        return jid;
    }

    /** Connects over STARTTLS, authenticates with SCRAM-SHA-256 and binds {@code resource}. */
    public static RawXmppClient login(TestServer server, String user, String password, String resource)
            throws Exception {
        RawXmppClient client = connectWithTls(user, server);
        client.authenticateScram(user, password, "SCRAM-SHA-256");
        client.bind(resource);
        return client;
    }

    /** The full JID bound by {@link #bind}. */
    public String jid() {
        return jid;
    }

    /** Sends {@code </stream:stream>} and waits for the server's closing tag and the end of the connection. */
    public void closeStream() {
        send("</stream:stream>");
        Event e;
        do {
            e = next(TIMEOUT); // stanzas already on their way may arrive first
        } while (e instanceof Received);
        if (!(e instanceof StreamEnd)) {
            fail(name + " expected </stream:stream> but got " + e + "\n" + transcript());
        }
        expectConnectionClosed();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /**
     * Drops the TCP connection without closing the stream, as a phone losing its network would:
     * a reset (SO_LINGER 0), no {@code </stream:stream>}. XEP-0198 §7 calls such a stream unfinished.
     */
    public void dropConnection() {
        log("C: (drops the connection)");
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // dropped anyway
        }
    }

    /**
     * From now on the server's XEP-0198 {@code <r/>} requests are written to the transcript but not
     * queued as events, for tests about something else that would otherwise race with the ack timer.
     */
    public void ignoreAckRequests() {
        ignoreAckRequests = true;
    }

    /** Records the full JID of a session this client resumed (XEP-0198 §5) instead of binding. */
    public void resumedAs(String fullJid) {
        jid = fullJid;
    }

    public static String base64(byte[] data) {
        return data.length == 0 ? "=" : Base64.getEncoder().encodeToString(data);
    }

    private static String fromBase64(String text) {
        return new String(Base64.getDecoder().decode(text.strip()), StandardCharsets.UTF_8);
    }

    public static String escape(String text) {
        StringBuilder sb = new StringBuilder();
        XmlEscaper.escapeAttribute(text, sb);
        return sb.toString();
    }

    /** Everything sent and received so far, one line each. */
    public synchronized String transcript() {
        return "---- transcript of " + name + " ----\n" + String.join("\n", transcript);
    }

    private synchronized void log(String line) {
        transcript.add(line);
    }

    // ---- the reader thread ----

    /**
     * Feeds the server's bytes one at a time, so that a stream restart takes effect at exactly the
     * byte after {@code <success/>} and nothing after {@code <proceed/>} is consumed.
     */
    private void read(InputStream in) {
        Decoding decoding = new Decoding();
        byte[] buffer = new byte[8192];
        try {
            while (true) {
                while (readingPaused) {
                    try { Thread.sleep(20); } catch (InterruptedException e) { return; }
                }
                int n = in.read(buffer);
                if (n < 0) {
                    closed("end of input");
                    return;
                }
                if (RAW_DEBUG) {
                    log("   raw: " + HexFormat.of().formatHex(buffer, 0, n));
                }
                for (int i = 0; i < n; i++) {
                    decoding.decoder.feed(buffer, i, 1);
                    if (decoding.tlsNext) {
                        if (i + 1 < n) {
                            closed("the server sent data after <proceed/>");
                        }
                        return;
                    }
                    if (decoding.restart) {
                        decoding.restart();
                    }
                }
            }
        } catch (IOException e) {
            closed(e.toString());
        }
    }

    private volatile boolean readingPaused;
    private volatile boolean ignoreAckRequests;

    /** Stops reading from the socket: a client that no longer reads its stream. */
    public void pauseReading() {
        readingPaused = true;
    }

    private void closed(String reason) {
        log("S: (connection closed: " + reason + ")");
        events.add(new ConnectionClosed(reason));
    }

    private void received(Event event, String line) {
        log(line);
        events.add(event);
    }

    /** The decoder of the current server stream and what its events mean for the next one. */
    private final class Decoding implements StreamListener {
        XmppStreamDecoder decoder = newDecoder();
        boolean restart;
        boolean tlsNext;

        private XmppStreamDecoder newDecoder() {
            return new XmppStreamDecoder(new DecoderLimits(16 * 1024 * 1024, 256, 256), Set.of(Namespaces.CLIENT), this);
        }

        void restart() {
            decoder = newDecoder();
            restart = false;
        }

        @Override
        public void streamOpened(StreamHeader header) {
            received(new Header(header), "S: <stream:stream id='" + header.id() + "' from='" + header.from()
                    + "' to='" + header.to() + "' version='" + header.version() + "'>");
        }

        @Override
        public void element(Element element) {
            if (ignoreAckRequests && element.is("r", "urn:xmpp:sm:3")) {
                log("S: " + element.toXml(Namespaces.CLIENT) + " (ignored)");
                return;
            }
            received(new Received(element), "S: " + element.toXml(Namespaces.CLIENT));
            if (element.is("proceed", Namespaces.TLS)) {
                decoder.close();
                tlsNext = true;
            } else if (element.is("success", Namespaces.SASL)) {
                decoder.close();
                restart = true;
            }
        }

        @Override
        public void streamClosed() {
            received(new StreamEnd(), "S: </stream:stream>");
        }

        @Override
        public void streamError(StreamError error) {
            received(new Unparsable(error), "S: (unparsable: " + error + ")");
        }
    }
}
