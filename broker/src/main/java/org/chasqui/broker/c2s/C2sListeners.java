package org.chasqui.broker.c2s;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.chasqui.broker.accounts.AccountService;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.broker.iq.IqHandlers;
import org.chasqui.broker.routing.Router;
import org.chasqui.broker.routing.SessionRegistry;
import org.chasqui.broker.tls.TlsMaterial;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StreamError;

/** Starts the c2s listeners on every event loop and ends every open stream at shutdown. */
public final class C2sListeners {

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
     * Deploys one listener instance per event loop. The first binds the configured ports (0 picks a
     * free one); the others share the ports the first one got.
     */
    public Future<Void> start() {
        ServerConfig config = services.config();
        C2sVerticle first = new C2sVerticle(services, tls, config.c2s().starttlsPort(), config.c2s().directTlsPort());
        return vertx.deployVerticle(first).compose(id -> {
            deployments.add(id);
            int[] ports = first.actualPorts();
            starttlsPort = ports[0];
            directTlsPort = ports[1];
            int others = eventLoops - 1;
            if (others <= 0) {
                return Future.succeededFuture();
            }
            return vertx.deployVerticle(() -> new C2sVerticle(services, tls, starttlsPort, directTlsPort),
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
