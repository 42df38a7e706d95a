package org.chasqui.broker;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.List;
import java.time.InstantSource;
import org.chasqui.broker.blocking.BlockingIndex;
import org.chasqui.broker.blocking.BlockingPushes;
import org.chasqui.broker.blocking.BlockingRules;
import org.chasqui.broker.blocking.BlockingService;
import org.chasqui.broker.blocking.BlockingXml;
import org.chasqui.broker.last.LastActivityService;
import org.chasqui.broker.offline.OfflineStore;
import org.chasqui.broker.presence.PresenceService;
import org.chasqui.broker.roster.ContactDelivery;
import org.chasqui.broker.roster.RosterPushes;
import org.chasqui.broker.roster.RosterService;
import org.chasqui.broker.roster.RosterXml;
import org.chasqui.broker.roster.SubscriptionService;
import org.chasqui.broker.users.UserShards;
import org.chasqui.broker.users.UserStore;
import org.chasqui.broker.vcard.VCardService;
import org.chasqui.xmpp.stanza.StanzaError;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.chasqui.broker.accounts.AccountService;
import org.chasqui.broker.c2s.C2sListeners;
import org.chasqui.broker.carbons.CarbonCopier;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.broker.iq.DiscoInfoHandler;
import org.chasqui.broker.iq.DiscoItemsHandler;
import org.chasqui.broker.iq.IqHandlers;
import org.chasqui.broker.iq.PingHandler;
import org.chasqui.broker.iq.VersionHandler;
import org.chasqui.broker.register.RegistrationHandler;
import org.chasqui.broker.routing.Router;
import org.chasqui.broker.routing.SessionRegistry;
import org.chasqui.broker.tls.TlsMaterial;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Chasqui server: wires the modules together, starts the listeners, stops gracefully. */
public final class ChasquiServer {

    private static final Logger LOG = LoggerFactory.getLogger(ChasquiServer.class);
    public static final String NAME = "Chasqui";
    public static final String VERSION = versionOfJar();
    private static final long ACCOUNT_REFRESH_MS = 1000;

    private final ServerConfig config;
    private final Vertx vertx;
    private final AccountService accounts;
    private final UserStore users;
    private final C2sListeners c2s;
    private final long refreshTimer;

    private ChasquiServer(ServerConfig config, Vertx vertx, AccountService accounts, UserStore users, C2sListeners c2s) {
        this.config = config;
        this.vertx = vertx;
        this.accounts = accounts;
        this.users = users;
        this.c2s = c2s;
        // Accounts changed by another process (the CLI) are picked up from the journal.
        this.refreshTimer = vertx.setPeriodic(ACCOUNT_REFRESH_MS,
                t -> vertx.executeBlocking(accounts::refresh, false));
    }

    /** Starts a server and returns once it listens. Blocking: call from a plain thread. */
    public static ChasquiServer start(ServerConfig config) throws Exception {
        return start(config, InstantSource.system());
    }

