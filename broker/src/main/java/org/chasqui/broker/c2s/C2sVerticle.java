package org.chasqui.broker.c2s;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.chasqui.broker.config.C2sConfig;
import org.chasqui.broker.tls.TlsMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client listeners of one event loop: STARTTLS on one port (RFC 6120 §5) and direct TLS on
 * another (XEP-0368). One instance is deployed per event loop; Vert.x spreads accepted connections
 * across them, and each connection stays on the loop that accepted it.
 */
public final class C2sVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(C2sVerticle.class);
    /** How often connections with no input since the previous sweep release their parser and buffer. */
    public static final long IDLE_SWEEP_MS = 10_000;

    private final C2sServices services;
    private final TlsMaterial tls;
    private final int starttlsPort;
    private final int directTlsPort;
    private NetServer starttlsServer;
    private NetServer directTlsServer;
    /** The open connections this verticle accepted; all on its event loop. */
    private final Set<TcpTransport> connections = new HashSet<>();
    private long sweepTimer = -1;

    C2sVerticle(C2sServices services, TlsMaterial tls, int starttlsPort, int directTlsPort) {
        this.services = services;
        this.tls = tls;
        this.starttlsPort = starttlsPort;
        this.directTlsPort = directTlsPort;
    }

    @Override
    public Future<?> start() {
        String host = services.config().c2s().bindAddress();
        List<Future<NetServer>> listening = new ArrayList<>(2);
        if (starttlsPort != C2sConfig.DISABLED) {
            starttlsServer = vertx.createNetServer(options(false).setHost(host).setPort(starttlsPort))
                    .connectHandler(socket -> accept(socket, false));
            listening.add(starttlsServer.listen());
        }
        if (directTlsPort != C2sConfig.DISABLED) {
            directTlsServer = vertx.createNetServer(options(true).setHost(host).setPort(directTlsPort))
                    .connectHandler(socket -> accept(socket, true));
            listening.add(directTlsServer.listen());
        }
        sweepTimer = vertx.setPeriodic(IDLE_SWEEP_MS, t -> connections.forEach(TcpTransport::sweepIdle));
        return Future.all(listening);
    }

    /** The ports actually bound (useful when the configuration asked for an ephemeral port 0), -1 for none. */
    int[] actualPorts() {
        return new int[] {starttlsServer == null ? -1 : starttlsServer.actualPort(),
                directTlsServer == null ? -1 : directTlsServer.actualPort()};
    }

    private NetServerOptions options(boolean directTls) {
        // The STARTTLS listener starts in plaintext; StartTls adds TLS to a connection later.
        NetServerOptions options = new NetServerOptions().setTcpNoDelay(true);
        if (directTls) {
            options.setSsl(true)
                    .setKeyCertOptions(tls.keyCertOptions())
                    .setEnabledSecureTransportProtocols(new HashSet<>(TlsMaterial.TLS_PROTOCOLS));
        }
        return options;
    }

    private void accept(NetSocket socket, boolean directTls) {
        try {
            TcpTransport transport = new TcpTransport(vertx, socket, directTls, services.startTls(),
                    services.config().limits(), connections::remove);
            connections.add(transport);
            ClientSessions.open(services, transport);
        } catch (RuntimeException e) {
            LOG.error("cannot start a session for {}", socket.remoteAddress(), e);
            socket.close();
        }
    }

    /**
     * Stops accepting and shuts the listeners down gracefully: each open socket's shutdown handler
     * ends its stream with system-shutdown (RFC 6120 §4.9.3.22), and sockets still open after the
     * grace period are closed. A plain close() would drop the sockets before any stream error is sent.
     */
    @Override
    public Future<?> stop() {
        vertx.cancelTimer(sweepTimer);
        long grace = services.config().server().shutdownGraceSeconds();
        return Future.all(List.of(
                starttlsServer == null ? Future.succeededFuture() : starttlsServer.shutdown(grace, TimeUnit.SECONDS),
                directTlsServer == null ? Future.succeededFuture() : directTlsServer.shutdown(grace, TimeUnit.SECONDS)));
    }
}
