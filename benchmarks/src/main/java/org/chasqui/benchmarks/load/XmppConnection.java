package org.chasqui.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;

/**
 * One client stream over a non-blocking socket, without TLS: stream header, SASL PLAIN (RFC 4616),
 * resource binding, initial presence (RFC 6120 §4-7, RFC 6121 §4.2) — or, in registration mode, one
 * XEP-0077 §3.1 registration before authentication. After that it reports to its {@link Listener}
 * the IQ replies and the messages that carry a load marker ({@code LOADSEQ=<n>;TS=<nanos>;}).
 * Everything runs on the connection's {@link IoLoop}; {@link #send} must be called there too.
 */
final class XmppConnection implements ElementSplitter.Sink {

    /** What a scenario hears from a connection; called on the connection's loop. */
    interface Listener {
        default void ready(XmppConnection c) {
        }

        default void failed(XmppConnection c, String why) {
        }

        default void load(XmppConnection c, long seq, long sentNanos) {
        }

        default void iq(XmppConnection c, String id, boolean ok, String xml) {
        }
    }

    /** Log in with SASL PLAIN, log in with SCRAM-SHA-1, or register an account (XEP-0077) and close. */
    enum Mode { LOGIN, LOGIN_SCRAM, REGISTER }

    private enum State { CONNECTING, FEATURES, SASL, FEATURES_AFTER_SASL, BIND, READY, REGISTERING, CLOSED }

    static final String MARKER = "LOADSEQ=";
    private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TS_BYTES = ";TS=".getBytes(StandardCharsets.US_ASCII);

    final IoLoop loop;
    final int index;
    private final Target target;
    private final String user;
    private final String password;
    private final Mode mode;
    private final boolean presence;
    private final Listener listener;
    private final ElementSplitter splitter = new ElementSplitter();
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private SocketChannel channel;
    private SelectionKey key;
    private State state = State.CONNECTING;
    private ScramClient scram;
    private String jid;
    final long startNanos = System.nanoTime();
    long readyNanos;
    /** Per-connection scratch for scenarios (e.g. the receiver's record of items seen). */
    Object attachment;

    XmppConnection(IoLoop loop, int index, Target target, String user, String password, Mode mode,
            boolean presence, Listener listener) {
        this.loop = loop;
        this.index = index;
        this.target = target;
        this.user = user;
        this.password = password;
        this.mode = mode;
        this.presence = presence;
        this.listener = listener;
    }

    /** Starts connecting; the listener hears {@code ready} or {@code failed}. */
    void start() {
        loop.execute(() -> {
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (target.sources() > 1) {
                    // loopback has ~28k ephemeral ports per source address: spread over 127.0.0.1..N
                    channel.bind(new InetSocketAddress(target.source(index), 0));
                }
                boolean connected = channel.connect(new InetSocketAddress(target.address(), target.port()));
                key = channel.register(loop.selector(), connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
                if (connected) {
                    openStream();
                }
            } catch (IOException e) {
                failed("connect: " + e);
            }
        });
    }

    String user() {
        return user;
    }

    /** The full JID the server bound, once ready. */
    String jid() {
        return jid;
    }

    boolean isReady() {
        return state == State.READY;
    }

    /** Called by the loop when the socket is ready. */
    void ready(SelectionKey k) throws IOException {
        if (!k.isValid()) {
            return;
        }
        if (k.isConnectable()) {
            channel.finishConnect();
            k.interestOps(SelectionKey.OP_READ);
            openStream();
            return;
        }
        if (k.isWritable()) {
            flush();
        }
        if (k.isReadable()) {
            read();
        }
    }

    private void read() throws IOException {
        ByteBuffer in = loop.readBuffer;
        while (state != State.CLOSED) {
            in.clear();
            int n = channel.read(in);
            if (n < 0) {
                failed("connection closed by the server");
                return;
            }
            if (n == 0) {
                return;
            }
            splitter.feed(in.array(), n, this);
            if (n < in.capacity()) {
                return;
            }
        }
    }

    /** Writes {@code xml} (UTF-8), queueing what the socket does not take now. */
    void send(String xml) {
        if (state == State.CLOSED) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(xml.getBytes(StandardCharsets.UTF_8));
        if (pending.isEmpty()) {
            try {
                channel.write(b);
            } catch (IOException e) {
                failed("write: " + e);
                return;
            }
        }
        if (b.hasRemaining()) {
            pending.add(b);
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        }
    }

