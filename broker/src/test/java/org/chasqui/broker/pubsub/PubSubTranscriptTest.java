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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XEP-0060 examples on real sockets, with the spec's cast mapped to our domain: hamlet owns and
 * publishes, francisco and bernardo subscribe; the service is pubsub.localhost.
 */
class PubSubTranscriptTest {

    static final Duration QUIET = Duration.ofMillis(300);
    static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String OWNER = PUBSUB + "#owner";
    static final String EVENT = PUBSUB + "#event";
    static final String ERRORS = PUBSUB + "#errors";
    static final String ENTRY = "<entry xmlns='http://www.w3.org/2005/Atom'><title>Soliloquy</title>"
            + "<summary>To be, or not to be: that is the question</summary></entry>";

    @TempDir
    static Path dataDir;
    static TestServer server;
    static int run;
    RawXmppClient hamlet;
    RawXmppClient francisco;
    RawXmppClient bernardo;
    String node;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
        server.addUser("hamlet", "to be or not");
        server.addUser("francisco", "who goes there");
        server.addUser("bernardo", "long live the king");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void login() throws Exception {
        hamlet = online("hamlet", "to be or not", "elsinore");
        francisco = online("francisco", "who goes there", "barracks");
        bernardo = online("bernardo", "long live the king", "globe");
        node = "princely_musings_" + (++run);
    }

    @AfterEach
    void logout() {
        for (RawXmppClient c : new RawXmppClient[] {hamlet, francisco, bernardo}) {
            c.expectNothing(Duration.ZERO);
            c.closeStream();
            c.close();
        }
    }

    private static RawXmppClient online(String user, String password, String resource) throws Exception {
        RawXmppClient c = RawXmppClient.login(server, user, password, resource);
        c.send("<presence/>");
        c.expectStanza("presence");
        return c;
    }

    /** Sends an IQ to the service and returns the answer with that id. */
    private static Element iq(RawXmppClient c, String type, String id, String payload) {
        c.send("<iq type='" + type + "' to='pubsub.localhost' id='" + id + "'>" + payload + "</iq>");
        Element reply = c.expectStanza("iq");
        assertThat(reply.attribute("id")).isEqualTo(id);
        assertThat(reply.attribute("from")).isEqualTo("pubsub.localhost");
        return reply;
    }

    private static Element ok(RawXmppClient c, String type, String id, String payload) {
        Element reply = iq(c, type, id, payload);
        assertThat(reply.attribute("type")).as(reply.toString()).isEqualTo("result");
        return reply;
    }

    private static void expectError(Element reply, String condition, String specific) {
        assertThat(reply.attribute("type")).as(reply.toString()).isEqualTo("error");
        Element error = reply.child("error", Namespaces.CLIENT);
        assertThat(error.child(condition, Namespaces.STANZAS)).as(reply.toString()).isNotNull();
        if (specific != null) {
            assertThat(error.child(specific, ERRORS)).as(reply.toString()).isNotNull();
        }
    }

    private void create() {
        ok(hamlet, "set", "create1", "<pubsub xmlns='" + PUBSUB + "'><create node='" + node + "'/></pubsub>");
    }

    private void subscribe(RawXmppClient c, String jid) {
        Element reply = ok(c, "set", "sub1", "<pubsub xmlns='" + PUBSUB + "'><subscribe node='" + node
                + "' jid='" + jid + "'/></pubsub>");
        Element sub = reply.child("pubsub", PUBSUB).child("subscription", PUBSUB);
        assertThat(sub.attribute("node")).isEqualTo(node);
        assertThat(sub.attribute("jid")).isEqualTo(jid);
        assertThat(sub.attribute("subscription")).isEqualTo("subscribed");
        assertThat(sub.attribute("subid")).isNotBlank();
    }

    @Test
    void theDomainListsTheServiceAndTheServiceDescribesItself() {
        hamlet.send("<iq type='get' to='localhost' id='items1'><query xmlns='" + Namespaces.DISCO_ITEMS + "'/></iq>");
        Element items = hamlet.expectStanza("iq").child("query", Namespaces.DISCO_ITEMS);
        assertThat(items.elements()).extracting(e -> e.attribute("jid")).contains("pubsub.localhost");
        Element info = ok(hamlet, "get", "info1", "<query xmlns='" + Namespaces.DISCO_INFO + "'/>")
                .child("query", Namespaces.DISCO_INFO);
        Element identity = info.child("identity", Namespaces.DISCO_INFO);
        assertThat(identity.attribute("category")).isEqualTo("pubsub");
        assertThat(identity.attribute("type")).isEqualTo("service");
        assertThat(info.elements()).extracting(e -> e.attribute("var"))
                .contains(PUBSUB, PUBSUB + "#publish", PUBSUB + "#subscribe", PUBSUB + "#multi-subscribe",
                        PUBSUB + "#digest", PUBSUB + "#rsm")
                .doesNotContain(PUBSUB + "#presence-subscribe");
    }

