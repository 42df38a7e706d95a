package org.chasqui.broker.c2s;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.chasqui.broker.accounts.AccountService;
import org.chasqui.broker.config.C2sConfig;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.broker.iq.IqHandlers;
import org.chasqui.broker.routing.Router;
import org.chasqui.broker.routing.SessionRegistry;
import org.chasqui.broker.tls.TlsMaterial;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StreamError;

/** Starts the c2s listeners on every event loop and ends every open stream at shutdown. */
public final class C2sListeners {

    /** For Vert.x: one free port shared by all instances (any negative port but -1, C2sConfig.DISABLED). */
    private static final int SHARED_FREE_PORT = -2;

    private final Vertx vertx;
    private final C2sServices services;
    private final TlsMaterial tls;
    private final List<String> deployments = new ArrayList<>();
    private final int eventLoops;
    private int starttlsPort;
    private int directTlsPort;

    public C2sListeners(Vertx vertx, ServerConfig config, Jid domain, AccountService accounts,
            SessionRegistry registry, Router router, IqHandlers iqHandlers, boolean registrationEnabled,
            TlsMaterial tls, int eventLoops) {
        this.vertx = vertx;
        this.eventLoops = eventLoops;
        this.tls = tls;
        Set<ClientSession> open = ConcurrentHashMap.newKeySet();
        this.services = new C2sServices(vertx, config, domain, accounts, registry, router, iqHandlers,
                registrationEnabled, new ConnectionLimiter(config.limits().maxConnectionsPerIp()), open);
    }

    /**
     * Deploys one listener instance per event loop. The first binds the configured ports; the others
     * share its direct TLS socket. A configured port 0 (a free port, for tests) is passed to Vert.x as
     * a negative port: Vert.x shares a socket between instances only for a fixed port or for the same
     * negative port, which means "one free port for all of us". With 0 every instance would bind its
     * own free port, and with the first instance's actual port the others would fail to bind it.
     *
     * <p>Only the first instance listens on the STARTTLS port. In Vert.x 5.0.7 a server instance that
     * shares another's socket has no SslContextManager, so {@code NetSocket.upgradeToSsl} on the
     * connections it accepts throws a NullPointerException (NetServerImpl.bind gives the field a
     * value only for the instance that binds). STARTTLS streams therefore all live on the first
     * event loop until Vert.x is fixed or the upgrade is done without upgradeToSsl.
     */
    public Future<Void> start() {
        ServerConfig config = services.config();
        int directTls = config.c2s().directTlsPort() == 0 ? SHARED_FREE_PORT : config.c2s().directTlsPort();
        C2sVerticle first = new C2sVerticle(services, tls, config.c2s().starttlsPort(), directTls);
        return vertx.deployVerticle(first).compose(id -> {
            deployments.add(id);
            int[] ports = first.actualPorts();
            starttlsPort = ports[0];
            directTlsPort = ports[1];
            int others = eventLoops - 1;
            if (others <= 0 || directTls == C2sConfig.DISABLED) {
                return Future.succeededFuture();
            }
            return vertx.deployVerticle(() -> new C2sVerticle(services, tls, C2sConfig.DISABLED, directTls),
                    new DeploymentOptions().setInstances(others)).map(deployments::add);
        }).mapEmpty();
    }

    public int starttlsPort() {
        return starttlsPort;
    }

    public int directTlsPort() {
        return directTlsPort;
    }

    public int openStreams() {
        return services.openSessions().size();
    }

    /** Ends every open stream with this error (e.g. system-shutdown, RFC 6120 §4.9.3.22). */
    public void terminateAll(StreamError error) {
        services.openSessions().forEach(s -> s.terminate(error));
    }

    /** Stops accepting connections. */
    public Future<Void> stop() {
        List<Future<Void>> undeploys = new ArrayList<>();
        deployments.forEach(id -> undeploys.add(vertx.undeploy(id)));
        return Future.all(undeploys).mapEmpty();
    }
}
