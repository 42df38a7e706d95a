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
    static final String RSM = "http://jabber.org/protocol/rsm";
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

    void publish(String id) {
        ok(hamlet, "set", "pub-" + id, pubsub("<publish node='" + node + "'><item id='" + id + "'>" + ENTRY + "</item></publish>"));
    }

    @Test
    @DisplayName("§6.5.4 Returning Some Items: XEP-0059 paging of items, as the spec's example")
    void resultSetManagementOnItems() {
        ok(hamlet, "set", "create1", pubsub("<create node='" + node + "'/><configure><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='pubsub#max_items'><value>20</value></field></x></configure>"));
        for (String id : List.of("368866411b877c30064a5f62b917cffe", "3300659945416e274474e469a1f0154c",
                "4e30f35051b7b8b42abe083742187228", "ae890ac52d0df67ed7cfdf51b644e901")) {
            publish(id);
        }
        Element first = ok(francisco, "get", "items1", pubsub("<items node='" + node + "'/>"
                + "<set xmlns='" + RSM + "'><max>3</max></set>")).child("pubsub", PUBSUB);
        assertThat(first.child("items", PUBSUB).elements()).extracting(e -> e.attribute("id")).containsExactly(
                "368866411b877c30064a5f62b917cffe", "3300659945416e274474e469a1f0154c", "4e30f35051b7b8b42abe083742187228");
        Element set = first.child("set", RSM);
        assertThat(set.child("first", RSM).attribute("index")).isEqualTo("0");
        assertThat(set.childText("first", RSM)).isEqualTo("368866411b877c30064a5f62b917cffe");
        assertThat(set.childText("last", RSM)).isEqualTo("4e30f35051b7b8b42abe083742187228");
        assertThat(set.childText("count", RSM)).isEqualTo("4");
        Element next = ok(francisco, "get", "items2", pubsub("<items node='" + node + "'/><set xmlns='" + RSM + "'>"
                + "<max>3</max><after>4e30f35051b7b8b42abe083742187228</after></set>")).child("pubsub", PUBSUB);
        assertThat(next.child("items", PUBSUB).elements()).extracting(e -> e.attribute("id"))
                .containsExactly("ae890ac52d0df67ed7cfdf51b644e901");
        assertThat(next.child("set", RSM).child("first", RSM).attribute("index")).isEqualTo("3");
        // XEP-0059 §2.4: a UID that is not (or no longer) in the set
        PubSubErrorTranscriptTest.expectError(iq(francisco, "get", "items3", pubsub("<items node='" + node + "'/>"
                + "<set xmlns='" + RSM + "'><max>3</max><after>gone</after></set>")), "cancel", "item-not-found", null);
        PubSubErrorTranscriptTest.expectError(iq(francisco, "get", "items4", pubsub("<items node='" + node + "'/>"
                + "<set xmlns='" + RSM + "'><max>many</max></set>")), "modify", "bad-request", null);
        Element info = ok(francisco, "get", "info1", "<query xmlns='http://jabber.org/protocol/disco#info'/>");
        assertThat(info.child("query", "http://jabber.org/protocol/disco#info").elements())
                .extracting(e -> e.attribute("var")).contains(PUBSUB + "#rsm");
    }

    @Test
    @DisplayName("§6.4 Request Default Subscription Configuration Options, with and without a node")
    void defaultSubscriptionOptions() {
        ok(hamlet, "set", "create1", pubsub("<create node='" + node + "'/>"));
        for (String request : List.of("<default node='" + node + "'/>", "<default/>")) {
            Element def = ok(francisco, "get", "def1", pubsub(request)).child("pubsub", PUBSUB).child("default", PUBSUB);
            assertThat(def.attribute("node")).isEqualTo(request.contains("node") ? node : null);
            Element x = def.child("x", DATA);
            assertThat(x.attribute("type")).isEqualTo("result");
            assertThat(fieldValue(x, "FORM_TYPE")).isEqualTo(PUBSUB + "#subscribe_options");
            assertThat(fieldValue(x, "pubsub#deliver")).isEqualTo("1");
            assertThat(fieldValue(x, "pubsub#digest")).isEqualTo("0");
            assertThat(fieldValue(x, "pubsub#include_body")).isEqualTo("0");
        }
        PubSubErrorTranscriptTest.expectError(iq(francisco, "get", "def2", pubsub("<default node='nowhere'/>")),
                "cancel", "item-not-found", null);
        Element info = ok(francisco, "get", "info1", "<query xmlns='http://jabber.org/protocol/disco#info'/>");
        assertThat(info.child("query", "http://jabber.org/protocol/disco#info").elements())
                .extracting(e -> e.attribute("var")).contains(PUBSUB + "#retrieve-default-sub");
    }

    @Test
    @DisplayName("§7.1.2.3 Item Publisher: the 'publisher' attribute with pubsub#itemreply = publisher")
    void itemPublisher() {
        ok(hamlet, "set", "create1", pubsub("<create node='" + node + "'/>")); // itemreply defaults to publisher
        ok(francisco, "set", "sub1", pubsub("<subscribe node='" + node + "' jid='francisco@localhost'/>"));
        // the publisher cannot claim another JID: the attribute on a published item is not kept
        ok(hamlet, "set", "pub1", pubsub("<publish node='" + node + "'><item id='ae890ac52d0df67ed7cfdf51b644e901'"
                + " publisher='claudius@localhost'>" + ENTRY + "</item></publish>"));
        Element item = francisco.expectStanza("message").child("event", EVENT).child("items", EVENT).child("item", EVENT);
        assertThat(item.attribute("publisher")).isEqualTo("hamlet@localhost");
        Element retrieved = ok(francisco, "get", "items1", pubsub("<items node='" + node + "'/>"))
                .child("pubsub", PUBSUB).child("items", PUBSUB).child("item", PUBSUB);
        assertThat(retrieved.attribute("publisher")).isEqualTo("hamlet@localhost"); // "with every other form of item retrieval"
        ok(hamlet, "set", "config1", owner("<configure node='" + node + "'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='pubsub#itemreply'><value>none</value></field></x></configure>"));
        ok(hamlet, "set", "pub2", pubsub("<publish node='" + node + "'><item id='2'>" + ENTRY + "</item></publish>"));
        item = francisco.expectStanza("message").child("event", EVENT).child("items", EVENT).child("item", EVENT);
        assertThat(item.attribute("publisher")).isNull();
    }

    @Test
    @DisplayName("§12.8 Including a Message Body: pubsub#include_body, for Atom payloads only")
    void includeBody() {
        ok(hamlet, "set", "create1", pubsub("<create node='" + node + "'/>"));
        ok(francisco, "set", "sub1", pubsub("<subscribe node='" + node + "' jid='francisco@localhost'/><options>"
                + "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>" + PUBSUB
                + "#subscribe_options</value></field><field var='pubsub#include_body'><value>true</value></field></x></options>"));
        ok(bernardo, "set", "sub2", pubsub("<subscribe node='" + node + "' jid='bernardo@localhost'/>"));
        publish("1");
        Element withBody = francisco.expectStanza("message");
        assertThat(withBody.childText("body", "jabber:client")).isEqualTo("Soliloquy\nTo be, or not to be: that is the question");
        assertThat(withBody.child("event", EVENT)).isNotNull();
        assertThat(bernardo.expectStanza("message").child("body", "jabber:client")).isNull();
        // a payload the service does not understand: no body (§12.8 SHOULD NOT), the event as usual
        ok(hamlet, "set", "pub2", pubsub("<publish node='" + node + "'><item id='2'><geoloc xmlns='"
                + "http://jabber.org/protocol/geoloc'><lat>45.44</lat></geoloc></item></publish>"));
        Element unknown = francisco.expectStanza("message");
        assertThat(unknown.child("body", "jabber:client")).isNull();
        assertThat(unknown.child("event", EVENT)).isNotNull();
        bernardo.expectStanza("message");
    }

    /** Creates an authorize node and has {@code who} ask to subscribe; returns the owner's request form. */
    Element pendingRequest(RawXmppClient who, String jid) {
        Element sub = ok(who, "set", "sub1", pubsub("<subscribe node='" + node + "' jid='" + jid + "'/>"))
                .child("pubsub", PUBSUB).child("subscription", PUBSUB);
        assertThat(sub.attribute("subscription")).isEqualTo("pending"); // §6.1.4 'Service replies with pending'
        Element request = hamlet.expectStanza("message"); // §8.6 'Service sends authorization request to node owner'
        assertThat(request.attribute("type")).isNull();
        assertThat(request.attribute("id")).isNotBlank();
        Element form = request.child("x", DATA);
        assertThat(form.attribute("type")).isEqualTo("form");
        assertThat(fieldValue(form, "FORM_TYPE")).isEqualTo(PUBSUB + "#subscribe_authorization");
        assertThat(fieldValue(form, "pubsub#node")).isEqualTo(node);
        assertThat(fieldValue(form, "pubsub#subscriber_jid")).isEqualTo(jid);
        assertThat(fieldValue(form, "pubsub#allow")).isEqualTo("0");
        assertThat(fieldValue(form, "pubsub#subid")).isEqualTo(sub.attribute("subid"));
        return request;
    }

    static String answer(Element request, boolean allow) {
        Element form = request.child("x", DATA);
        return "<message to='pubsub.localhost' id='" + request.attribute("id") + "'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>" + PUBSUB + "#subscribe_authorization</value></field>"
                + "<field var='pubsub#subid'><value>" + fieldValue(form, "pubsub#subid") + "</value></field>"
                + "<field var='pubsub#node'><value>" + fieldValue(form, "pubsub#node") + "</value></field>"
                + "<field var='pubsub#subscriber_jid'><value>" + fieldValue(form, "pubsub#subscriber_jid") + "</value></field>"
                + "<field var='pubsub#allow'><value>" + allow + "</value></field></x></message>";
    }

    @Test
    @DisplayName("§8.6 Manage Subscription Requests: approval and denial, and the subscribers' notifications (§12.14)")
    void approvalAndDenialNotifyTheSubscriber() {
        ok(hamlet, "set", "create1", pubsub("<create node='" + node + "'/><configure><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='pubsub#access_model'><value>authorize</value></field>"
                + "<field var='pubsub#notify_sub'><value>1</value></field></x></configure>"));
        Element request = pendingRequest(francisco, "francisco@localhost");
        hamlet.send(answer(request, true)); // §8.6 'Owner approves subscription request'
        Element approved = francisco.expectStanza("message"); // §8.6 'Subscription approval notification'
        assertThat(approved.attribute("from")).isEqualTo("pubsub.localhost");
        assertThat(approved.attribute("to")).isEqualTo("francisco@localhost");
        Element subscription = approved.child("event", EVENT).child("subscription", EVENT);
        assertThat(subscription.attribute("node")).isEqualTo(node);
        assertThat(subscription.attribute("jid")).isEqualTo("francisco@localhost");
        assertThat(subscription.attribute("subscription")).isEqualTo("subscribed");
        // pubsub#notify_sub: the owner hears of the new subscriber
        assertThat(hamlet.expectStanza("message").child("event", EVENT).child("subscription", EVENT).attribute("jid"))
                .isEqualTo("francisco@localhost");

        request = pendingRequest(bernardo, "bernardo@localhost");
        hamlet.send(answer(request, false)); // §8.6 'Owner denies subscription request'
        Element denied = bernardo.expectStanza("message"); // §8.6 'Subscription cancellation / denial notification'
        assertThat(denied.child("event", EVENT).child("subscription", EVENT).attribute("subscription")).isEqualTo("none");
        Element subs = ok(hamlet, "get", "subman1", owner("<subscriptions node='" + node + "'/>"))
                .child("pubsub", OWNER).child("subscriptions", OWNER);
        assertThat(subs.elements()).extracting(e -> e.attribute("jid")).containsExactly("francisco@localhost");
    }

    static final String COMMANDS = "http://jabber.org/protocol/commands";

    static String execute(String sessionAndPayload) {
        return "<command xmlns='" + COMMANDS + "' node='" + PUBSUB + "#get-pending' " + sessionAndPayload + "</command>";
    }

    @Test
    @DisplayName("§8.7 Process Pending Subscription Requests: the get-pending ad-hoc command (XEP-0050)")
    void getPending() {
        Element info = ok(hamlet, "get", "info1", "<query xmlns='http://jabber.org/protocol/disco#info'/>")
                .child("query", "http://jabber.org/protocol/disco#info");
        assertThat(info.elements()).extracting(e -> e.attribute("var")).contains(COMMANDS, PUBSUB + "#get-pending");
        Element commands = ok(hamlet, "get", "items1", "<query xmlns='http://jabber.org/protocol/disco#items' node='"
                + COMMANDS + "'/>").child("query", "http://jabber.org/protocol/disco#items");
        assertThat(commands.elements()).singleElement().satisfies(i -> {
            assertThat(i.attribute("jid")).isEqualTo("pubsub.localhost");
            assertThat(i.attribute("node")).isEqualTo(PUBSUB + "#get-pending");
        });
        Element identity = ok(hamlet, "get", "info2", "<query xmlns='http://jabber.org/protocol/disco#info' node='"
                + PUBSUB + "#get-pending'/>").child("query", "http://jabber.org/protocol/disco#info")
                .child("identity", "http://jabber.org/protocol/disco#info");
        assertThat(identity.attribute("category")).isEqualTo("automation");
        assertThat(identity.attribute("type")).isEqualTo("command-node");

        ok(hamlet, "set", "create1", pubsub("<create node='" + node + "'/><configure><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='pubsub#access_model'><value>authorize</value></field></x></configure>"));
        pendingRequest(francisco, "francisco@localhost");
        pendingRequest(bernardo, "bernardo@localhost");

        // §8.7.1 / §8.7.2: execute; the form lists hamlet's nodes
        Element first = ok(hamlet, "set", "pending1", execute("action='execute'>")).child("command", COMMANDS);
        assertThat(first.attribute("status")).isEqualTo("executing");
        String session = first.attribute("sessionid");
        assertThat(session).isNotBlank();
        Element form = first.child("x", DATA);
        assertThat(fieldValue(form, "FORM_TYPE")).isEqualTo(PUBSUB + "#subscribe_authorization");
        Element field = form.elements().stream().filter(f -> "pubsub#node".equals(f.attribute("var"))).findFirst().orElseThrow();
        assertThat(field.attribute("type")).isEqualTo("list-single");
        assertThat(field.elements()).extracting(o -> o.childText("value", DATA)).contains(node);

        // §8.7.4: submit a node; completed, then one §8.6 request per pending subscription
        Element done = ok(hamlet, "set", "pending2", execute("sessionid='" + session + "' action='execute'>"
                + "<x xmlns='jabber:x:data' type='submit'><field var='pubsub#node'><value>" + node + "</value></field></x>"))
                .child("command", COMMANDS);
        assertThat(done.attribute("status")).isEqualTo("completed");
        assertThat(done.attribute("sessionid")).isEqualTo(session);
        List<String> subscribers = List.of(hamlet.expectStanza("message"), hamlet.expectStanza("message")).stream()
                .map(m -> fieldValue(m.child("x", DATA), "pubsub#subscriber_jid")).toList();
        assertThat(subscribers).containsExactlyInAnyOrder("francisco@localhost", "bernardo@localhost");

        // XEP-0050 §3.4: cancel
        assertThat(ok(hamlet, "set", "pending3", execute("sessionid='" + session + "' action='cancel'>"))
                .child("command", COMMANDS).attribute("status")).isEqualTo("canceled");
    }

    @Test
    @DisplayName("§8.7.3 get-pending errors: forbidden (§8.7.3.3), item-not-found (§8.7.3.4), XEP-0050's own")
    void getPendingErrors() {
        ok(hamlet, "set", "create1", pubsub("<create node='" + node + "'/>"));
        String submit = "<x xmlns='jabber:x:data' type='submit'><field var='pubsub#node'><value>" + node + "</value></field></x>";
        // §8.7.3.3: bernardo owns no node, and is no owner of this one
        PubSubErrorTranscriptTest.expectError(iq(bernardo, "set", "p1", execute("action='execute'>")), "auth", "forbidden", null);
        PubSubErrorTranscriptTest.expectError(iq(bernardo, "set", "p2", execute("sessionid='s' action='execute'>" + submit)),
                "auth", "forbidden", null);
        // §8.7.3.4
        PubSubErrorTranscriptTest.expectError(iq(hamlet, "set", "p3", execute("sessionid='s' action='execute'>"
                + "<x xmlns='jabber:x:data' type='submit'><field var='pubsub#node'><value>nowhere</value></field></x>")),
                "cancel", "item-not-found", null);
        // XEP-0050 §4.4: a one-stage command has no next stage; a form without the node is a bad payload
        Element badAction = PubSubErrorTranscriptTest.expectError(iq(hamlet, "set", "p4", execute("action='next'>")),
                "modify", "bad-request", null);
        assertThat(badAction.child("bad-action", COMMANDS)).isNotNull();
        Element badPayload = PubSubErrorTranscriptTest.expectError(iq(hamlet, "set", "p5", execute("sessionid='s'>"
                + "<x xmlns='jabber:x:data' type='submit'/>")), "modify", "bad-request", null);
        assertThat(badPayload.child("bad-payload", COMMANDS)).isNotNull();
        PubSubErrorTranscriptTest.expectError(iq(hamlet, "set", "p6", "<command xmlns='" + COMMANDS
                + "' node='no-such-command' action='execute'/>"), "cancel", "item-not-found", null);
    }
}
