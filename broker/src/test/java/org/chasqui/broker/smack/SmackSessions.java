package org.chasqui.broker.smack;

import static org.chasqui.broker.smack.SmackClients.login;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chasqui.broker.testing.TestServer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

/**
 * A test server with accounts whose passwords are "NAME-pw", and the Smack connections a test
 * opened on it; closing it disconnects them all and stops the server.
 */
final class SmackSessions implements AutoCloseable {

    TestServer server;
    private final List<XMPPTCPConnection> connections = new CopyOnWriteArrayList<>();

    private SmackSessions(TestServer server) {
        this.server = server;
    }

    static SmackSessions start(Path dataDir, String... users) throws Exception {
        TestServer server = TestServer.start(dataDir);
        for (String user : users) {
            server.addUser(user, user + "-pw");
        }
        return new SmackSessions(server);
    }

    /** Logs {@code name} in with its password and the given resource. */
    XMPPTCPConnection user(String name, String resource) throws Exception {
        XMPPTCPConnection c = login(server, name, name + "-pw", resource);
        connections.add(c);
        return c;
    }

    /**
     * Logs {@code name} in with XEP-0198 stream management and resumption on, asking for at most
     * {@code resumeSeconds} of resumption time (0: the server's).
     */
    XMPPTCPConnection resumable(String name, String resource, int resumeSeconds) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(SmackClients.starttls(server).setResource(resource).build());
        c.setReplyTimeout(SmackClients.REPLY_TIMEOUT_MS);
        c.setUseStreamManagement(true);
        c.setUseStreamManagementResumption(true);
        if (resumeSeconds > 0) {
            c.setPreferredResumptionTime(resumeSeconds);
        }
        connections.add(c);
        c.connect();
        c.login(name, name + "-pw");
        return c;
    }

    /** A connection that is connected and secured but not yet logged in, for listeners set before login. */
    XMPPTCPConnection connection(String resource) throws Exception {
        XMPPTCPConnection c = SmackClients.connect(SmackClients.starttls(server).setResource(resource));
        connections.add(c);
        return c;
    }

    /** Disconnects every connection, then stops the server and starts it again on the same data. */
    void restart() throws Exception {
        connections.forEach(SmackClients::disconnect);
        connections.clear();
        server = server.restart();
    }

    @Override
    public void close() {
        connections.forEach(SmackClients::disconnect);
        server.close();
    }
}
