package org.chasqui.broker.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XEP-0060 error cases decided by the stanza translation (a request that is malformed before any node
 * is looked at) and the error stanzas as they go on the wire, one test per case, named after its
 * section. The engine's own error decisions are unit-tested in pubsub-engine (*UseCasesErrorsTest). One
 * server and one login per client for the whole class; each test uses its own node.
 */
class PubSubErrorTranscriptTest {

    static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String OWNER = PUBSUB + "#owner";
    static final String ERRORS = PUBSUB + "#errors";
    static final String ENTRY = "<entry xmlns='http://www.w3.org/2005/Atom'><title>Soliloquy</title></entry>";

    @TempDir
    static Path dataDir;
    static TestServer server;
    static RawXmppClient hamlet;
    static RawXmppClient francisco;
    static int run;
    String node;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
        server.addUser("hamlet", "to be or not");
        server.addUser("francisco", "who goes there");
        hamlet = online("hamlet", "to be or not", "elsinore");
        francisco = online("francisco", "who goes there", "barracks");
    }

    private static RawXmppClient online(String user, String password, String resource) throws Exception {
        RawXmppClient c = RawXmppClient.login(server, user, password, resource);
        c.send("<presence/>");
        c.expectStanza("presence");
        return c;
    }

    @AfterAll
    static void stop() {
        for (RawXmppClient c : new RawXmppClient[] {hamlet, francisco}) {
            c.closeStream();
            c.close();
        }
        server.close();
    }

    @BeforeEach
    void freshNode() {
        node = "errors_" + (++run);
    }

    @AfterEach
    void nothingLeftOver() {
        hamlet.expectNothing(Duration.ZERO);
        francisco.expectNothing(Duration.ZERO);
    }

    /** Sends an IQ to the service and returns the answer with that id. */
    static Element iq(RawXmppClient c, String type, String id, String payload) {
        c.send("<iq type='" + type + "' to='pubsub.localhost' id='" + id + "'>" + payload + "</iq>");
        Element reply = c.expectStanza("iq");
        assertThat(reply.attribute("id")).isEqualTo(id);
        return reply;
    }

    static Element ok(RawXmppClient c, String type, String id, String payload) {
        Element reply = iq(c, type, id, payload);
        assertThat(reply.attribute("type")).as(reply.toString()).isEqualTo("result");
        return reply;
    }

    /** The reply is an error of this type and condition, with this pubsub-specific condition (or none). */
    static Element expectError(Element reply, String type, String condition, String specific) {
        assertThat(reply.attribute("type")).as(reply.toString()).isEqualTo("error");
        Element error = reply.child("error", Namespaces.CLIENT);
        assertThat(error.attribute("type")).as(reply.toString()).isEqualTo(type);
        assertThat(error.child(condition, Namespaces.STANZAS)).as(reply.toString()).isNotNull();
        Element pubsubSpecific = error.firstChildIn(ERRORS);
        if (specific == null) {
            assertThat(pubsubSpecific).as(reply.toString()).isNull();
        } else {
            assertThat(pubsubSpecific).as(reply.toString()).isNotNull();
            assertThat(pubsubSpecific.name()).isEqualTo(specific);
        }
        return error;
    }

    void create() {
        ok(hamlet, "set", "create1", "<pubsub xmlns='" + PUBSUB + "'><create node='" + node + "'/></pubsub>");
    }

    static String pubsub(String body) {
        return "<pubsub xmlns='" + PUBSUB + "'>" + body + "</pubsub>";
    }

    static String owner(String body) {
        return "<pubsub xmlns='" + OWNER + "'>" + body + "</pubsub>";
    }

    @Test
    @DisplayName("§6.1.3.9 Too Many Subscriptions: type 'wait' as in the spec's example")
    void subscribe_6_1_3_9_tooManySubscriptionsOnTheWire() {
        create();
        String subscribeWithOptions = pubsub("<subscribe node='" + node + "' jid='francisco@localhost'/>"
                + "<options><x xmlns='jabber:x:data' type='submit'><field var='pubsub#deliver'><value>1</value></field>"
                + "</x></options>");
        for (int i = 0; i < 16; i++) { // PubSubConfig.MAX_SUBSCRIPTIONS_PER_JID
            ok(francisco, "set", "sub" + i, subscribeWithOptions);
        }
        expectError(iq(francisco, "set", "sub16", subscribeWithOptions), "wait", "policy-violation", "too-many-subscriptions");
    }

    @Test
    @DisplayName("§8.1.3 Create and Configure: a <configure/> with a node attribute is bad-request")
    void create_8_1_3_configureWithANodeAttribute() {
        expectError(iq(hamlet, "set", "create1", pubsub("<create node='" + node + "'/><configure node='" + node + "'>"
                + "<x xmlns='jabber:x:data' type='submit'><field var='pubsub#title'><value>t</value></field></x>"
                + "</configure>")), "modify", "bad-request", null);
        expectError(iq(hamlet, "get", "config1", owner("<configure node='" + node + "'/>")), "cancel", "item-not-found", null);
    }

    @Test
    @DisplayName("§6.3.7 Subscribe and Configure: an <options/> with a node or jid attribute is bad-request")
    void subscribe_6_3_7_optionsWithNodeOrJid() {
        create();
        String form = "<x xmlns='jabber:x:data' type='submit'><field var='pubsub#deliver'><value>1</value></field></x>";
        expectError(iq(francisco, "set", "sub1", pubsub("<subscribe node='" + node + "' jid='francisco@localhost'/>"
                + "<options node='" + node + "'>" + form + "</options>")), "modify", "bad-request", null);
        expectError(iq(francisco, "set", "sub2", pubsub("<subscribe node='" + node + "' jid='francisco@localhost'/>"
                + "<options jid='francisco@localhost'>" + form + "</options>")), "modify", "bad-request", null);
        Element subs = ok(francisco, "get", "subs1", pubsub("<subscriptions node='" + node + "'/>"))
                .child("pubsub", PUBSUB).child("subscriptions", PUBSUB);
        assertThat(subs.elements()).isEmpty();
    }

    @Test
    @DisplayName("§7.1.3.6 Bad Payload: two payload elements, or a namespace other than pubsub#type")
    void publish_7_1_3_6_badPayload() {
        ok(hamlet, "set", "create1", pubsub("<create node='" + node + "'/><configure><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='pubsub#type'><value>http://www.w3.org/2005/Atom</value></field></x></configure>"));
        expectError(iq(hamlet, "set", "publish1", pubsub("<publish node='" + node + "'><item id='1'>"
                + ENTRY + "<x xmlns='urn:x'/></item></publish>")), "modify", "bad-request", "invalid-payload");
        expectError(iq(hamlet, "set", "publish2", pubsub("<publish node='" + node + "'><item id='1'>"
                + "<geoloc xmlns='http://jabber.org/protocol/geoloc'/></item></publish>")), "modify", "bad-request", "invalid-payload");
        ok(hamlet, "set", "publish3", pubsub("<publish node='" + node + "'><item id='1'>" + ENTRY + "</item></publish>"));
    }

    static String form(String formType, String field, String value) {
        return "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>" + formType
                + "</value></field><field var='" + field + "'><value>" + value + "</value></field></x>";
    }

    @Test
    @DisplayName("§6.3.5, §7.1.5, §8.2.4: a form whose FORM_TYPE names another form is bad-request")
    void formsOfTheWrongType() {
        String nodeConfig = PUBSUB + "#node_config";
        String subscribeOptions = PUBSUB + "#subscribe_options";
        expectError(iq(hamlet, "set", "create1", pubsub("<create node='" + node + "'/><configure>"
                + form(subscribeOptions, "pubsub#title", "t") + "</configure>")), "modify", "bad-request", null);
        ok(hamlet, "set", "create2", pubsub("<create node='" + node + "'/><configure>"
                + form(nodeConfig, "pubsub#title", "t") + "</configure>"));
        expectError(iq(hamlet, "set", "config1", owner("<configure node='" + node + "'>"
                + form(PUBSUB + "#meta-data", "pubsub#title", "t") + "</configure>")), "modify", "bad-request", null);
        expectError(iq(hamlet, "set", "publish1", pubsub("<publish node='" + node + "'><item id='1'>" + ENTRY + "</item></publish>"
                + "<publish-options>" + form(nodeConfig, "pubsub#access_model", "open") + "</publish-options>")),
                "modify", "bad-request", null);
        ok(hamlet, "set", "publish2", pubsub("<publish node='" + node + "'><item id='1'>" + ENTRY + "</item></publish>"
                + "<publish-options>" + form(PUBSUB + "#publish-options", "pubsub#access_model", "open") + "</publish-options>"));
        expectError(iq(francisco, "set", "sub1", pubsub("<subscribe node='" + node + "' jid='francisco@localhost'/><options>"
                + form(nodeConfig, "pubsub#deliver", "1") + "</options>")), "modify", "bad-request", null);
        ok(francisco, "set", "sub2", pubsub("<subscribe node='" + node + "' jid='francisco@localhost'/>"));
        expectError(iq(francisco, "set", "options1", pubsub("<options node='" + node + "' jid='francisco@localhost'>"
                + form(nodeConfig, "pubsub#deliver", "1") + "</options>")), "modify", "bad-request", null);
        ok(francisco, "set", "options2", pubsub("<options node='" + node + "' jid='francisco@localhost'>"
                + form(subscribeOptions, "pubsub#deliver", "1") + "</options>"));
    }

    @Test
    @DisplayName("§6.2.3.2 / §6.3.4.2 No Such Subscriber: unexpected-request + not-subscribed, type 'cancel'")
    void unsubscribe_6_2_3_2_notSubscribedOnTheWire() {
        create();
        expectError(iq(francisco, "set", "unsub1", pubsub("<unsubscribe node='" + node + "' jid='francisco@localhost'/>")),
                "cancel", "unexpected-request", "not-subscribed");
        expectError(iq(francisco, "get", "options1", pubsub("<options node='" + node + "' jid='francisco@localhost'/>")),
                "cancel", "unexpected-request", "not-subscribed");
    }

    @Test
    @DisplayName("§7.2.3.3 / §7.2.3.4: a retract without a node, or an <item/> without an id")
    void retract_7_2_3_3_and_7_2_3_4_onTheWire() {
        create();
        ok(hamlet, "set", "publish1", pubsub("<publish node='" + node + "'><item id='1'>" + ENTRY + "</item></publish>"));
        expectError(iq(hamlet, "set", "retract1", pubsub("<retract><item id='1'/></retract>")),
                "modify", "bad-request", "nodeid-required");
        expectError(iq(hamlet, "set", "retract2", pubsub("<retract node='" + node + "'><item/></retract>")),
                "modify", "bad-request", "item-required");
        expectError(iq(hamlet, "set", "retract3", pubsub("<retract node='" + node + "'/>")),
                "modify", "bad-request", "item-required");
    }

    @Test
    @DisplayName("NodeID required: requests without a node attribute (§6.1.1, §6.3.1, §6.5.1, §7.1.1, §8.2.3.3, §8.4.1)")
    void requestsWithoutANode() {
        for (String request : List.of(pubsub("<subscribe jid='francisco@localhost'/>"),
                pubsub("<unsubscribe jid='francisco@localhost'/>"), pubsub("<publish><item>" + ENTRY + "</item></publish>"))) {
            expectError(iq(hamlet, "set", "nonode", request), "modify", "bad-request", "nodeid-required");
        }
        for (String request : List.of(pubsub("<options jid='hamlet@localhost'/>"), pubsub("<items/>"), owner("<configure/>"),
                owner("<subscriptions/>"), owner("<affiliations/>"))) {
            expectError(iq(hamlet, "get", "nonode", request), "modify", "bad-request", "nodeid-required");
        }
        for (String request : List.of(owner("<delete/>"), owner("<purge/>"))) {
            expectError(iq(hamlet, "set", "nonode", request), "modify", "bad-request", "nodeid-required");
        }
    }

    @Test
    @DisplayName("§8.9.2.4: two <affiliation/> elements for one entity are bad-request")
    void affiliations_8_9_2_4_twoEntriesForOneEntity() {
        create();
        expectError(iq(hamlet, "set", "ent1", owner("<affiliations node='" + node + "'>"
                + "<affiliation jid='francisco@localhost' affiliation='publisher'/>"
                + "<affiliation jid='francisco@localhost/barracks' affiliation='outcast'/></affiliations>")),
                "modify", "bad-request", null);
        Element list = ok(hamlet, "get", "ent2", owner("<affiliations node='" + node + "'/>"))
                .child("pubsub", OWNER).child("affiliations", OWNER);
        assertThat(list.elements()).extracting(e -> e.attribute("jid")).containsExactly("hamlet@localhost");
    }

    @Test
    @DisplayName("Malformed requests: bad-request before any node is looked at")
    void malformedRequests() {
        create();
        // a data form without a type (XEP-0004 §3.1), an options submission without a form
        expectError(iq(hamlet, "set", "config1", owner("<configure node='" + node + "'><x xmlns='jabber:x:data'>"
                + "<field var='pubsub#title'><value>t</value></field></x></configure>")), "modify", "bad-request", null);
        expectError(iq(hamlet, "set", "config2", owner("<configure node='" + node + "'/>")), "modify", "bad-request", null);
        expectError(iq(francisco, "set", "options1", pubsub("<options node='" + node + "' jid='francisco@localhost'/>")),
                "modify", "bad-request", null);
        // a JID that is no JID; a max_items that is no number; an unknown subscription state
        expectError(iq(francisco, "set", "sub1", pubsub("<subscribe node='" + node + "' jid='@localhost'/>")),
                "modify", "bad-request", null);
        expectError(iq(francisco, "get", "items1", pubsub("<items node='" + node + "' max_items='two'/>")),
                "modify", "bad-request", null);
        expectError(iq(hamlet, "set", "subman1", owner("<subscriptions node='" + node + "'>"
                + "<subscription jid='francisco@localhost' subscription='maybe'/></subscriptions>")), "modify", "bad-request", null);
        // the wrong IQ type for a request, an empty <pubsub/>
        expectError(iq(hamlet, "get", "publish1", pubsub("<publish node='" + node + "'><item>" + ENTRY + "</item></publish>")),
                "modify", "bad-request", null);
        expectError(iq(hamlet, "set", "items2", pubsub("<items node='" + node + "'/>")), "modify", "bad-request", null);
        expectError(iq(hamlet, "get", "empty1", pubsub("")), "modify", "bad-request", null);
        // a request this service does not know: feature-not-implemented
        expectError(iq(hamlet, "get", "unknown1", pubsub("<versions node='" + node + "'/>")), "cancel", "feature-not-implemented", null);
    }
}
