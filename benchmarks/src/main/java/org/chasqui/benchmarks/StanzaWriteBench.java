package org.chasqui.benchmarks;

import org.chasqui.xmpp.xml.Element;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Serialising a typical chat message (with 'from' stamped, as the router does) to XML text. */
@State(Scope.Thread)
public class StanzaWriteBench extends BenchmarkDefaults {

    private final Element message = Element.builder("message", "jabber:client")
            .attribute("to", "bob@localhost/phone")
            .attribute("id", "m1")
            .attribute("type", "chat")
            .textChild("body", "Hello Bob, a message with <markup> & Grüße 你好")
            .child("active", "http://jabber.org/protocol/chatstates")
            .build();

    @Benchmark
    public String stampAndWrite() {
        return message.withAttribute("from", "alice@localhost/laptop").toXml("jabber:client");
    }
}
