package org.chasqui.broker.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.broker.pubsub.PubSubErrorTranscriptTest.iq;
import static org.chasqui.broker.pubsub.PubSubErrorTranscriptTest.ok;
import static org.chasqui.broker.pubsub.PubSubErrorTranscriptTest.owner;
import static org.chasqui.broker.pubsub.PubSubErrorTranscriptTest.pubsub;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XEP-0060 features beyond the basics, as transcripts with the spec's examples: default node and
 * subscription configurations, result set management on items (XEP-0059), get-pending (XEP-0050),
 * message bodies, the publisher attribute and subscription state notifications. One server and one
 * login per client for the whole class; each test uses its own node.
 */
class PubSubFeatureTranscriptTest {

    static final String PUBSUB = PubSubErrorTranscriptTest.PUBSUB;
    static final String OWNER = PubSubErrorTranscriptTest.OWNER;
    static final String EVENT = PUBSUB + "#event";
    static final String DATA = "jabber:x:data";
    static final String ENTRY = "<entry xmlns='http://www.w3.org/2005/Atom'><title>Soliloquy</title>"
            + "<summary>To be, or not to be: that is the question</summary></entry>";

    @TempDir
    static Path dataDir;
    static TestServer server;
    static RawXmppClient hamlet;
    static RawXmppClient francisco;
    static RawXmppClient bernardo;
    static int run;
    String node;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
        server.addUser("hamlet", "to be or not");
        server.addUser("francisco", "who goes there");
        server.addUser("bernardo", "long live the king");
        hamlet = online("hamlet", "to be or not", "elsinore");
        francisco = online("francisco", "who goes there", "barracks");
        bernardo = online("bernardo", "long live the king", "globe");
    }

    private static RawXmppClient online(String user, String password, String resource) throws Exception {
        RawXmppClient c = RawXmppClient.login(server, user, password, resource);
        c.send("<presence/>");
        c.expectStanza("presence");
        return c;
    }

    @AfterAll
    static void stop() {
        for (RawXmppClient c : new RawXmppClient[] {hamlet, francisco, bernardo}) {
            c.closeStream();
            c.close();
        }
        server.close();
    }

    @BeforeEach
    void freshNode() {
        node = "features_" + (++run);
    }

    @AfterEach
    void nothingLeftOver() {
        for (RawXmppClient c : new RawXmppClient[] {hamlet, francisco, bernardo}) {
            c.expectNothing(Duration.ZERO);
        }
    }

    static String fieldValue(Element form, String var) {
        List<String> values = fieldValues(form, var);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static List<String> fieldValues(Element form, String var) {
        for (Element f : form.elements()) {
            if (var.equals(f.attribute("var"))) {
                return f.elements().stream().filter(v -> v.is("value", DATA)).map(Element::text).toList();
            }
        }
        return null;
    }

    @Test
    @DisplayName("§8.3.2: <default type='collection'/> gives the collection's default configuration")
    void defaultConfigurationOfACollection() {
        Element leaf = ok(hamlet, "get", "def1", owner("<default/>")).child("pubsub", OWNER).child("default", OWNER)
                .child("x", DATA);
        assertThat(fieldValue(leaf, "pubsub#node_type")).isEqualTo("leaf");
        Element collection = ok(hamlet, "get", "def1collection", owner("<default type='collection'/>"))
                .child("pubsub", OWNER).child("default", OWNER).child("x", DATA);
        assertThat(fieldValue(collection, "pubsub#node_type")).isEqualTo("collection");
        PubSubErrorTranscriptTest.expectError(iq(hamlet, "get", "def2", owner("<default type='tree'/>")),
                "modify", "bad-request", null);
    }
}
