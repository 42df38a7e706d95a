package org.chasqui.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.broker.testing.WebSocketXmppClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 7395 §3.3.3: a message with two elements is a stream error; neither element may take effect. */
class WebSocketTwoElementsTest {

    @TempDir
    Path dataDir;

    @Test
    void noElementOfAnInvalidMessageIsProcessed() throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            server.addUser("romeo", "pw");
            try (WebSocketXmppClient ws = WebSocketXmppClient.connect(server.httpPort())) {
                ws.open();
                ws.authenticatePlain("romeo", "pw");
                ws.bind("two");
                ws.send("<iq xmlns='jabber:client' type='get' id='p1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>"
                        + "<iq xmlns='jabber:client' type='get' id='p2' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
                List<String> got = ws.expectClosed();
                System.out.println("GOT " + got);
                assertThat(got).noneMatch(t -> t.contains("id='p1'"));
            }
        }
    }
}
