package org.chasqui.broker.pep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PEP as storage: an OMEMO-style device list and bundle published with the open access model
 * (readable by anyone, XEP-0384's usage), private XEP-0402 bookmarks with publish-options
 * (whitelist, max items; XEP-0223 preconditions), a restart, and the nodes going with the account.
 */
class PepStorageTest {

    static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String ERRORS = PUBSUB + "#errors";
    static final String DEVICES = "eu.siacs.conversations.axolotl.devicelist";
    static final String BOOKMARKS = "urn:xmpp:bookmarks:1";

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
        server.addUser("juliet", "wherefore");
        server.addUser("tybalt", "no contact of hers");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String options(String... varValue) {
        StringBuilder x = new StringBuilder("<publish-options><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>" + PUBSUB + "#publish-options</value></field>");
        for (int i = 0; i < varValue.length; i += 2) {
            x.append("<field var='").append(varValue[i]).append("'><value>").append(varValue[i + 1]).append("</value></field>");
        }
        return x.append("</x></publish-options>").toString();
    }

    static Element iq(RawXmppClient c, String type, String to, String id, String payload) {
        c.send("<iq type='" + type + "'" + (to == null ? "" : " to='" + to + "'") + " id='" + id + "'>" + payload + "</iq>");
        Element reply = c.expectStanza("iq");
        assertThat(reply.attribute("id")).isEqualTo(id);
        return reply;
    }

    static void publish(RawXmppClient c, String id, String node, String itemId, String payload, String options) {
        Element r = iq(c, "set", null, id, "<pubsub xmlns='" + PUBSUB + "'><publish node='" + node + "'><item id='"
                + itemId + "'>" + payload + "</item></publish>" + options + "</pubsub>");
        assertThat(r.attribute("type")).as(r.toString()).isEqualTo("result");
    }

    @Test
    void omemoDevicesAreOpenBookmarksArePrivateAndBothSurviveARestart() throws Exception {
        RawXmppClient juliet = RawXmppClient.login(server, "juliet", "wherefore", "balcony");
        publish(juliet, "dev1", DEVICES, "current", "<list xmlns='eu.siacs.conversations.axolotl'><device id='1234'/></list>",
                options("pubsub#access_model", "open"));
        publish(juliet, "bm1", BOOKMARKS, "capulet@conference.localhost",
                "<conference xmlns='" + BOOKMARKS + "' name='The Capulets' autojoin='true'/>",
                options("pubsub#persist_items", "true", "pubsub#access_model", "whitelist",
                        "pubsub#max_items", "max", "pubsub#send_last_published_item", "never"));
        // XEP-0223 §4: the same options again match; different ones are a precondition that fails
        publish(juliet, "bm2", BOOKMARKS, "montague@conference.localhost",
                "<conference xmlns='" + BOOKMARKS + "' name='The Montagues'/>",
                options("pubsub#access_model", "whitelist", "pubsub#max_items", "max"));
        Element conflict = iq(juliet, "set", null, "bm3", "<pubsub xmlns='" + PUBSUB + "'><publish node='" + BOOKMARKS
                + "'><item id='x'><conference xmlns='" + BOOKMARKS + "'/></item></publish>"
                + options("pubsub#access_model", "open") + "</pubsub>");
        assertThat(conflict.attribute("type")).isEqualTo("error");
        assertThat(conflict.child("error", Namespaces.CLIENT).child("precondition-not-met", ERRORS)).isNotNull();

        RawXmppClient tybalt = RawXmppClient.login(server, "tybalt", "no contact of hers", "street");
        Element devices = iq(tybalt, "get", "juliet@localhost", "items1",
                "<pubsub xmlns='" + PUBSUB + "'><items node='" + DEVICES + "'/></pubsub>");
        assertThat(devices.attribute("type")).as(devices.toString()).isEqualTo("result");
        Element bookmarks = iq(tybalt, "get", "juliet@localhost", "items2",
                "<pubsub xmlns='" + PUBSUB + "'><items node='" + BOOKMARKS + "'/></pubsub>");
        assertThat(bookmarks.attribute("type")).isEqualTo("error");
        assertThat(bookmarks.child("error", Namespaces.CLIENT).child("closed-node", ERRORS)).isNotNull();
        // XEP-0163 §6.2: tybalt's disco#items of juliet shows only what he may read
        Element items = iq(tybalt, "get", "juliet@localhost", "disco1", "<query xmlns='" + Namespaces.DISCO_ITEMS + "'/>")
                .child("query", Namespaces.DISCO_ITEMS);
        assertThat(items.elements()).extracting(e -> e.attribute("node")).containsExactly(DEVICES);
        juliet.closeStream();
        juliet.close();
        tybalt.closeStream();
        tybalt.close();

        server = server.restart();
        RawXmppClient again = RawXmppClient.login(server, "juliet", "wherefore", "balcony");
        Element stored = iq(again, "get", null, "items3", "<pubsub xmlns='" + PUBSUB + "'><items node='" + BOOKMARKS + "'/></pubsub>")
                .child("pubsub", PUBSUB).child("items", PUBSUB);
        assertThat(stored.elements()).extracting(e -> e.attribute("id"))
                .containsExactly("capulet@conference.localhost", "montague@conference.localhost");

        // XEP-0077 §3.2: the account goes, and with it its PEP nodes
        iq(again, "set", null, "del", "<query xmlns='jabber:iq:register'><remove/></query>");
        again.close();
        server.addUser("juliet", "a new juliet");
        RawXmppClient fresh = RawXmppClient.login(server, "juliet", "a new juliet", "balcony");
        Element gone = iq(fresh, "get", null, "items4", "<pubsub xmlns='" + PUBSUB + "'><items node='" + BOOKMARKS + "'/></pubsub>");
        assertThat(gone.attribute("type")).isEqualTo("error");
        assertThat(gone.child("error", Namespaces.CLIENT).child("item-not-found", Namespaces.STANZAS)).isNotNull();
        fresh.closeStream();
        fresh.close();
    }
}
