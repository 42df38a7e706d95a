package org.chasqui.broker.smack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.chasqui.broker.smack.SmackClients.await;
import static org.chasqui.broker.smack.SmackClients.closedOnError;
import static org.chasqui.broker.smack.SmackClients.connect;
import static org.chasqui.broker.smack.SmackClients.starttls;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.chasqui.broker.testing.TestServer;
import org.jivesoftware.smack.SmackException.NotConnectedException;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.sasl.SASLError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.parts.Localpart;

/** Accounts seen from Smack: XEP-0077 in-band registration, and accounts surviving a restart. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmackAccountsTest {

    @TempDir
    Path dataDir;

    private TestServer server;
    private final List<XMPPTCPConnection> connections = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dataDir);
    }

    @AfterEach
    void stop() {
        connections.forEach(SmackClients::disconnect);
        server.close();
    }

    private XMPPTCPConnection open() throws Exception {
        XMPPTCPConnection c = connect(starttls(server));
        connections.add(c);
        return c;
    }

    private XMPPTCPConnection login(String user, String password) throws Exception {
        XMPPTCPConnection c = open();
        c.login(user, password);
        return c;
    }

    private SASLError loginFailure(String user, String password) throws Exception {
        XMPPTCPConnection c = open();
        SASLErrorException e = catchThrowableOfType(SASLErrorException.class, () -> c.login(user, password));
        assertThat(e).as("login of %s should fail", user).isNotNull();
        return e.getSASLFailure().getSASLError();
    }

    /** XEP-0077 §3.1 (register), §3.3 (change password), §3.2 (cancel), all over TLS. */
    @Test
    void registerChangePasswordAndDeleteInBand() throws Exception {
        XMPPTCPConnection c = open();
        AccountManager accounts = AccountManager.getInstance(c);
        assertThat(c.isSecureConnection()).isTrue();
        assertThat(accounts.supportsAccountCreation()).isTrue();

        accounts.createAccount(Localpart.from("carol"), "first-password");
        c.login("carol", "first-password");
        assertThat(c.getUser().asBareJid().toString()).isEqualTo("carol@localhost");

        AccountManager.getInstance(c).changePassword("second-password");
        assertThat(loginFailure("carol", "first-password")).isEqualTo(SASLError.not_authorized);
        XMPPTCPConnection again = login("carol", "second-password");
        assertThat(again.isAuthenticated()).isTrue();

        // XEP-0077 §3.2: after the result, every session of the account ends with not-authorized.
        CompletableFuture<Exception> firstClosed = closedOnError(c);
        CompletableFuture<Exception> againClosed = closedOnError(again);
        try {
            AccountManager.getInstance(again).deleteAccount();
        } catch (NotConnectedException e) {
            // the stream error may reach Smack's reader before its collector has taken the result
        }
        for (CompletableFuture<Exception> closed : List.of(firstClosed, againClosed)) {
            Exception e = await(closed);
            assertThat(e).isInstanceOf(StreamErrorException.class);
            assertThat(((StreamErrorException) e).getStreamError().getCondition())
                    .isEqualTo(StreamError.Condition.not_authorized);
        }
        assertThat(server.server().accounts().exists("carol")).isFalse();
        assertThat(loginFailure("carol", "second-password")).isEqualTo(SASLError.not_authorized);
    }

    /** XEP-0077 §3.1: a taken username is a conflict; the existing account is untouched. */
    @Test
    void registeringATakenNameIsAConflict() throws Exception {
        server.addUser("alice", "wonderland");
        XMPPTCPConnection c = open();
        XMPPErrorException e = catchThrowableOfType(XMPPErrorException.class,
                () -> AccountManager.getInstance(c).createAccount(Localpart.from("alice"), "hijack"));
        assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.conflict);
        assertThat(login("alice", "wonderland").isAuthenticated()).isTrue();
        assertThat(loginFailure("alice", "hijack")).isEqualTo(SASLError.not_authorized);
    }

    /** Accounts live in the journal: a restarted server (new ports, same data) knows them. */
    @Test
    void accountsSurviveARestart() throws Exception {
        server.addUser("alice", "wonderland");
        XMPPTCPConnection c = open();
        AccountManager.getInstance(c).createAccount(Localpart.from("dave"), "dave-password");
        c.login("dave", "dave-password");
        AccountManager.getInstance(c).changePassword("dave-new-password");
        CompletableFuture<Exception> shutdown = closedOnError(c);

        server = server.restart();

        Exception e = await(shutdown); // RFC 6120 §4.9.3.22
        assertThat(e).isInstanceOf(StreamErrorException.class);
        assertThat(((StreamErrorException) e).getStreamError().getCondition())
                .isEqualTo(StreamError.Condition.system_shutdown);
        assertThat(login("dave", "dave-new-password").isAuthenticated()).isTrue();
        assertThat(login("alice", "wonderland").isAuthenticated()).isTrue();
        assertThat(loginFailure("dave", "dave-password")).isEqualTo(SASLError.not_authorized);
    }
}