    @Test
    void publishReachesSubscribersWithPayloadAndItemsCanBeRetrieved() {
        create();
        subscribe(francisco, "francisco@localhost");
        subscribe(bernardo, "bernardo@localhost/globe");
        // XEP-0060 Example 99: publish with an item id
        Element published = ok(hamlet, "set", "publish1", "<pubsub xmlns='" + PUBSUB + "'><publish node='" + node
                + "'><item id='ae890ac52d'>" + ENTRY + "</item></publish></pubsub>");
        assertThat(published.child("pubsub", PUBSUB).child("publish", PUBSUB).child("item", PUBSUB).attribute("id"))
                .isEqualTo("ae890ac52d");
        // Example 101: the notification, with the payload
        for (RawXmppClient c : List.of(francisco, bernardo)) {
            Element m = c.expectStanza("message");
            assertThat(m.attribute("from")).isEqualTo("pubsub.localhost");
            assertThat(m.attribute("type")).isEqualTo("headline");
            Element items = m.child("event", EVENT).child("items", EVENT);
            assertThat(items.attribute("node")).isEqualTo(node);
            Element item = items.child("item", EVENT);
            assertThat(item.attribute("id")).isEqualTo("ae890ac52d");
            assertThat(item.firstElement().childText("title", "http://www.w3.org/2005/Atom")).isEqualTo("Soliloquy");
        }
        // Example 78: retrieve all items
        Element items = ok(francisco, "get", "items1", "<pubsub xmlns='" + PUBSUB + "'><items node='" + node + "'/></pubsub>")
                .child("pubsub", PUBSUB).child("items", PUBSUB);
        assertThat(items.elements()).singleElement().satisfies(i -> assertThat(i.attribute("id")).isEqualTo("ae890ac52d"));
    }

    @Test
    void retractNotifiesAndPurgeAndDeleteToo() {
        ok(hamlet, "set", "create1", "<pubsub xmlns='" + PUBSUB + "'><create node='" + node + "'/>"
                + "<configure><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>" + OWNER.replace("#owner", "#node_config") + "</value></field>"
                + "<field var='pubsub#notify_retract'><value>1</value></field>"
                + "<field var='pubsub#notify_delete'><value>1</value></field></x></configure></pubsub>");
        subscribe(francisco, "francisco@localhost");
        ok(hamlet, "set", "publish1", "<pubsub xmlns='" + PUBSUB + "'><publish node='" + node
                + "'><item id='1'>" + ENTRY + "</item></publish></pubsub>");
        francisco.expectStanza("message");
        // Example 115 / 117: retract with notify
        ok(hamlet, "set", "retract1", "<pubsub xmlns='" + PUBSUB + "'><retract node='" + node
                + "' notify='true'><item id='1'/></retract></pubsub>");
        Element retract = francisco.expectStanza("message").child("event", EVENT).child("items", EVENT).child("retract", EVENT);
        assertThat(retract.attribute("id")).isEqualTo("1");
        // Example 159 / 161: purge
        ok(hamlet, "set", "purge1", "<pubsub xmlns='" + OWNER + "'><purge node='" + node + "'/></pubsub>");
        assertThat(francisco.expectStanza("message").child("event", EVENT).child("purge", EVENT).attribute("node")).isEqualTo(node);
        // Example 154 / 156: delete with redirect
        ok(hamlet, "set", "delete1", "<pubsub xmlns='" + OWNER + "'><delete node='" + node
                + "'><redirect uri='xmpp:hamlet@localhost?;node=blog'/></delete></pubsub>");
        Element delete = francisco.expectStanza("message").child("event", EVENT).child("delete", EVENT);
        assertThat(delete.child("redirect", EVENT).attribute("uri")).isEqualTo("xmpp:hamlet@localhost?;node=blog");
        expectError(iq(francisco, "get", "items2", "<pubsub xmlns='" + PUBSUB + "'><items node='" + node + "'/></pubsub>"),
                "item-not-found", null);
    }

