package org.chasqui.broker.smack;

import java.net.InetAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLSession;
import org.chasqui.broker.testing.TestServer;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.java7.XmppHostnameVerifier;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * Smack 4.4.8 clients for a {@link TestServer}, configured as a real deployment would be: the XMPP
 * domain "localhost" reached on loopback, TLS required, trusting exactly the server's certificate,
 * and the name checked by Smack's own RFC 6125 verifier.
 */
final class SmackClients {

    /** Generous, because the CI machine has two cores and SCRAM key derivation costs CPU. */
    static final long REPLY_TIMEOUT_MS = 10_000;
    static final long AWAIT_SECONDS = 10;

    static {
        SmackConfiguration.DEBUG = false;
        // Smack's default, said here because earlier (before the server had rosters) it was off:
        // every login fetches the roster (RFC 6121 §2.2), as a real client does.
        Roster.setRosterLoadedAtLoginDefault(true);
    }

    private SmackClients() {
    }

    /** RFC 6120 §5: STARTTLS on the server's c2s port, TLS required. */
    static XMPPTCPConnectionConfiguration.Builder starttls(TestServer server) throws Exception {
        return XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(server.domain())
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(server.starttlsPort())
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(server.trustManager())
                .setHostnameVerifier(new XmppHostnameVerifier())
                .setConnectTimeout((int) REPLY_TIMEOUT_MS);
    }

    /** A connected (not yet authenticated) STARTTLS connection. */
    static XMPPTCPConnection connect(XMPPTCPConnectionConfiguration.Builder config) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(config.build());
        connection.setReplyTimeout(REPLY_TIMEOUT_MS);
        connection.connect();
        return connection;
    }

    /** A STARTTLS connection logged in as {@code user} with the given resource. */
    static XMPPTCPConnection login(TestServer server, String user, String password, String resource)
            throws Exception {
        XMPPTCPConnection connection = connect(starttls(server).setResource(resource));
        connection.login(user, password);
        return connection;
    }

    static EntityBareJid bare(String user, TestServer server) throws XmppStringprepException {
        return JidCreate.entityBareFrom(user + "@" + server.domain());
    }

    static void disconnect(XMPPTCPConnection... connections) {
        for (XMPPTCPConnection c : connections) {
            if (c != null && c.isConnected()) {
                c.disconnect();
            }
        }
    }

    /** The stanzas of one kind a connection receives, in order. */
    static <S extends Stanza> BlockingQueue<S> inbox(XMPPTCPConnection connection, Class<S> kind) {
        BlockingQueue<S> queue = new LinkedBlockingQueue<>();
        connection.addSyncStanzaListener(s -> queue.add(kind.cast(s)), new StanzaTypeFilter(kind));
        return queue;
    }

    /** The next stanza of an inbox; fails after {@link #AWAIT_SECONDS}. */
    static <S> S next(BlockingQueue<S> inbox) throws InterruptedException {
        S s = inbox.poll(AWAIT_SECONDS, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("nothing received within " + AWAIT_SECONDS + " s");
        }
        return s;
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(AWAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Completes with the exception Smack reports when the server ends the stream with an error. */
    static CompletableFuture<Exception> closedOnError(XMPPTCPConnection connection) {
        CompletableFuture<Exception> closed = new CompletableFuture<>();
        connection.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                closed.complete(e);
            }

            @Override
            public void connectionClosed() {
                closed.completeExceptionally(new AssertionError("closed without a stream error"));
            }
        });
        return closed;
    }

    /** Smack's verifier, remembering what it was asked and what it answered. */
    static final class RecordingHostnameVerifier implements HostnameVerifier {

        private final HostnameVerifier delegate = new XmppHostnameVerifier();
        volatile String hostname;
        volatile SSLSession session;
        volatile Boolean verified;

        @Override
        public boolean verify(String hostname, SSLSession session) {
            boolean ok = delegate.verify(hostname, session);
            this.hostname = hostname;
            this.session = session;
            this.verified = ok;
            return ok;
        }
    }
}