    private void flush() throws IOException {
        while (!pending.isEmpty()) {
            ByteBuffer b = pending.peek();
            channel.write(b);
            if (b.hasRemaining()) {
                return;
            }
            pending.poll();
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    /** Ends the stream (RFC 6120 §4.4) and closes the socket. */
    void close() {
        loop.execute(() -> {
            if (state != State.CLOSED && channel != null && channel.isOpen()) {
                send("</stream:stream>");
            }
            closeQuietly();
        });
    }

    private void closeQuietly() {
        state = State.CLOSED;
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    void failed(String why) {
        if (state == State.CLOSED) {
            return;
        }
        closeQuietly();
        listener.failed(this, user + ": " + why);
    }

    private void openStream() {
        state = state == State.SASL ? State.FEATURES_AFTER_SASL : State.FEATURES;
        send("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                + " to='" + target.domain() + "' version='1.0'>");
    }

    @Override
    public void streamEnded() {
        failed("the server ended the stream");
    }

    @Override
    public void element(byte[] buf, int from, int to) {
        if (state == State.READY && startsWith(buf, from, to, "<message")) {
            message(buf, from, to);
            return;
        }
        String xml = new String(buf, from, to - from, StandardCharsets.UTF_8);
        if (xml.startsWith("<stream:error")) {
            failed("stream error " + xml);
        } else if (xml.startsWith("<stream:features")) {
            features(xml);
        } else if (xml.startsWith("<challenge")) {
            challenge(xml);
        } else if (xml.startsWith("<success")) {
            if (scram != null && !scram.verify(saslData(xml))) {
                failed("the server's SCRAM signature is wrong " + xml);
                return;
            }
            openStream();
        } else if (xml.startsWith("<failure")) {
            failed("SASL failure " + xml);
        } else if (xml.startsWith("<iq")) {
            iq(xml);
        }
    }

    private void features(String xml) {
        if (state == State.FEATURES && mode == Mode.REGISTER) {
            state = State.REGISTERING;
            send("<iq type='set' id='reg'><query xmlns='jabber:iq:register'><username>" + user
                    + "</username><password>" + password + "</password></query></iq>");
        } else if (state == State.FEATURES && mode == Mode.LOGIN_SCRAM) {
            if (!xml.contains(">" + ScramClient.MECHANISM + "<")) {
                failed("the server offers no " + ScramClient.MECHANISM + ": " + xml);
                return;
            }
            state = State.SASL;
            scram = new ScramClient(user, password);
            send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='" + ScramClient.MECHANISM + "'>"
                    + Base64.getEncoder().encodeToString(scram.first()) + "</auth>");
        } else if (state == State.FEATURES) {
            if (!xml.contains(">PLAIN<")) {
                failed("the server offers no SASL PLAIN on this stream (for Chasqui:"
                        + " c2s.require_tls false and c2s.allow_plain_without_tls true): " + xml);
                return;
            }
            state = State.SASL;
            byte[] plain = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
            send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
                    + Base64.getEncoder().encodeToString(plain) + "</auth>");
        } else if (state == State.FEATURES_AFTER_SASL) {
            state = State.BIND;
            send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                    + "<resource>load</resource></bind></iq>");
        }
    }

    /** RFC 6120 §6.4.3: SCRAM's server-first-message. */
    private void challenge(String xml) {
        if (scram == null) {
            failed("unexpected SASL challenge " + xml);
            return;
        }
        send("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                + Base64.getEncoder().encodeToString(scram.answer(saslData(xml))) + "</response>");
    }

    /** The base64 text of a SASL element ("=" or nothing: empty). */
    private static byte[] saslData(String xml) {
        int a = xml.indexOf('>');
        int b = xml.lastIndexOf("</");
        String text = a < 0 || b <= a ? "" : xml.substring(a + 1, b).strip();
        return text.isEmpty() || text.equals("=") ? new byte[0] : Base64.getDecoder().decode(text);
    }

    private void iq(String xml) {
        String id = attribute(xml, "id");
        String type = attribute(xml, "type");
        if ("get".equals(type) || "set".equals(type)) {
            // RFC 6120 §8.2.3: every request gets an answer; the load client supports nothing
            String from = attribute(xml, "from");
            send("<iq type='error' id='" + id + "'" + (from == null ? "" : " to='" + from + "'")
                    + "><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                    + "</error></iq>");
            return;
        }
        boolean ok = "result".equals(type);
        if (state == State.BIND && "bind".equals(id)) {
            if (!ok) {
                failed("bind failed " + xml);
                return;
            }
            int a = xml.indexOf("<jid>");
            jid = a < 0 ? null : xml.substring(a + 5, xml.indexOf("</jid>", a));
            if (presence) {
                send("<presence/>"); // RFC 6121 §4.2 initial presence
            }
            state = State.READY;
            readyNanos = System.nanoTime();
            listener.ready(this);
        } else if (state == State.REGISTERING && "reg".equals(id)) {
            if (ok || xml.contains("<conflict")) { // XEP-0077 §3.1: an existing account is fine
                readyNanos = System.nanoTime();
                listener.ready(this);
                close();
            } else {
                failed("registration refused " + xml);
            }
        } else if (state == State.READY) {
            listener.iq(this, id, ok, xml);
        }
    }

    /** The hot path: a notification or message, scanned for the marker without building a String. */
    private void message(byte[] buf, int from, int to) {
        int m = indexOf(buf, from, to, MARKER_BYTES);
        if (m < 0) {
            return;
        }
        int p = m + MARKER_BYTES.length;
        long seq = 0;
        while (p < to && buf[p] >= '0' && buf[p] <= '9') {
            seq = seq * 10 + (buf[p++] - '0');
        }
        if (indexOf(buf, p, Math.min(to, p + TS_BYTES.length), TS_BYTES) != p) {
            return;
        }
        p += TS_BYTES.length;
        long ts = 0;
        while (p < to && buf[p] >= '0' && buf[p] <= '9') {
            ts = ts * 10 + (buf[p++] - '0');
        }
        listener.load(this, seq, ts);
    }

    static String attribute(String xml, String name) {
        int end = xml.indexOf('>');
        for (char q : new char[] {'\'', '"'}) {
            String key = " " + name + "=" + q;
            int a = xml.indexOf(key);
            if (a >= 0 && a < end) {
                int s = a + key.length();
                return xml.substring(s, xml.indexOf(q, s));
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] buf, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (buf[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] buf, int from, int to, byte[] pattern) {
        int last = to - pattern.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (buf[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
