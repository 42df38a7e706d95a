package org.chasqui.xmpp.stream;

import java.util.ArrayList;
import java.util.List;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.xml.Element;

/** A listener that writes down every event as a line of text, and keeps the decoded objects. */
final class Recorder implements StreamListener {

    final List<String> events = new ArrayList<>();
    final List<Element> elements = new ArrayList<>();
    StreamHeader header;
    StreamError error;

    @Override
    public void streamOpened(StreamHeader h) {
        header = h;
        events.add("opened " + h);
    }

    @Override
    public void element(Element stanza) {
        elements.add(stanza);
        events.add("element " + stanza.toXml());
    }

    @Override
    public void streamClosed() {
        events.add("closed");
    }

    @Override
    public void streamError(StreamError e) {
        error = e;
        events.add(describe(e));
    }

    static String describe(StreamError e) {
        return "error " + e.condition().elementName() + (e.text() == null ? "" : " (" + e.text() + ")");
    }
}
