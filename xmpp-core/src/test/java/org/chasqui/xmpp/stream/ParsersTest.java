package org.chasqui.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.xmpp.stream.Feeding.utf8;
import static org.chasqui.xmpp.stream.XmppStreamDecoderSplitTest.header;

import org.junit.jupiter.api.Test;

class ParsersTest {

    @Test
    void theSharedSymbolTableHoldsTheSeed() {
        assertThat(Parsers.sharedSymbolCount()).isGreaterThan(50);
    }

    /** A peer inventing names must not grow what every later parser on the thread shares. */
    @Test
    void namesSeenByParsersDoNotReachTheSharedTable() {
        int before = Parsers.sharedSymbolCount();
        for (int stream = 0; stream < 20; stream++) {
            StringBuilder sb = new StringBuilder(header());
            for (int i = 0; i < 200; i++) {
                sb.append("<message><x").append(stream).append('_').append(i).append(" a").append(i)
                        .append("='v' xmlns='urn:x'/></message>");
            }
            String tail = stream % 3 == 0 ? "</stream:stream>" : stream % 3 == 1 ? "<bad" : "\u0001";
            Recorder r = new Recorder();
            XmppStreamDecoder d = new XmppStreamDecoder(DecoderLimits.DEFAULT, Feeding.CLIENT, r);
            d.feed(utf8(sb + tail));
            d.close();
            assertThat(r.elements).hasSize(200);
        }
        assertThat(Parsers.sharedSymbolCount()).isEqualTo(before);
    }
}
