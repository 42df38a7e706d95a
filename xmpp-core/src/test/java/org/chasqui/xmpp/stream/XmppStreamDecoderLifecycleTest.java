package org.chasqui.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chasqui.xmpp.stream.Feeding.utf8;
import static org.chasqui.xmpp.stream.XmppStreamDecoderSplitTest.header;

import java.util.Set;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.Test;

class XmppStreamDecoderLifecycleTest {

    private static final String THREE = header() + "<presence/><message id='1'/><message id='2'/>";

    @Test
    void readsTheStreamHeader() {
        Recorder r = new Recorder();
        new XmppStreamDecoder(DecoderLimits.DEFAULT, Set.of(Namespaces.CLIENT, Namespaces.SERVER), r).feed(utf8(
                "<?xml version='1.0' encoding='utf-8'?><stream:stream from='example.net' to='im.example.com'"
                        + " id='s1' version='1.0' xml:lang='fr' foo='ignored' xmlns='jabber:server'"
                        + " xmlns:stream='http://etherx.jabber.org/streams'>"));
        assertThat(r.header).isEqualTo(
                new StreamHeader("im.example.com", "example.net", "s1", "1.0", "fr", Namespaces.SERVER));
    }

    @Test
    void anyPrefixBoundToTheStreamNamespaceIsAccepted() {
        assertThat(Feeding.whole(utf8("<s:stream xmlns='jabber:client' xmlns:s='http://etherx.jabber.org/streams'>"
                + "<presence/></s:stream>"))).hasSize(3).last().isEqualTo("closed");
    }

    @Test
    void closingTheStreamEndsDecoding() {
        Recorder r = new Recorder();
        XmppStreamDecoder d = new XmppStreamDecoder(DecoderLimits.DEFAULT, Feeding.CLIENT, r);
        d.feed(utf8(header() + "<presence/></stream:stream><message/>garbage\u0001"));
        d.feed(new byte[] {(byte) 0xFF});
        assertThat(r.events).hasSize(3).last().isEqualTo("closed");
        assertThat(d.isTerminated()).isTrue();
    }

    @Test
    void listenerMayCloseTheDecoderFromElement() {
        Recorder r = new Recorder();
        XmppStreamDecoder[] holder = new XmppStreamDecoder[1];
        holder[0] = new XmppStreamDecoder(DecoderLimits.DEFAULT, Feeding.CLIENT, new Delegate(r) {
            @Override
            public void element(Element stanza) {
                super.element(stanza);
                holder[0].close();
            }
        });
        holder[0].feed(utf8(THREE));
        holder[0].feed(utf8("<message id='3'/>"));
        assertThat(r.events).hasSize(2);
        assertThat(holder[0].isTerminated()).isTrue();
    }

    @Test
    void listenerMayCloseTheDecoderFromStreamOpened() {
        Recorder r = new Recorder();
        XmppStreamDecoder[] holder = new XmppStreamDecoder[1];
        holder[0] = new XmppStreamDecoder(DecoderLimits.DEFAULT, Feeding.CLIENT, new Delegate(r) {
            @Override
            public void streamOpened(StreamHeader header) {
                super.streamOpened(header);
                holder[0].close();
            }
        });
        holder[0].feed(utf8(THREE + "<!-- would be an error -->"));
        assertThat(r.events).hasSize(1).first().asString().startsWith("opened");
    }

    @Test
    void listenerMayCloseTheDecoderFromStreamError() {
        Recorder r = new Recorder();
        XmppStreamDecoder[] holder = new XmppStreamDecoder[1];
        holder[0] = new XmppStreamDecoder(DecoderLimits.DEFAULT, Feeding.CLIENT, new Delegate(r) {
            @Override
            public void streamError(StreamError error) {
                super.streamError(error);
                holder[0].close();
            }
        });
        holder[0].feed(utf8(header() + "<!-- x -->"));
        holder[0].close();
        assertThat(r.events).hasSize(2).last().isEqualTo("error restricted-xml (comments are not allowed)");
    }

    @Test
    void feedingFromACallbackIsAProgrammingError() {
        XmppStreamDecoder[] holder = new XmppStreamDecoder[1];
        holder[0] = new XmppStreamDecoder(DecoderLimits.DEFAULT, Feeding.CLIENT, new Delegate(new Recorder()) {
            @Override
            public void element(Element stanza) {
                holder[0].feed(utf8("<presence/>"));
            }
        });
        assertThatThrownBy(() -> holder[0].feed(utf8(THREE))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void inputAfterCloseIsIgnored() {
        Recorder r = new Recorder();
        XmppStreamDecoder d = new XmppStreamDecoder(DecoderLimits.DEFAULT, Feeding.CLIENT, r);
        d.feed(utf8(header()));
        d.close();
        d.close();
        d.feed(utf8("<presence/>"));
        assertThat(d.isTerminated()).isTrue();
        assertThat(r.events).hasSize(1);
    }

    @Test
    void emptyAndPartialInputProducesNothingYet() {
        Recorder r = new Recorder();
        XmppStreamDecoder d = new XmppStreamDecoder(DecoderLimits.DEFAULT, Feeding.CLIENT, r);
        d.feed(new byte[0]);
        d.feed(new byte[10], 10, 0);
        d.feed(utf8("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><mess"));
        assertThat(r.events).hasSize(1);
        assertThat(d.isTerminated()).isFalse();
    }

    @Test
    void badArgumentsAreProgrammingErrors() {
        XmppStreamDecoder d = new XmppStreamDecoder(DecoderLimits.DEFAULT, Feeding.CLIENT, new Recorder());
        assertThatThrownBy(() -> d.feed(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new XmppStreamDecoder(null, Feeding.CLIENT, new Recorder()))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void limitsAreValidated() {
        assertThat(DecoderLimits.DEFAULT).isEqualTo(new DecoderLimits(262_144, 64, 64));
        assertThatThrownBy(() -> new DecoderLimits(0, 64, 64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxStanzaBytes");
        assertThatThrownBy(() -> new DecoderLimits(1, -1, 64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxDepth");
        assertThatThrownBy(() -> new DecoderLimits(1, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAttributes");
    }

    /** Forwards to a recorder; tests override one method. */
    private static class Delegate implements StreamListener {
        private final Recorder recorder;

        Delegate(Recorder recorder) {
            this.recorder = recorder;
        }

        @Override
        public void streamOpened(StreamHeader header) {
            recorder.streamOpened(header);
        }

        @Override
        public void element(Element stanza) {
            recorder.element(stanza);
        }

        @Override
        public void streamClosed() {
            recorder.streamClosed();
        }

        @Override
        public void streamError(StreamError error) {
            recorder.streamError(error);
        }
    }
}
