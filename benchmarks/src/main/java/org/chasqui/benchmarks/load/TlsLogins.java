package org.chasqui.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Logins over STARTTLS with SCRAM-SHA-256 (RFC 6120 §5, RFC 7677), on blocking sockets, a few threads
 * at a time: connect, stream header, STARTTLS, a full TLS handshake (a new client SSLContext per login, so
 * no session is resumed), stream header, SCRAM-SHA-256 without channel binding, bind, initial presence.
 * The server's certificate is not checked: the target is a loopback server with a generated one.
 * The connections stay open until {@link #close}.
 */
final class TlsLogins implements AutoCloseable {

    private final Target target;
    private final String password;
    private final List<Socket> open = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    final Histogram latency = new Histogram();

    TlsLogins(Target target, String password) {
        this.target = target;
        this.password = password;
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Logs {@code users} in on {@code threads} threads; returns when all are done. */
    void run(List<String> users, int threads) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < users.size() && failures.isEmpty()) {
                    long t0 = System.nanoTime();
                    try {
                        Socket s = login(users.get(i));
                        synchronized (this) {
                            open.add(s);
                            latency.record((System.nanoTime() - t0) / 1000);
                        }
                    } catch (IOException | GeneralSecurityException | RuntimeException e) {
                        failures.add(users.get(i) + ": " + e);
                    }
                }
            }, "tls-login-" + t);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
    }

    private Socket login(String user) throws IOException, GeneralSecurityException {
        Socket plain = new Socket();
        plain.setTcpNoDelay(true);
        plain.connect(new InetSocketAddress(target.address(), target.port()));
        Stream s = new Stream(plain.getInputStream(), plain.getOutputStream());
        s.send(header());
        s.expect("<stream:features");
        s.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        s.expect("<proceed");
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new TrustAll()}, null);
        SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(plain, "localhost", target.port(), true);
        tls.startHandshake();
        s = new Stream(tls.getInputStream(), tls.getOutputStream());
        s.send(header());
        String features = s.expect("<stream:features");
        if (!features.contains(">" + ScramClient.MECHANISM_256 + "<")) {
            throw new IOException("no " + ScramClient.MECHANISM_256 + " offered: " + features);
        }
        ScramClient scram = new ScramClient(user, password, true);
        s.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='" + ScramClient.MECHANISM_256 + "'>"
                + Base64.getEncoder().encodeToString(scram.first()) + "</auth>");
        String challenge = s.expect("<challenge");
        s.send("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                + Base64.getEncoder().encodeToString(scram.answer(saslData(challenge))) + "</response>");
        String success = s.expect("<success");
        if (!scram.verify(saslData(success))) {
            throw new IOException("wrong server signature");
        }
        s.send(header());
        s.expect("<stream:features");
        s.send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>tls</resource></bind></iq>");
        s.expect("<iq");
        s.send("<presence/>");
        return tls;
    }

    private String header() {
        return "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                + " to='" + target.domain() + "' version='1.0'>";
    }

    private static byte[] saslData(String xml) {
        int a = xml.indexOf('>');
        int b = xml.lastIndexOf("</");
        String text = a < 0 || b <= a ? "" : xml.substring(a + 1, b).strip();
        return text.isEmpty() || text.equals("=") ? new byte[0] : Base64.getDecoder().decode(text);
    }

    @Override
    public synchronized void close() {
        for (Socket s : open) {
            try {
                s.getOutputStream().write("</stream:stream>".getBytes(StandardCharsets.US_ASCII));
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        open.clear();
    }

    /** One direction of blocking XML: send text, wait for the next top-level element. */
    private static final class Stream implements ElementSplitter.Sink {
        private final InputStream in;
        private final OutputStream out;
        private final ElementSplitter splitter = new ElementSplitter();
        private final ArrayDeque<String> elements = new ArrayDeque<>();
        private final byte[] buf = new byte[8192];

        Stream(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        void send(String xml) throws IOException {
            out.write(xml.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** The next element; it must start with {@code prefix}. */
        String expect(String prefix) throws IOException {
            while (elements.isEmpty()) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IOException("closed by the server while waiting for " + prefix);
                }
                splitter.feed(buf, n, this);
            }
            String e = elements.poll();
            if (!e.startsWith(prefix)) {
                throw new IOException("expected " + prefix + ", got " + e);
            }
            return e;
        }

        @Override
        public void element(byte[] b, int from, int to) {
            elements.add(new String(b, from, to - from, StandardCharsets.UTF_8));
        }

        @Override
        public void streamEnded() {
            elements.add("</stream:stream>");
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
