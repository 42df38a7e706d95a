package org.chasqui.broker.http.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.chasqui.broker.config.HttpConfig;
import org.chasqui.broker.testing.Xml;
import org.chasqui.xmpp.stream.DecoderLimits;
import org.chasqui.xmpp.xml.Element;

/** A BOSH session on a manual clock, with recorded answers and upstream events. */
final class BoshFixture implements BoshSession.Upstream {

    static final String NS = "xmlns='http://jabber.org/protocol/httpbind'";
    static final BoshRequestParser PARSER = new BoshRequestParser(65_536, DecoderLimits.DEFAULT);

    /** One HTTP response, once given. */
    static final class Answer implements Exchange {
        int status = -1;
        String body;
        int times;

        @Override
        public void respond(int status, String contentType, String body) {
            this.status = status;
            this.body = body;
            times++;
        }

        boolean answered() {
            return times > 0;
        }

        /** The response body as an element. */
        Element element() {
            assertThat(times).as("answered once").isEqualTo(1);
            return Xml.stanza(body);
        }

        String attribute(String name) {
            return element().attribute(name);
        }
    }

    final ManualScheduler clock = new ManualScheduler();
    final List<String> events = new ArrayList<>();
    final List<Element> delivered = new ArrayList<>();
    boolean restartDue;
    BoshSession session;
    BoshRequest creation;

    static BoshFixture create(HttpConfig config, String creationXml) {
        BoshFixture f = new BoshFixture();
        f.creation = request(creationXml);
        BoshSettings settings = ((BoshSettings.Granted) BoshSettings.negotiate(f.creation, config)).settings();
        f.session = new BoshSession("SomeSID", settings, f.clock, f);
        return f;
    }

    /** A session created as in XEP-0124 Example 1 with XEP-0206's attributes, answered, with rid 1000 used. */
    static BoshFixture started(HttpConfig config) {
        BoshFixture f = create(config, "<body content='text/xml; charset=utf-8' hold='1' rid='1000' to='example.com'"
                + " ver='1.6' wait='60' xml:lang='en' xmpp:version='1.0' xmlns:xmpp='urn:xmpp:xbosh' " + NS + "/>");
        Answer answer = f.start();
        f.clock.runSoon();
        assertThat(answer.answered()).isTrue();
        return f;
    }

    /** The creation request, answered once the turn ends, with the stream's features. */
    Answer start() {
        Answer a = new Answer();
        session.start(creation, a);
        session.streamOpened("stream-id-1", "example.com");
        session.send("<stream:features xmlns:stream='http://etherx.jabber.org/streams'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>");
        return a;
    }

    Answer send(String bodyXml) {
        Answer a = new Answer();
        session.handle(request(bodyXml), a);
        return a;
    }

    static BoshRequest request(String xml) {
        BoshRequestParser.Result r = PARSER.parse(xml.getBytes(StandardCharsets.UTF_8));
        if (r instanceof BoshRequestParser.Malformed m) {
            throw new IllegalArgumentException(m.reason());
        }
        return ((BoshRequestParser.Parsed) r).request();
    }

    @Override
    public void payloads(List<Element> payloads) {
        delivered.addAll(payloads);
        payloads.forEach(p -> events.add("payload " + p.attribute("id")));
    }

    @Override
    public boolean restart(BoshRequest request) {
        events.add("restart");
        boolean due = restartDue;
        restartDue = false;
        return due;
    }

    @Override
    public void clientTerminated() {
        events.add("clientTerminated");
    }

    @Override
    public void connectionLost() {
        events.add("connectionLost");
    }

    @Override
    public void released() {
        events.add("released");
    }
}
