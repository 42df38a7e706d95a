package org.chasqui.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.broker.testing.WebSocketXmppClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 100 KiB stanza (under the 256 KiB limits) sent as one WebSocket frame, as browsers send messages. */
class WebSocketLargeFrameTest {

    @TempDir
    Path dataDir;

    @Test
    void aStanzaUnderTheLimitInOneFrameIsAccepted() throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            server.addUser("romeo", "pw");
            // raw socket: an unfragmented masked text frame of ~100 KiB after the handshake
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.httpPort())) {
                s.setSoTimeout(5000);
                var out = s.getOutputStream();
                var in = s.getInputStream();
                out.write(("GET /xmpp-websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Protocol: xmpp\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    head.append((char) in.read());
                }
                assertThat(head.toString()).startsWith("HTTP/1.1 101");
                frame(out, "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='localhost' version='1.0'/>");
                String big = "<iq xmlns='jabber:client' type='get' id='x'><ping xmlns='urn:xmpp:ping'/><x xmlns='urn:x'>"
                        + "a".repeat(100_000) + "</x></iq>";
                frame(out, big);
                // the server must still be talking XMPP: read everything until close/timeout
                StringBuilder got = new StringBuilder();
                byte[] buf = new byte[8192];
                try {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    }
                    System.out.println("EOF: the server closed the TCP connection");
                } catch (java.net.SocketTimeoutException e) {
                    System.out.println("TIMEOUT: still open");
                }
                System.out.println("GOT: " + got.toString().replaceAll("[^\\x20-\\x7e]", "."));
                // unauthenticated, so the stanza is answered by XMPP (not-authorized), not by a dropped connection
                assertThat(got.toString()).contains("<not-authorized");
            }
        }
    }

    private static void frame(java.io.OutputStream out, String text) throws Exception {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream f = new java.io.ByteArrayOutputStream();
        f.write(0x81);
        if (p.length < 126) {
            f.write(0x80 | p.length);
        } else if (p.length < 65536) {
            f.write(0x80 | 126);
            f.write(p.length >> 8);
            f.write(p.length);
        } else {
            f.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) p.length >> (8 * i)));
            }
        }
        byte[] mask = {1, 2, 3, 4};
        f.write(mask);
        for (int i = 0; i < p.length; i++) {
            f.write(p[i] ^ mask[i & 3]);
        }
        out.write(f.toByteArray());
        out.flush();
    }
}
