package org.chasqui.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Stream;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.config.ServerConfig;

/**
 * Round trip of an XEP-0060 §6.5 retrieval over a real c2s connection (plain TCP on loopback, one
 * request at a time): a node with {@code items} stored items, whose payloads other than the newest are
 * read from the journal's mapped file, and a node whose only item is its newest (held on the heap).
 * Measures what a client waits for, including where the server reads stored payloads (on a worker
 * since issue 5's StoredReads, on the shard before). Client and server share this JVM and the machine's
 * cores, so compare runs of different builds made back to back. Not JMH: one connection's round trips,
 * percentiles printed. Run:
 * <pre>
 * java [Chronicle flags] -cp benchmarks/target/benchmarks.jar org.chasqui.benchmarks.RetrievalBench [items] [retrievals]
 * </pre>
 */
public final class RetrievalBench {

    private static final String PUBSUB = "http://jabber.org/protocol/pubsub";

    private RetrievalBench() {
    }

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int retrievals = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        Path data = Files.createTempDirectory("chasqui-retrieval-bench");
        ServerConfig d = ServerConfig.defaults();
        ServerConfig config = d.withDataDir(data)
                .withC2s(d.c2s().withStarttlsPort(0).withDirectTlsPort(0).withRequireTls(false)
                        .withAllowPlainWithoutTls(true))
                .withHttp(d.http().withPorts(0, 0));
        ChasquiServer server = ChasquiServer.start(config);
        try {
            server.accounts().create("bench", "bench").join();
            try (Socket socket = new Socket("127.0.0.1", server.starttlsPort())) {
                socket.setTcpNoDelay(true);
                Client c = new Client(socket);
                c.login();
                String payload = "<entry xmlns='http://www.w3.org/2005/Atom'><title>" + "x".repeat(150) + "</title></entry>";
                c.node("stored", items + 10);
                for (int i = 0; i < items; i++) {
                    c.iq("p" + i, "set", "<pubsub xmlns='" + PUBSUB + "'><publish node='stored'><item id='i" + i + "'>"
                            + payload + "</item></publish></pubsub>");
                }
                c.node("newest", 1);
                c.iq("q", "set", "<pubsub xmlns='" + PUBSUB + "'><publish node='newest'><item id='only'>" + payload
                        + "</item></publish></pubsub>");
                System.out.printf("# %d round trips each, one at a time; %s%n", retrievals, Runtime.version());
                for (int round = 0; round < 2; round++) { // the first round warms up
                    String label = round == 0 ? "warm-up" : "measured";
                    System.out.printf("%-9s node of %d stored items: %s%n", label, items, c.retrievals("stored", retrievals));
                    System.out.printf("%-9s node with its newest only:  %s%n", label, c.retrievals("newest", retrievals));
                }
            }
        } finally {
            server.stop();
            try (Stream<Path> walk = Files.walk(data)) {
                walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A blocking XMPP client: enough of RFC 6120 for PLAIN without TLS, bind and IQs. */
    private static final class Client {
        private final InputStream in;
        private final OutputStream out;
        private final StringBuilder buffer = new StringBuilder();
        private final byte[] chunk = new byte[65536];
        private int next;

        Client(Socket socket) throws IOException {
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        void login() throws IOException {
            open();
            awaitText("</stream:features>");
            String auth = Base64.getEncoder().encodeToString("\0bench\0bench".getBytes(StandardCharsets.UTF_8));
            send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + auth + "</auth>");
            awaitText("<success");
            open();
            awaitText("</stream:features>");
            iq("bind", "set", "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>bench</resource></bind>");
        }

        void node(String name, int maxItems) throws IOException {
            iq("create-" + name, "set", "<pubsub xmlns='" + PUBSUB + "'><create node='" + name + "'/><configure>"
                    + "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>" + PUBSUB
                    + "#node_config</value></field><field var='pubsub#max_items'><value>" + maxItems
                    + "</value></field></x></configure></pubsub>");
        }

        String retrievals(String node, int n) throws IOException {
            long[] nanos = new long[n];
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                iq("g" + (next++), "get", "<pubsub xmlns='" + PUBSUB + "'><items node='" + node + "'/></pubsub>");
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            return String.format("p50 %6.1f us  p90 %6.1f us  p99 %6.1f us  max %7.1f us", nanos[n / 2] / 1e3,
                    nanos[n * 9 / 10] / 1e3, nanos[n * 99 / 100] / 1e3, nanos[n - 1] / 1e3);
        }

        /** Sends an IQ (to pubsub.localhost for pubsub payloads) and waits for its result. */
        void iq(String id, String type, String payload) throws IOException {
            String to = payload.startsWith("<pubsub") ? " to='pubsub.localhost'" : "";
            send("<iq type='" + type + "' id='" + id + "'" + to + ">" + payload + "</iq>");
            String reply = awaitIq(id);
            if (!reply.contains("type='result'")) {
                throw new IOException("not a result: " + reply);
            }
        }

        private void open() throws IOException {
            send("<?xml version='1.0'?><stream:stream to='localhost' version='1.0' xmlns='jabber:client'"
                    + " xmlns:stream='http://etherx.jabber.org/streams'>");
        }

        private void send(String xml) throws IOException {
            out.write(xml.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private String awaitIq(String id) throws IOException {
            String start = "id='" + id + "'";
            while (true) {
                int at = buffer.indexOf(start);
                int end = at < 0 ? -1 : buffer.indexOf("</iq>", at);
                int selfClosed = at < 0 ? -1 : buffer.indexOf("/>", at);
                int close = buffer.indexOf(">", Math.max(at, 0));
                if (at >= 0 && selfClosed >= 0 && selfClosed + 1 == close) { // <iq .../>
                    String iq = buffer.substring(0, close + 1);
                    buffer.delete(0, close + 1);
                    return iq;
                }
                if (end >= 0) {
                    String iq = buffer.substring(0, end + 5);
                    buffer.delete(0, end + 5);
                    return iq;
                }
                read();
            }
        }

        private void awaitText(String text) throws IOException {
            while (buffer.indexOf(text) < 0) {
                read();
            }
            buffer.delete(0, buffer.indexOf(text) + text.length());
        }

        private void read() throws IOException {
            int n = in.read(chunk);
            if (n < 0) {
                throw new IOException("the server closed the stream: " + buffer);
            }
            buffer.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
        }
    }
}
