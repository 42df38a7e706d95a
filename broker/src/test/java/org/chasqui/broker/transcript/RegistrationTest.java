package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.chasqui.broker.testing.GoodSession;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XEP-0077 in-band registration, with the XEP's examples adapted to our domain. */
class RegistrationTest {

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void billRegistersBeforeAuthenticationAndLogsIn() throws Exception {
        try (RawXmppClient bill = RawXmppClient.connectWithTls("bill", server)) {
            // XEP-0077 §3.1, Examples 1 and 2
            bill.send("<iq type='get' id='reg1' to='localhost'><query xmlns='jabber:iq:register'/></iq>");
            Element fields = bill.expectStanza("iq");
            assertThat(fields.attribute("type")).isEqualTo("result");
            Element query = fields.child("query", Namespaces.REGISTER);
            assertThat(query.child("username", Namespaces.REGISTER)).isNotNull();
            assertThat(query.child("password", Namespaces.REGISTER)).isNotNull();
            // Examples 3 and 4
            bill.send("""
                    <iq type='set' id='reg2' to='localhost'>
                      <query xmlns='jabber:iq:register'>
                        <username>bill</username>
                        <password>Calliope</password>
                      </query>
                    </iq>""");
            Element registered = bill.expectStanza("iq");
            assertThat(registered.attribute("type")).as(registered.toString()).isEqualTo("result");
            assertThat(registered.attribute("id")).isEqualTo("reg2");
            // XEP-0077 §3.1: a second identity on the same connection is not-acceptable
            bill.send("<iq type='set' id='reg3' to='localhost'><query xmlns='jabber:iq:register'>"
                    + "<username>william</username><password>other</password></query></iq>");
            Element second = bill.expectStanza("iq");
            assertThat(second.child("error", Namespaces.CLIENT).child("not-acceptable", Namespaces.STANZAS)).isNotNull();
            // Example 5 alternative: the same username from another connection is a conflict
            try (RawXmppClient other = RawXmppClient.connectWithTls("other", server)) {
                other.send("<iq type='set' id='reg4' to='localhost'><query xmlns='jabber:iq:register'>"
                        + "<username>bill</username><password>other</password></query></iq>");
                Element conflict = other.expectStanza("iq");
                assertThat(conflict.child("error", Namespaces.CLIENT).child("conflict", Namespaces.STANZAS)).isNotNull();
            }

            bill.authenticateScram("bill", "Calliope", "SCRAM-SHA-256");
            assertThat(bill.bind("globe")).isEqualTo("bill@localhost/globe");
            bill.closeStream();
        }
    }

    @Test
    void billCancelsHisRegistrationWithTheExampleWithoutTo() throws Exception {
        server.addUser("cancelme", "Calliope");
        try (RawXmppClient bill = RawXmppClient.login(server, "cancelme", "Calliope", "globe")) {
            // XEP-0077 §3.2, Examples 11 and 12: no 'to', so handled by the server for the account
            // (RFC 6120 §10.3.3)
            bill.send("""
                    <iq type='set' from='cancelme@localhost/globe' id='unreg1'>
                      <query xmlns='jabber:iq:register'>
                        <remove/>
                      </query>
                    </iq>""");
            Element result = bill.expectStanza("iq");
            assertThat(result.attribute("type")).as(result + "\n" + bill.transcript()).isEqualTo("result");
            assertThat(result.attribute("id")).isEqualTo("unreg1");
            assertThat(result.attribute("to")).isEqualTo("cancelme@localhost/globe");
            bill.expectStreamError(StreamErrorCondition.NOT_AUTHORIZED);
        }
        assertThat(server.server().accounts().exists("cancelme")).isFalse();
        GoodSession.assertServerStillWorks(server);
    }

    @Test
    void billChangesHisPasswordWithTheExample() throws Exception {
        server.addUser("changer", "oldpass");
        try (RawXmppClient bill = RawXmppClient.login(server, "changer", "oldpass", "globe")) {
            // XEP-0077 §3.3, Examples 17 and 18
            bill.send("""
                    <iq type='set' to='localhost' id='change1'>
                      <query xmlns='jabber:iq:register'>
                        <username>changer</username>
                        <password>newpass</password>
                      </query>
                    </iq>""");
            Element result = bill.expectStanza("iq");
            assertThat(result.attribute("type")).as(result.toString()).isEqualTo("result");
            assertThat(result.attribute("id")).isEqualTo("change1");
            bill.closeStream();
        }
        try (RawXmppClient bill = RawXmppClient.login(server, "changer", "newpass", "globe")) {
            bill.closeStream();
        }
    }

    @Test
    void nobodyCanCancelSomeoneElsesRegistration() throws Exception {
        server.addUser("victim", "Calliope");
        server.addUser("mallory", "evil");
        try (RawXmppClient mallory = RawXmppClient.login(server, "mallory", "evil", "lair")) {
            mallory.send("<iq type='set' to='victim@localhost' id='unreg2'><query xmlns='jabber:iq:register'>"
                    + "<remove/></query></iq>");
            Element error = mallory.expectStanza("iq");
            assertThat(error.attribute("type")).isEqualTo("error");
            mallory.closeStream();
        }
        assertThat(server.server().accounts().exists("victim")).isTrue();
    }
}
