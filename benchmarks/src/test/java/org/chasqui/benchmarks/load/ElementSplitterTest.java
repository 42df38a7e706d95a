package org.chasqui.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElementSplitterTest {

    static final String STREAM = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams' id='a>b' version='1.0'>"
            + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>"
            + "</mechanisms></stream:features>"
            + "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"
            + "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version=\"1.0\">"
            + " <message to='a@b' title=\"x/>y\"><body>Grüße &amp; 🎉 LOADSEQ=7;TS=9;</body><x/></message>\n"
            + "<iq type='result' id='p1'/></stream:stream>";

    static final List<String> EXPECTED = List.of(
            "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>"
                    + "</mechanisms></stream:features>",
            "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>",
            "<message to='a@b' title=\"x/>y\"><body>Grüße &amp; 🎉 LOADSEQ=7;TS=9;</body><x/></message>",
            "<iq type='result' id='p1'/>",
            "END");

    @Test
    void everySplitPointGivesTheSameElements() {
        byte[] all = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= all.length; cut++) {
            assertThat(split(Arrays.copyOfRange(all, 0, cut), Arrays.copyOfRange(all, cut, all.length)))
                    .as("split at %d", cut).isEqualTo(EXPECTED);
        }
    }

    @Test
    void oneByteAtATime() {
        byte[] all = STREAM.getBytes(StandardCharsets.UTF_8);
        byte[][] pieces = new byte[all.length][];
        for (int i = 0; i < all.length; i++) {
            pieces[i] = new byte[] {all[i]};
        }
        assertThat(split(pieces)).isEqualTo(EXPECTED);
    }

    private static List<String> split(byte[]... pieces) {
        List<String> out = new ArrayList<>();
        ElementSplitter splitter = new ElementSplitter();
        ElementSplitter.Sink sink = new ElementSplitter.Sink() {
            @Override
            public void element(byte[] buf, int from, int to) {
                out.add(new String(buf, from, to - from, StandardCharsets.UTF_8));
            }

            @Override
            public void streamEnded() {
                out.add("END");
            }
        };
        for (byte[] p : pieces) {
            splitter.feed(p, p.length, sink);
        }
        return out;
    }
}
