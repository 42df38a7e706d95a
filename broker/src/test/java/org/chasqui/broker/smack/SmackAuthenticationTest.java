package org.chasqui.broker.smack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.chasqui.broker.smack.SmackClients.connect;
import static org.chasqui.broker.smack.SmackClients.starttls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.chasqui.broker.smack.SmackClients.RecordingHostnameVerifier;
import org.chasqui.broker.testing.TestServer;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.SmackException.SmackSaslException;
import org.jivesoftware.smack.java7.XmppHostnameVerifier;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smack.sasl.SASLError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.sasl.SASLMechanism;
import org.jivesoftware.smack.sasl.core.ScramSha1PlusMechanism;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smack 4.4.8, unmodified, authenticating against a real server: STARTTLS (RFC 6120 §5) and direct
 * TLS (XEP-0368), then SASL (RFC 6120 §6) with SCRAM-SHA-1 (RFC 5802) and PLAIN (RFC 4616).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmackAuthenticationTest {

    @TempDir
    Path dataDir;

    private TestServer server;
    private final List<XMPPTCPConnection> connections = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dataDir);
        server.addUser("alice", "wonderland");
    }

    @AfterEach
    void stop() {
        connections.forEach(SmackClients::disconnect);
        server.close();
    }

    private XMPPTCPConnection open(XMPPTCPConnectionConfiguration.Builder config) throws Exception {
        XMPPTCPConnection c = connect(config);
        connections.add(c);
        return c;
    }

    /**
     * Smack's default choice. Smack 4.4.8 blacklists SCRAM-SHA-1-PLUS by default (its
     * SASLAuthentication static block), so although the server offers it with tls-server-end-point,
     * the default pick is SCRAM-SHA-1 with the gs2 flag "n".
     */
    @Test
    void starttlsLoginWithSmacksDefaultMechanism() throws Exception {
        RecordingHostnameVerifier verifier = new RecordingHostnameVerifier();
        XMPPTCPConnection c = open(starttls(server).setHostnameVerifier(verifier));

        assertThat(c.isSecureConnection()).isTrue();
        // RFC 6125 §6.4: Smack checked the certificate's dNSName against the XMPP domain, and it matched.
        assertThat(verifier.hostname).isEqualTo("localhost");
        assertThat(verifier.verified).isTrue();
        assertThat(verifier.session.getPeerCertificates()[0]).isEqualTo(server.certificate());
        assertThat(verifier.session.getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        assertThat(new XmppHostnameVerifier().verify("example.org", verifier.session)).isFalse();

        c.login("alice", "wonderland");

        assertThat(c.isAuthenticated()).isTrue();
        assertThat(c.getUsedSaslMechansism()).isEqualTo("SCRAM-SHA-1");
        assertThat(c.getUser().asBareJid().toString()).isEqualTo("alice@localhost");
        assertThat(PingManager.getInstanceFor(c).pingMyServer(false, SmackClients.REPLY_TIMEOUT_MS)).isTrue();
    }

    @Test
    void scramSha1Explicitly() throws Exception {
        XMPPTCPConnection c = open(starttls(server).addEnabledSaslMechanism("SCRAM-SHA-1"));
        c.login("alice", "wonderland");

        assertThat(c.isAuthenticated()).isTrue();
        assertThat(c.isSecureConnection()).isTrue();
        assertThat(c.getUsedSaslMechansism()).isEqualTo("SCRAM-SHA-1");
    }

    @Test
    void plainExplicitlyOverTls() throws Exception {
        XMPPTCPConnection c = open(starttls(server).addEnabledSaslMechanism("PLAIN"));
        c.login("alice", "wonderland");

        assertThat(c.isAuthenticated()).isTrue();
        assertThat(c.isSecureConnection()).isTrue();
        assertThat(c.getUsedSaslMechansism()).isEqualTo("PLAIN");
    }

    /**
     * SCRAM-SHA-1-PLUS with tls-server-end-point (RFC 5929 §4), using Smack's own SCRAM code. Smack
     * 4.4.8 cannot do it unaided: besides the blacklist, its TLSUtils.getChannelBindingTlsServerEndPoint
     * names the digest after the certificate's key algorithm ("EC", "RSA"), so it always throws
     * NoSuchAlgorithmException. The subclass below replaces only that hash with RFC 5929 §4.1's rule.
     */
    @Test
    void scramSha1PlusWithTlsServerEndPoint() throws Exception {
        SASLAuthentication.unregisterSASLMechanism(ScramSha1PlusMechanism.class.getName());
        SASLAuthentication.registerSASLMechanism(new EndPointScramSha1Plus());
        SASLAuthentication.unBlacklistSASLMechanism(ScramSha1PlusMechanism.NAME);
        try {
            XMPPTCPConnection c = open(starttls(server).addEnabledSaslMechanism(ScramSha1PlusMechanism.NAME));
            c.login("alice", "wonderland");

            assertThat(c.isAuthenticated()).isTrue();
            assertThat(c.getUsedSaslMechansism()).isEqualTo("SCRAM-SHA-1-PLUS");
        } finally {
            SASLAuthentication.blacklistSASLMechanism(ScramSha1PlusMechanism.NAME);
            SASLAuthentication.unregisterSASLMechanism(EndPointScramSha1Plus.class.getName());
            SASLAuthentication.registerSASLMechanism(new ScramSha1PlusMechanism());
        }
    }

    /**
     * XEP-0368: TLS from the first byte. Smack 4.4.8's XMPPTCPConnection has no direct-TLS mode (its
     * modular connection throws "DirectTLS is not implemented yet"), so the documented way is a TLS
     * socket factory with Smack's own security mode disabled; the host name is then checked by the JDK
     * (endpoint identification against the SNI name), and Smack's isSecureConnection() stays false.
     */
    @Test
    void directTls() throws Exception {
        TlsSocketFactory tls = new TlsSocketFactory(server.sslContext().getSocketFactory(), server.domain());
        XMPPTCPConnection c = open(starttls(server)
                .setPort(server.directTlsPort())
                .setSecurityMode(SecurityMode.disabled)
                .setSocketFactory(tls));
        c.login("alice", "wonderland");

        assertThat(c.isAuthenticated()).isTrue();
        assertThat(tls.sockets).hasSize(1);
        SSLSocket socket = tls.sockets.get(0);
        assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(server.certificate());
        assertThat(new XmppHostnameVerifier().verify("localhost", socket.getSession())).isTrue();
        assertThat(PingManager.getInstanceFor(c).pingMyServer(false, SmackClients.REPLY_TIMEOUT_MS)).isTrue();
    }

    /** Connections are spread over the event loops; TLS must work on every one of them. */
    @Test
    void everyConnectionNegotiatesTlsWhicheverEventLoopAcceptsIt() throws Exception {
        int count = 2 * Runtime.getRuntime().availableProcessors() + 1;
        for (int i = 0; i < count; i++) {
            XMPPTCPConnection c = open(starttls(server));
            assertThat(c.isSecureConnection()).as("STARTTLS connection %d", i).isTrue();
            c.login("alice", "wonderland");
            assertThat(c.isAuthenticated()).isTrue();
        }
        for (int i = 0; i < count; i++) {
            XMPPTCPConnection c = open(starttls(server)
                    .setPort(server.directTlsPort())
                    .setSecurityMode(SecurityMode.disabled)
                    .setSocketFactory(new TlsSocketFactory(server.sslContext().getSocketFactory(), server.domain())));
            c.login("alice", "wonderland");
            assertThat(c.isAuthenticated()).as("direct TLS connection %d", i).isTrue();
        }
    }

    /** RFC 6120 §6.5.10 not-authorized for a wrong password and for an unknown user alike. */
    @Test
    void wrongPasswordAndUnknownUserAreNotAuthorized() throws Exception {
        XMPPTCPConnection wrong = open(starttls(server));
        SASLErrorException e1 = catchThrowableOfType(SASLErrorException.class,
                () -> wrong.login("alice", "looking-glass"));
        assertThat(e1.getSASLFailure().getSASLError()).isEqualTo(SASLError.not_authorized);
        assertThat(wrong.isAuthenticated()).isFalse();

        XMPPTCPConnection unknown = open(starttls(server));
        SASLErrorException e2 = catchThrowableOfType(SASLErrorException.class,
                () -> unknown.login("mallory", "wonderland"));
        assertThat(e2.getSASLFailure().getSASLError()).isEqualTo(SASLError.not_authorized);

        XMPPTCPConnection plain = open(starttls(server).addEnabledSaslMechanism("PLAIN"));
        SASLErrorException e3 = catchThrowableOfType(SASLErrorException.class,
                () -> plain.login("alice", "looking-glass"));
        assertThat(e3.getSASLFailure().getSASLError()).isEqualTo(SASLError.not_authorized);

        // RFC 6120 §6.4.5: the client may retry on the same stream; then on a fresh one too.
        wrong.login("alice", "wonderland");
        assertThat(wrong.isAuthenticated()).isTrue();
        XMPPTCPConnection good = open(starttls(server));
        good.login("alice", "wonderland");
        assertThat(good.isAuthenticated()).isTrue();
    }

    /** Smack's SCRAM-SHA-1-PLUS with the tls-server-end-point hash of RFC 5929 §4.1 done right. */
    public static final class EndPointScramSha1Plus extends ScramSha1PlusMechanism {

        @Override
        protected byte[] getChannelBindingData() throws SmackSaslException {
            try {
                X509Certificate cert = (X509Certificate) sslSession.getPeerCertificates()[0];
                String sigAlg = cert.getSigAlgName().toUpperCase(Locale.ROOT);
                String digest = sigAlg.startsWith("SHA384") ? "SHA-384"
                        : sigAlg.startsWith("SHA512") ? "SHA-512" : "SHA-256";
                return MessageDigest.getInstance(digest).digest(cert.getEncoded());
            } catch (Exception e) {
                throw new SmackSaslException(e);
            }
        }

        @Override
        protected SASLMechanism newInstance() {
            return new EndPointScramSha1Plus();
        }
    }

    /** Creates TLS sockets that check the server name (SNI + endpoint identification) and remembers them. */
    static final class TlsSocketFactory extends SocketFactory {

        private final SSLSocketFactory delegate;
        private final String serverName;
        final List<SSLSocket> sockets = new CopyOnWriteArrayList<>();

        TlsSocketFactory(SSLSocketFactory delegate, String serverName) {
            this.delegate = delegate;
            this.serverName = serverName;
        }

        @Override
        public Socket createSocket() throws IOException {
            SSLSocket socket = (SSLSocket) delegate.createSocket();
            SSLParameters params = socket.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(serverName)));
            params.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 2818/6125 name check by the JDK
            socket.setSSLParameters(params);
            sockets.add(socket);
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException("Smack connects an unconnected socket");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
            throw new UnsupportedOperationException("Smack connects an unconnected socket");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException("Smack connects an unconnected socket");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
            throw new UnsupportedOperationException("Smack connects an unconnected socket");
        }
    }
}
