package org.chasqui.broker.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracedConnectionTest {

    private static final List<String> TRACE = List.of(
            "7 1.000000 recvfrom(12<socket:[100]>, \"<iq id='a'>\", 2048, 0, NULL, NULL) = 11",
            "7 1.000001 recvfrom(12<socket:[100]>, 0x7f00, 2048, 0, NULL, NULL) = -1 EAGAIN (Resource temporarily unavailable)",
            "9 1.000002 fdatasync(40</d/pubsub/1.cq4>) = 0",
            "7 1.000003 recvfrom(12<socket:[100]>, \"</iq>\", 2048, 0, NULL, NULL) = 5",
            "7 1.000004 writev(12<socket:[100]>, [{iov_base=\"<r id='a'/>\", iov_len=11}, {iov_base=\"<r id='b'/>\", iov_len=11}], 2) = 14",
            "7 1.000005 sendto(12<socket:[100]>, \"id='b'/>\", 8, 0, NULL, 0) = 8",
            "8 1.000006 sendto(13<socket:[200]>, \"other\", 5, 0, NULL, 0) = 5",
            "8 1.000007 write(1</tmp/server.log>, \"log line\", 8) = 8");

    @Test
    void aRequestInPiecesAndAReplyThatTookTwoSends() {
        Map<String, TracedConnection> sockets = TracedConnection.bySocket(StraceParser.parse(TRACE));

        assertThat(sockets).containsOnlyKeys("socket:[100]", "socket:[200]");
        TracedConnection c = sockets.get("socket:[100]");
        assertThat(c.received()).isEqualTo("<iq id='a'></iq>");
        assertThat(c.receiveCarrying(0).startLine()).isEqualTo(0);
        assertThat(c.receiveCarrying(15).startLine()).as("the request's last byte").isEqualTo(3);
        // writev took 14 of its 22 bytes; the sendto after it carries the other 8
        assertThat(c.sent()).isEqualTo("<r id='a'/><r id='b'/>");
        assertThat(c.sendCarrying(11).startLine()).isEqualTo(4);
        assertThat(c.sendCarrying(14).startLine()).isEqualTo(5);
    }

    @Test
    void dataCutShortByStraceIsRefusedRatherThanMisplaced() {
        List<String> trace = List.of("7 1.0 recvfrom(12<socket:[100]>, \"<iq\"..., 65536, 0, NULL, NULL) = 70000");

        assertThatThrownBy(() -> TracedConnection.bySocket(StraceParser.parse(trace)))
                .hasMessageContaining("raise strace -s");
    }
}