    @Test
    void errorsCarryThePubsubSpecificCondition() {
        create();
        // Example 40: subscribing another JID
        expectError(iq(francisco, "set", "sub1", "<pubsub xmlns='" + PUBSUB + "'><subscribe node='" + node
                + "' jid='bernardo@localhost'/></pubsub>"), "bad-request", "invalid-jid");
        // Example 104: publishing without the right
        expectError(iq(francisco, "set", "pub1", "<pubsub xmlns='" + PUBSUB + "'><publish node='" + node
                + "'><item>" + ENTRY + "</item></publish></pubsub>"), "forbidden", null);
        // Example 105: no such node (auto-create makes francisco the owner of a new one instead, so use retract)
        expectError(iq(francisco, "set", "ret1", "<pubsub xmlns='" + PUBSUB + "'><retract node='nope'><item id='x'/></retract></pubsub>"),
                "item-not-found", null);
        // Example 62: unsubscribe when not subscribed
        expectError(iq(francisco, "set", "unsub1", "<pubsub xmlns='" + PUBSUB + "'><unsubscribe node='" + node
                + "' jid='francisco@localhost'/></pubsub>"), "unexpected-request", "not-subscribed");
        // Example 135: only owners configure
        expectError(iq(francisco, "get", "config1", "<pubsub xmlns='" + OWNER + "'><configure node='" + node + "'/></pubsub>"),
                "forbidden", null);
        // a second payload in one item
        expectError(iq(hamlet, "set", "pub2", "<pubsub xmlns='" + PUBSUB + "'><publish node='" + node
                + "'><item><a xmlns='urn:a'/><b xmlns='urn:b'/></item></publish></pubsub>"), "bad-request", "invalid-payload");
    }

    @Test
    void theConfigurationFormRoundTrips() {
        create();
        Element form = ok(hamlet, "get", "config1", "<pubsub xmlns='" + OWNER + "'><configure node='" + node + "'/></pubsub>")
                .child("pubsub", OWNER).child("configure", OWNER).child("x", "jabber:x:data");
        assertThat(form.attribute("type")).isEqualTo("form");
        assertThat(form.elements()).extracting(e -> e.attribute("var"))
                .contains("FORM_TYPE", "pubsub#access_model", "pubsub#max_items", "pubsub#notification_type");
        ok(hamlet, "set", "config2", "<pubsub xmlns='" + OWNER + "'><configure node='" + node + "'>"
                + "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'>"
                + "<value>http://jabber.org/protocol/pubsub#node_config</value></field>"
                + "<field var='pubsub#title'><value>Princely Musings (Atom)</value></field>"
                + "<field var='pubsub#max_items'><value>max</value></field></x></configure></pubsub>");
        Element again = ok(hamlet, "get", "config3", "<pubsub xmlns='" + OWNER + "'><configure node='" + node + "'/></pubsub>")
                .child("pubsub", OWNER).child("configure", OWNER).child("x", "jabber:x:data");
        assertThat(fieldValue(again, "pubsub#title")).isEqualTo("Princely Musings (Atom)");
        assertThat(fieldValue(again, "pubsub#max_items")).isEqualTo("1000");
        expectError(iq(hamlet, "set", "config4", "<pubsub xmlns='" + OWNER + "'><configure node='" + node + "'>"
                + "<x xmlns='jabber:x:data' type='submit'><field var='pubsub#access_model'><value>secret</value></field>"
                + "</x></configure></pubsub>"), "not-acceptable", null);
    }

    @Test
    void nodesAndItemsSurviveARestart() throws Exception {
        create();
        subscribe(francisco, "francisco@localhost");
        ok(hamlet, "set", "publish1", "<pubsub xmlns='" + PUBSUB + "'><publish node='" + node
                + "'><item id='kept'>" + ENTRY + "</item></publish></pubsub>");
        francisco.expectStanza("message");
        logout();
        server = server.restart();
        login();
        node = "princely_musings_" + (run - 1);
        Element items = ok(francisco, "get", "items1", "<pubsub xmlns='" + PUBSUB + "'><items node='" + node + "'/></pubsub>")
                .child("pubsub", PUBSUB).child("items", PUBSUB);
        assertThat(items.elements()).extracting(e -> e.attribute("id")).containsExactly("kept");
        Element subs = ok(francisco, "get", "subs1", "<pubsub xmlns='" + PUBSUB + "'><subscriptions/></pubsub>")
                .child("pubsub", PUBSUB).child("subscriptions", PUBSUB);
        assertThat(subs.elements()).extracting(e -> e.attribute("node")).contains(node);
    }

