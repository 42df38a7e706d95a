package org.chasqui.broker.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw clients of one transcript test: accounts named after their users with the password
 * {@code <user>-pw}, logged in over STARTTLS, and at the end a check that nothing unexpected is still
 * on its way to any of them before their streams are closed.
 */
public final class TranscriptClients {

    private final List<RawXmppClient> clients = new ArrayList<>();

    /** Creates the accounts, each with the password {@code <user>-pw}. */
    public static void addUsers(TestServer server, String... users) {
        for (String user : users) {
            server.addUser(user, user + "-pw");
        }
    }

    /** Logs {@code user} in with {@code resource}; the client is closed by {@link #closeAll}. */
    public RawXmppClient login(TestServer server, String user, String resource) throws Exception {
        RawXmppClient c = RawXmppClient.login(server, user, user + "-pw", resource);
        clients.add(c);
        return c;
    }

    /** Closes one client's stream before the end of the test; {@link #closeAll} no longer covers it. */
    public void logOut(RawXmppClient client) {
        clients.remove(client);
        client.closeStream();
        client.close();
    }

    /**
     * Waits {@code quiet} once (the clients share the wait) for anything unexpected to arrive, which
     * fails the test, then closes every stream.
     */
    public void closeAll(Duration quiet) {
        Duration wait = quiet;
        for (RawXmppClient c : clients) {
            c.expectNothing(wait);
            wait = Duration.ZERO;
        }
        for (RawXmppClient c : clients) {
            c.closeStream();
            c.close();
        }
        clients.clear();
    }
}