    /** {@link #start(ServerConfig)} with the clock the server reads (tests pass their own). */
    public static ChasquiServer start(ServerConfig config, InstantSource clock) throws Exception {
        long started = System.nanoTime();
        Jid domain = Jid.domain(config.domain());
        TlsMaterial tls = TlsMaterial.load(config.tls(), config.dataDir(), config.domain());
        AccountService accounts = AccountService.open(accountsDir(config.dataDir()), config.auth().scramIterations());
        UserStore users;
        try {
            users = UserStore.open(usersDir(config.dataDir()));
        } catch (RuntimeException e) {
            accounts.close();
            throw e;
        }
        int eventLoops = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        try {
            SessionRegistry registry = new SessionRegistry();
            IqHandlers iq = new IqHandlers();
            Router router = new Router(domain, registry, accounts::exists, iq);
            users.attach(new UserShards(vertx, eventLoops));
            OfflineStore offline = new OfflineStore(users, registry, domain.toString(),
                    config.im().maxOfflineMessages(), clock, router::bounce);
            router.offlineStorage(offline::store);
            RosterPushes pushes = new RosterPushes(registry, domain.domainpart());
            ContactDelivery contactDelivery = new ContactDelivery(registry, router);
            SubscriptionService subscriptions = new SubscriptionService(users, pushes, contactDelivery, router, domain,
                    accounts::exists);
            PresenceService presence = new PresenceService(users, registry, router, contactDelivery, offline, domain, clock);
            BlockingIndex blocklists = BlockingIndex.load(users, domain.domainpart());
            router.blocking(new BlockingRules(blocklists, router::bounce, domain));
            RegistrationHandler registration = new RegistrationHandler(vertx, accounts, registry, domain,
                    config.registration().enabled(), config.registration().allowRemoval());
            iq.register(Namespaces.DISCO_INFO, new DiscoInfoHandler(iq::features), Namespaces.DISCO_INFO)
                    .register(Namespaces.DISCO_ITEMS, new DiscoItemsHandler(List::of), Namespaces.DISCO_ITEMS)
                    .register(Namespaces.PING, new PingHandler(), Namespaces.PING)
                    .register(Namespaces.VERSION, new VersionHandler(NAME, VERSION), Namespaces.VERSION)
                    .register(Namespaces.REGISTER, registration, Namespaces.REGISTER)
                    .register(RosterXml.NAMESPACE, new RosterService(users, pushes, subscriptions,
                            config.im().maxRosterItems()))
                    .register(BlockingXml.NAMESPACE, new BlockingService(users, blocklists,
                            new BlockingPushes(registry, domain.domainpart()), contactDelivery,
                            BlockingService.DEFAULT_MAX_ITEMS), BlockingXml.NAMESPACE)
                    .register(VCardService.NAMESPACE, new VCardService(users, VCardService.DEFAULT_MAX_BYTES),
                            VCardService.NAMESPACE)
                    .register(LastActivityService.NAMESPACE, new LastActivityService(users, registry, clock),
                            LastActivityService.NAMESPACE)
                    .feature(CarbonCopier.NAMESPACE); // XEP-0280 §3, handled per session by c2s
            if (config.im().maxOfflineMessages() > 0) {
                iq.feature(OfflineStore.FEATURE); // XEP-0160 §4
            } else {
                router.offlineStorage((message, bare) -> router.bounce(message,
                        StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE)));
            }
            StreamError removed = new StreamError(StreamErrorCondition.NOT_AUTHORIZED, "account removed");
            accounts.onDeletedElsewhere(user ->
                    registry.sessionsOf(Jid.of(user, domain.domainpart(), null)).forEach(x -> x.terminate(removed)));
            C2sListeners c2s = new C2sListeners(vertx, config, domain, accounts, registry, router, subscriptions,
                    presence, iq, config.registration().enabled(), tls, eventLoops);
            await(c2s.start(), 30);
            ChasquiServer server = new ChasquiServer(config, vertx, accounts, users, c2s);
            LOG.info("{} {} serving {} on {}: STARTTLS port {}, direct TLS port {}; {} accounts; started in {} ms",
                    NAME, VERSION, domain, config.c2s().bindAddress(), c2s.starttlsPort(), c2s.directTlsPort(),
                    accounts.count(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return server;
        } catch (Exception e) {
            vertx.close();
            accounts.close();
            users.close();
            throw e;
        }
    }

    /** Where the user journal (rosters, offline messages, ...) lives under the data directory. */
    public static Path usersDir(Path dataDir) {
        return dataDir.resolve("users");
    }

    /** Where the account journal lives under the data directory. */
    public static Path accountsDir(Path dataDir) {
        return dataDir.resolve("accounts");
    }

    public ServerConfig config() {
        return config;
    }

    public AccountService accounts() {
        return accounts;
    }

    /** The users' IM state (for tests and tools). */
    public UserStore users() {
        return users;
    }

    public int starttlsPort() {
        return c2s.starttlsPort();
    }

    public int directTlsPort() {
        return c2s.directTlsPort();
    }

    /**
     * Graceful stop: no new connections, every stream ends with system-shutdown (RFC 6120
     * §4.9.3.22), then up to the grace period for them to close, then the journal is closed.
     */
    public void stop() {
        vertx.cancelTimer(refreshTimer);
        try {
            await(c2s.stop(), config.server().shutdownGraceSeconds() + 30L);
            c2s.terminateAll(StreamError.of(StreamErrorCondition.SYSTEM_SHUTDOWN));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.server().shutdownGraceSeconds());
            while (c2s.openStreams() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("error while stopping listeners", e);
        } finally {
            try {
                await(vertx.close(), 30);
            } catch (Exception e) {
                LOG.warn("error while closing Vert.x", e);
            }
            accounts.close();
            users.close();
            LOG.info("{} stopped", NAME);
        }
    }

    private static <T> T await(Future<T> future, long seconds) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out", e);
        }
    }

    private static String versionOfJar() {
        String v = ChasquiServer.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
