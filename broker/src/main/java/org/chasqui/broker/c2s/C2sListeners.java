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
import org.chasqui.broker.presence.PresenceService;
import org.chasqui.broker.roster.SubscriptionService;
import org.chasqui.broker.routing.Router;
import org.chasqui.broker.routing.SessionRegistry;
import org.chasqui.broker.sm.ResumptionRegistry;
import org.chasqui.broker.tls.TlsMaterial;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.xml.Element;
import org.chasqui.xmpp.stanza.StreamError;

/** Starts the c2s listeners on every event loop and ends every open stream at shutdown. */
public final class C2sListeners {

    /** For Vert.x: free ports shared by all instances (negative, but not -1, which is C2sConfig.DISABLED). */
    private static final int SHARED_FREE_PORT_STARTTLS = -2;
    private static final int SHARED_FREE_PORT_DIRECT_TLS = -3;

    private final Vertx vertx;
    private final C2sServices services;
    private final TlsMaterial tls;
    private final List<String> deployments = new ArrayList<>();
    private final int eventLoops;
    private int starttlsPort;
    private int directTlsPort;

    public C2sListeners(Vertx vertx, ServerConfig config, Jid domain, AccountService accounts,
            SessionRegistry registry, Router router, SubscriptionService subscriptions, PresenceService presence,
            IqHandlers iqHandlers, boolean registrationEnabled, TlsMaterial tls, int eventLoops, Element serverCaps) {
        this.vertx = vertx;
        this.eventLoops = eventLoops;
        this.tls = tls;
        Set<ClientSession> open = ConcurrentHashMap.newKeySet();
        this.services = new C2sServices(vertx, config, domain, accounts, registry, router, subscriptions, presence, iqHandlers,
                registrationEnabled, new ConnectionLimiter(config.limits().maxConnectionsPerIp()), new StartTls(tls),
                new ResumptionRegistry<>(), serverCaps, open, new StreamFeatures.Memo());
    }

    /**
     * Deploys one listener instance per event loop; Vert.x lets the instances share the listening
     * sockets, so accepted connections spread over the loops. A configured port 0 (a free port, for
     * tests) is passed to Vert.x as a negative port: Vert.x shares a socket between instances only
     * for a fixed port or for the same negative port, which means "one free port for all of us".
     * STARTTLS works on every instance because {@link StartTls} does not use Vert.x's upgradeToSsl.
     */
    public Future<Void> start() {
        C2sConfig c2s = services.config().c2s();
        int starttls = shared(c2s.starttlsPort(), SHARED_FREE_PORT_STARTTLS);
        int directTls = shared(c2s.directTlsPort(), SHARED_FREE_PORT_DIRECT_TLS);
        C2sVerticle first = new C2sVerticle(services, tls, starttls, directTls);
        return vertx.deployVerticle(first).compose(id -> {
            deployments.add(id);
            int[] ports = first.actualPorts();
            starttlsPort = ports[0];
            directTlsPort = ports[1];
            if (eventLoops <= 1) {
                return Future.succeededFuture();
            }
            return vertx.deployVerticle(() -> new C2sVerticle(services, tls, starttls, directTls),
                    new DeploymentOptions().setInstances(eventLoops - 1)).map(deployments::add);
        }).mapEmpty();
    }

    private static int shared(int configured, int sharedFreePort) {
        return configured == 0 ? sharedFreePort : configured;
    }

    public int starttlsPort() {
        return starttlsPort;
    }

    public int directTlsPort() {
        return directTlsPort;
    }

    /**
     * Starts a client session on a connection of another transport (WebSocket, BOSH); called on the
     * event loop that owns the connection.
     */
    public void accept(Transport transport) {
        ClientSessions.open(services, transport);
    }

    /** Open streams, and sessions waiting for their client to resume them (XEP-0198 §5). */
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
