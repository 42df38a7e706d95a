package org.chasqui.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stream.DecoderLimits;
import org.chasqui.xmpp.stream.StreamHeader;
import org.chasqui.xmpp.stream.StreamListener;
import org.chasqui.xmpp.stream.XmppStreamDecoder;
import org.chasqui.xmpp.xml.Element;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding throughput: a stream header plus {@value #STANZAS} chat messages, fed in chunks of the
 * given size (as TCP reads would deliver them), through a fresh decoder. Score = stanzas per ms.
 */
@State(Scope.Thread)
public class DecoderBench extends BenchmarkDefaults {

    static final int STANZAS = 1000;

    @Param({"64", "4096"})
    int chunk;

    private byte[] stream;

    @Setup
    public void setup() {
        StringBuilder sb = new StringBuilder("<?xml version='1.0'?><stream:stream to='localhost' "
                + "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>");
        for (int i = 0; i < STANZAS; i++) {
            sb.append("<message to='bob@localhost/phone' id='m").append(i)
                    .append("' type='chat'><body>Hello Bob, this is message number ").append(i)
                    .append(" &amp; it carries some text: Grüße 你好</body>")
                    .append("<active xmlns='http://jabber.org/protocol/chatstates'/></message>");
        }
        stream = sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    @OperationsPerInvocation(STANZAS)
    public void decode(Blackhole bh) {
        XmppStreamDecoder decoder = new XmppStreamDecoder(DecoderLimits.DEFAULT, Set.of("jabber:client"),
                new StreamListener() {
                    @Override
                    public void streamOpened(StreamHeader header) {
                        bh.consume(header);
                    }

                    @Override
                    public void element(Element stanza) {
                        bh.consume(stanza);
                    }

                    @Override
                    public void streamClosed() {
                    }

                    @Override
                    public void streamError(StreamError error) {
                        throw new IllegalStateException(error.toString());
                    }
                });
        for (int off = 0; off < stream.length; off += chunk) {
            decoder.feed(stream, off, Math.min(chunk, stream.length - off));
        }
        decoder.close();
    }
}
