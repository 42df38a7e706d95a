package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.broker.testing.TranscriptClients;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XEP-0054 vcard-temp, from the spec's examples with stpeter@jabber.org replaced by
 * juliet@localhost and jer@jabber.org by romeo@localhost. A server per test: vCards start unset.
 */
class VCardTest {

    static final Duration QUIET = Duration.ofMillis(300);
    /** Part of §3.1 Example 2, as Juliet's. */
    static final String JULIETS_VCARD = """
            <vCard xmlns='vcard-temp'>
              <FN>Juliet Capulet</FN>
              <N><FAMILY>Capulet</FAMILY><GIVEN>Juliet</GIVEN></N>
              <NICKNAME>jc</NICKNAME>
              <URL>https://example.org/capulet</URL>
              <ORG><ORGNAME>House Capulet</ORGNAME></ORG>
              <ADR><WORK/><LOCALITY>Verona</LOCALITY><CTRY>Italy</CTRY></ADR>
              <JABBERID>juliet@localhost</JABBERID>
              <DESC>More information about me is located on my balcony &amp; nowhere else.</DESC>
            </vCard>""";

    @TempDir
    Path dataDir;
    TestServer server;
    final TranscriptClients clients = new TranscriptClients();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dataDir);
        TranscriptClients.addUsers(server, "juliet", "romeo", "nurse");
    }

    @AfterEach
    void stop() {
        clients.closeAll(QUIET);
        server.close();
    }

    private RawXmppClient login(String user, String resource) throws Exception {
        return clients.login(server, user, resource);
    }

    private static void setOwn(RawXmppClient c, String vcard) {
        c.send("<iq id='set-own' type='set'>" + vcard + "</iq>");
        Element result = c.expectStanza("iq");
        assertThat(result.attribute("type")).as(result.toString()).isEqualTo("result");
    }

    private static Element expectError(RawXmppClient c, String type, String condition) {
        Element iq = c.expectStanza("iq");
        assertThat(iq.attribute("type")).as(iq.toString()).isEqualTo("error");
        Element error = iq.child("error", Namespaces.CLIENT);
        assertThat(error.attribute("type")).as(iq.toString()).isEqualTo(type);
        assertThat(error.child(condition, Namespaces.STANZAS)).as(iq.toString()).isNotNull();
        return iq;
    }

    @Test
    void theServerAdvertisesVcardTemp() throws Exception {
        RawXmppClient balcony = login("juliet", "balcony");
        // §4, Examples 11 and 12
        balcony.send("""
                <iq type='get' from='juliet@localhost/balcony' to='localhost' id='disco1'>
                  <query xmlns='http://jabber.org/protocol/disco#info'/>
                </iq>""");
        Element result = balcony.expectStanza("iq");
        assertThat(result.child("query", Namespaces.DISCO_INFO).elements())
                .anyMatch(f -> f.is("feature", Namespaces.DISCO_INFO) && "vcard-temp".equals(f.attribute("var")));
    }

    @Test
    void withoutAVCardTheOwnOneIsEmpty() throws Exception {
        RawXmppClient balcony = login("juliet", "balcony");
        // §3.1, Example 1 and Example 4 ("No vCard (empty element)")
        balcony.send("""
                <iq from='juliet@localhost/balcony' id='v1' type='get'>
                  <vCard xmlns='vcard-temp'/>
                </iq>""");
        balcony.expectExactly("""
                <iq id='v1' from='juliet@localhost' to='juliet@localhost/balcony' type='result'>
                  <vCard xmlns='vcard-temp'/>
                </iq>""");
    }

    @Test
    void theOwnVCardIsSetThenReturnedAsSet() throws Exception {
        RawXmppClient balcony = login("juliet", "balcony");
        // §3.2, Examples 5 and 6
        balcony.send("<iq id='v2' type='set'>" + JULIETS_VCARD + "</iq>");
        balcony.expectExactly("<iq id='v2' from='juliet@localhost' to='juliet@localhost/balcony' type='result'/>");
        // §3.1, Examples 1 and 2
        balcony.send("<iq from='juliet@localhost/balcony' id='v1' type='get'><vCard xmlns='vcard-temp'/></iq>");
        balcony.expectExactly("<iq id='v1' from='juliet@localhost' to='juliet@localhost/balcony' type='result'>"
                + JULIETS_VCARD + "</iq>");
        // §3.2: "the entire vCard must be sent to the server in order to update any part of the vCard"
        setOwn(balcony, "<vCard xmlns='vcard-temp'><DESC>Check out my blog</DESC></vCard>");
        balcony.send("<iq id='v3' type='get' to='juliet@localhost'><vCard xmlns='vcard-temp'/></iq>");
        balcony.expectExactly("""
                <iq id='v3' from='juliet@localhost' to='juliet@localhost/balcony' type='result'>
                  <vCard xmlns='vcard-temp'><DESC>Check out my blog</DESC></vCard>
                </iq>""");
    }

    @Test
    void anotherUsersVCardIsAnsweredByTheServer() throws Exception {
        RawXmppClient balcony = login("juliet", "balcony");
        RawXmppClient orchard = login("romeo", "orchard");
        setOwn(balcony, JULIETS_VCARD);
        // §3.3, Examples 7 and 8: "a compliant server MUST respond on behalf of the requestor and not
        // forward the IQ to the requestee's connected resource" (Juliet's client sees nothing)
        orchard.send("""
                <iq from='romeo@localhost/orchard' id='v3' to='juliet@localhost' type='get'>
                  <vCard xmlns='vcard-temp'/>
                </iq>""");
        orchard.expectExactly("<iq from='juliet@localhost' to='romeo@localhost/orchard' type='result' id='v3'>"
                + JULIETS_VCARD + "</iq>");
    }

    @Test
    void noVCardAndNoAccountGiveTheSameError() throws Exception {
        RawXmppClient orchard = login("romeo", "orchard");
        // §3.3, Example 9: service-unavailable "in both cases"
        orchard.send("<iq id='v3' to='nurse@localhost' type='get'><vCard xmlns='vcard-temp'/></iq>");
        orchard.expectExactly("""
                <iq id='v3' from='nurse@localhost' to='romeo@localhost/orchard' type='error'>
                  <vCard xmlns='vcard-temp'/>
                  <error type='cancel'>
                    <service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                  </error>
                </iq>""");
        orchard.send("<iq id='v4' to='tybalt@localhost' type='get'><vCard xmlns='vcard-temp'/></iq>");
        orchard.expectExactly("""
                <iq id='v4' from='tybalt@localhost' to='romeo@localhost/orchard' type='error'>
                  <vCard xmlns='vcard-temp'/>
                  <error type='cancel'>
                    <service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                  </error>
                </iq>""");
    }

    @Test
    void settingAnotherUsersVCardIsForbidden() throws Exception {
        RawXmppClient balcony = login("juliet", "balcony");
        RawXmppClient orchard = login("romeo", "orchard");
        setOwn(balcony, JULIETS_VCARD);
        // §3.2, Example 10
        orchard.send("<iq id='v2' type='set' to='juliet@localhost'><vCard xmlns='vcard-temp'><FN>Mrs Montague</FN></vCard></iq>");
        expectError(orchard, "auth", "forbidden");
        // and hers is unchanged
        orchard.send("<iq id='v3' to='juliet@localhost' type='get'><vCard xmlns='vcard-temp'/></iq>");
        orchard.expectExactly("<iq from='juliet@localhost' to='romeo@localhost/orchard' type='result' id='v3'>"
                + JULIETS_VCARD + "</iq>");
        // nor is the server's vCard anyone's to set
        orchard.send("<iq id='v5' type='set' to='localhost'><vCard xmlns='vcard-temp'><FN>Verona</FN></vCard></iq>");
        expectError(orchard, "auth", "forbidden");
    }

    @Test
    void aVCardOverTheSizeLimitIsNotAcceptableAndNotKept() throws Exception {
        RawXmppClient balcony = login("juliet", "balcony");
        setOwn(balcony, JULIETS_VCARD);
        String huge = "<vCard xmlns='vcard-temp'><DESC>" + "O Romeo, Romeo! ".repeat(5000) + "</DESC></vCard>";
        balcony.send("<iq id='big' type='set'>" + huge + "</iq>");
        Element error = expectError(balcony, "modify", "not-acceptable");
        assertThat(error.child("error", Namespaces.CLIENT).childText("text", Namespaces.STANZAS)).contains("65536 bytes");
        assertThat(error.child("vCard", "vcard-temp")).as("the 80 KB payload is not echoed").isNull();
        balcony.send("<iq id='v1' type='get'><vCard xmlns='vcard-temp'/></iq>");
        balcony.expectExactly("<iq id='v1' from='juliet@localhost' to='juliet@localhost/balcony' type='result'>"
                + JULIETS_VCARD + "</iq>");
    }

    @Test
    void aVCardRequestToAFullJidGoesToThatClient() throws Exception {
        RawXmppClient balcony = login("juliet", "balcony");
        RawXmppClient orchard = login("romeo", "orchard");
        // RFC 6121 §8.5.3.1: only the bare JID is answered by the server
        orchard.send("<iq id='v6' to='juliet@localhost/balcony' type='get'><vCard xmlns='vcard-temp'/></iq>");
        balcony.expectExactly("""
                <iq id='v6' from='romeo@localhost/orchard' to='juliet@localhost/balcony' type='get'>
                  <vCard xmlns='vcard-temp'/>
                </iq>""");
    }
}