    @Test
    void aSubscriptionThatLastsWhileOnlineEndsWithThePresence() throws Exception {
        create();
        // XEP-0060 §6.3: pubsub#expire = presence, a temporary subscription of francisco's resource
        ok(francisco, "set", "sub1", "<pubsub xmlns='" + PUBSUB + "'><subscribe node='" + node
                + "' jid='francisco@localhost/barracks'/><options><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>" + PUBSUB + "#subscribe_options</value></field>"
                + "<field var='pubsub#expire'><value>presence</value></field></x></options></pubsub>");
        francisco.send("<presence type='unavailable'/>");
        francisco.expectStanza("presence");
        francisco.send("<presence/>");
        francisco.expectStanza("presence");
        Element subs = ok(francisco, "get", "subs1", "<pubsub xmlns='" + PUBSUB + "'><subscriptions node='" + node + "'/></pubsub>")
                .child("pubsub", PUBSUB).child("subscriptions", PUBSUB);
        assertThat(subs.elements()).isEmpty();
    }

    @Test
    void aDigestGathersItemsIntoOneNotification() {
        create();
        // XEP-0060 §6.3: digest on, at most one notification per 600 ms
        ok(francisco, "set", "sub1", "<pubsub xmlns='" + PUBSUB + "'><subscribe node='" + node
                + "' jid='francisco@localhost'/><options><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>" + PUBSUB + "#subscribe_options</value></field>"
                + "<field var='pubsub#digest'><value>1</value></field>"
                + "<field var='pubsub#digest_frequency'><value>600</value></field></x></options></pubsub>");
        for (String id : List.of("a", "b", "c")) {
            ok(hamlet, "set", "pub-" + id, "<pubsub xmlns='" + PUBSUB + "'><publish node='" + node + "'><item id='"
                    + id + "'>" + ENTRY + "</item></publish></pubsub>");
        }
        Element items = francisco.expectStanza("message").child("event", EVENT).child("items", EVENT);
        assertThat(items.elements()).extracting(e -> e.attribute("id")).containsExactly("a", "b", "c");
        francisco.expectNothing(Duration.ofMillis(800)); // one notification for all three
    }

    @Test
    void onSubAndPresenceSendsTheLastItemWhenTheSubscriberComesOnline() {
        ok(hamlet, "set", "create1", "<pubsub xmlns='" + PUBSUB + "'><create node='" + node + "'/>"
                + "<configure><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>" + PUBSUB + "#node_config</value></field>"
                + "<field var='pubsub#send_last_published_item'><value>on_sub_and_presence</value></field>"
                + "</x></configure></pubsub>");
        subscribe(francisco, "francisco@localhost");
        francisco.send("<presence type='unavailable'/>");
        francisco.expectStanza("presence");
        ok(hamlet, "set", "publish1", "<pubsub xmlns='" + PUBSUB + "'><publish node='" + node
                + "'><item id='while-away'>" + ENTRY + "</item></publish></pubsub>");
        francisco.expectNothing(QUIET); // a headline to the bare JID reaches available resources only
        francisco.send("<presence/>"); // XEP-0060 §16.4.3 on_sub_and_presence: the last item again, once
        Element m;
        do {
            m = francisco.expect();
        } while (!m.name().equals("message"));
        assertThat(m.child("event", EVENT).child("items", EVENT).child("item", EVENT).attribute("id")).isEqualTo("while-away");
        for (Element more = francisco.poll(QUIET); more != null; more = francisco.poll(QUIET)) {
            assertThat(more.name()).as("only presence, no second copy: " + more).isEqualTo("presence");
        }
        ok(francisco, "set", "unsub1", "<pubsub xmlns='" + PUBSUB + "'><unsubscribe node='" + node
                + "' jid='francisco@localhost'/></pubsub>"); // the other tests log francisco in again
    }

    private static String fieldValue(Element form, String var) {
        for (Element f : form.elements()) {
            if (var.equals(f.attribute("var"))) {
                Element v = f.child("value", "jabber:x:data");
                return v == null ? null : v.text();
            }
        }
        return null;
    }
}
