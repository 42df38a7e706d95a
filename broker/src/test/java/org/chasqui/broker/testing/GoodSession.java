package org.chasqui.broker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;

/**
 * The check that follows every bad connection in the transcript tests: one misbehaving client ends
 * only its own stream, so a well-behaved client can still log in (STARTTLS, SCRAM-SHA-256, bind),
 * reach the server (XEP-0199 ping) and another session (a message to itself), and leave cleanly.
 */
public final class GoodSession {

    public static final String USER = "goodclient";
    public static final String PASSWORD = "good password 1";

    private GoodSession() {
    }

    public static void assertServerStillWorks(TestServer server) throws Exception {
        if (!server.server().accounts().exists(USER)) {
            server.addUser(USER, PASSWORD);
        }
        try (RawXmppClient good = RawXmppClient.login(server, USER, PASSWORD, "check")) {
            good.send("<iq type='get' id='still-alive' to='" + server.domain() + "'><ping xmlns='urn:xmpp:ping'/></iq>");
            Element pong = good.expectStanza("iq");
            assertThat(pong.attribute("type")).as(pong.toString()).isEqualTo("result");
            assertThat(pong.attribute("id")).isEqualTo("still-alive");

            good.send("<message to='" + good.jid() + "' id='m1'><body>still here</body></message>");
            Element echo = good.expectStanza("message");
            assertThat(echo.attribute("from")).isEqualTo(good.jid());
            assertThat(echo.childText("body", Namespaces.CLIENT)).isEqualTo("still here");
            good.closeStream();
        }
    }
}
