package org.chasqui.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.broker.testing.WebSocketXmppClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A WebSocket refused by limits.max_connections_per_ip must give its http.max_sessions slot back. */
class WebSocketRefusedSlotTest {

    @TempDir
    Path dataDir;

    @Test
    void aRefusedWebSocketFreesItsSessionSlot() throws Exception {
        try (TestServer server = TestServer.start(dataDir, c -> c
                .withLimits(c.limits().withMaxConnectionsPerIp(1))
                .withHttp(c.http().withLimits(1, c.http().maxRequestBytes(), c.http().maxRequestsPerSecondPerIp())))) {
            try (RawXmppClient tcp = RawXmppClient.connect(server.starttlsPort())) {
                // the one connection 127.0.0.1 may have is taken: the WebSocket is refused with policy-violation
                try (WebSocketXmppClient ws = WebSocketXmppClient.connect(server.httpPort())) {
                    List<String> got = ws.expectClosed();
                    System.out.println("REFUSED: " + got);
                }
            }
            Thread.sleep(500);
            // the TCP connection is gone: a WebSocket session must be possible again (1 slot)
            try (WebSocketXmppClient ws = WebSocketXmppClient.connect(server.httpPort())) {
                ws.open();
            }
        }
    }
}
