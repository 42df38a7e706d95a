package org.chasqui.broker;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.chasqui.persistence.log.Durability;
import org.chasqui.persistence.log.JournalRoll;
import org.chasqui.persistence.pubsub.PubSubJournal;
import org.chasqui.broker.caps.ServerCaps;
import org.chasqui.broker.caps.Caps;
import org.chasqui.broker.pep.PepDisco;
import org.chasqui.broker.pep.PepIqHandler;
import org.chasqui.broker.pep.PepPresence;
import org.chasqui.broker.pubsub.NotificationSender;
import org.chasqui.broker.pubsub.PubSubDisco;
import org.chasqui.broker.routing.ServerRequests;
import org.chasqui.pubsub.ServicePolicy;
import org.chasqui.broker.config.PubSubConfig;
import org.chasqui.broker.pubsub.PubSubComponent;
import org.chasqui.broker.pubsub.PubSubFacts;
import org.chasqui.broker.pubsub.PubSubServices;
import org.chasqui.broker.pubsub.StoredReads;
import org.chasqui.broker.repair.Repair;
import org.chasqui.pubsub.NodeDefaults;
import org.chasqui.pubsub.PubSubService;
import org.chasqui.pubsub.ServiceLimits;
import org.chasqui.broker.blocking.BlockingIndex;
import org.chasqui.broker.blocking.BlockingPushes;
import org.chasqui.broker.blocking.BlockingRules;
import org.chasqui.broker.blocking.BlockingService;
import org.chasqui.broker.blocking.BlockingXml;
import org.chasqui.broker.last.LastActivityService;
import org.chasqui.broker.offline.OfflineStore;
import org.chasqui.broker.presence.PresenceListener;
import org.chasqui.broker.presence.PresenceService;
import org.chasqui.broker.routing.LocalSession;
import org.chasqui.xmpp.xml.Element;
import org.chasqui.broker.roster.AccountRemoval;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.chasqui.broker.accounts.AccountRefresh;
import org.chasqui.broker.accounts.AccountService;
import org.chasqui.broker.c2s.C2sListeners;
import org.chasqui.broker.http.HttpListeners;
import org.chasqui.broker.carbons.CarbonCopier;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.broker.config.StorageConfig;
import org.chasqui.broker.iq.DiscoInfoHandler;
import org.chasqui.broker.iq.DiscoItemsHandler;
import org.chasqui.broker.iq.IqHandlers;
import org.chasqui.broker.iq.PingHandler;
import org.chasqui.broker.iq.VersionHandler;
import org.chasqui.broker.register.RegistrationHandler;
import org.chasqui.broker.routing.Router;
import org.chasqui.broker.routing.SessionRegistry;
import org.chasqui.broker.snapshot.Snapshotter;
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
    private static final long PUBSUB_SWEEP_MS = 10_000;
    private static final long SHUTDOWN_SNAPSHOT_SECONDS = 300;
    /** The domain says its accounts are PEP services (XEP-0163), as the issue of PEP support asks. */
    private static final String PEP_DOMAIN_FEATURE = "http://jabber.org/protocol/pubsub#pep";

    private final ServerConfig config;
    private final Vertx vertx;
    private final AccountService accounts;
    private final UserStore users;
    private final PubSubServices pubsub;
    private final C2sListeners c2s;
    private final HttpListeners http;
    private final Snapshotter snapshotter;
    private final DataDirLock lock;
    /** Completes with the cause when a journal's writer failed (see {@link #storageFailed}). */
    private final CompletableFuture<Throwable> storageFailure = new CompletableFuture<>();
    /** Completes once {@link #stop()} has finished; the first call stops, later ones wait. */
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final long sweepTimer;
    private final long refreshTimer;
    private final long snapshotTimer;

    private ChasquiServer(ServerConfig config, Vertx vertx, AccountService accounts, UserStore users,
                          PubSubServices pubsub, C2sListeners c2s, HttpListeners http, DataDirLock lock) {
        this.config = config;
        this.lock = lock;
        this.vertx = vertx;
        this.accounts = accounts;
        this.users = users;
        this.pubsub = pubsub;
        // XEP-0060 §12.18 item expiry and §6.3 leases end on time, journaled like any change
        this.sweepTimer = vertx.setPeriodic(PUBSUB_SWEEP_MS, t -> pubsub.sweep());
        this.c2s = c2s;
        this.http = http;
        // Accounts changed by another process (the CLI) are picked up from the journal.
        AccountRefresh refresh = new AccountRefresh(accounts);
        this.refreshTimer = vertx.setPeriodic(ACCOUNT_REFRESH_MS, t -> vertx.executeBlocking(() -> {
            refresh.run();
            return null;
        }, false));
        this.snapshotter = new Snapshotter(accounts, users, pubsub, config.snapshots().keep());
        int interval = config.snapshots().intervalSeconds();
        this.snapshotTimer = interval == 0 ? -1
                : vertx.setPeriodic(TimeUnit.SECONDS.toMillis(interval), t -> snapshot());
        accounts.onJournalFailure(this::storageFailed);
        users.onJournalFailure(this::storageFailed);
        pubsub.onJournalFailure(this::storageFailed);
    }

    /**
     * A journal's writer failed (an append not written, a force that failed): the state in memory may
     * now hold a change the journal does not, which a restart would take back, so the server stops
     * rather than go on showing it (fail-stop; a restart rebuilds the state from the journal, as after a
     * crash). No snapshot is taken from that state. Called on the writer's thread: the stop runs on
     * its own, since it closes the journals and so waits for their writers.
     */
    private void storageFailed(Throwable cause) {
        if (!storageFailure.complete(cause)) {
            return;
        }
        LOG.error("{}: a journal cannot be written; stopping, since the state in memory may now hold a change"
                + " the journal does not; a restart rebuilds it from the journal", NAME, cause);
        Thread stopper = new Thread(this::stop, "chasqui-storage-failure-stop");
        stopper.start();
    }

    /** Completes with the cause if a journal's writer failed and the server stopped itself for it. */
    public CompletableFuture<Throwable> storageFailure() {
        return storageFailure;
    }

    /** Completes once the server has stopped (by {@link #stop()}, or by itself after a storage failure). */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /** Starts a server and returns once it listens. Blocking: call from a plain thread. */
    public static ChasquiServer start(ServerConfig config) throws Exception {
        return start(config, InstantSource.system());
    }

    /** {@link #start(ServerConfig)} with the clock the server reads (tests pass their own). */
    public static ChasquiServer start(ServerConfig config, InstantSource clock) throws Exception {
        DataDirLock lock = DataDirLock.claim(config.dataDir(), "stop it before starting another on the same data");
        try {
            Optional<Path> unfinished = Repair.unfinished(config.dataDir());
            if (unfinished.isPresent()) {
                throw new IllegalStateException("an interrupted chasqui repair-data left " + unfinished.get()
                        + "; run repair-data again before starting the server");
            }
            return start(config, clock, lock);
        } catch (Exception | Error e) {
            lock.close();
            throw e;
        }
    }

    private static ChasquiServer start(ServerConfig config, InstantSource clock, DataDirLock lock) throws Exception {
        long started = System.nanoTime();
        Jid domain = Jid.domain(config.domain());
        TlsMaterial tls = TlsMaterial.load(config.tls(), config.dataDir(), config.domain());
        Durability durability = config.storage().durability();
        JournalRoll roll = config.storage().journalRoll(); // for journal directories created now
        AccountService accounts = AccountService.open(accountsDir(config.dataDir()), config.auth().scramIterations(),
                durability, roll, config.auth().plainCacheEntries(), Duration.ofSeconds(config.auth().plainCacheTtlSeconds()));
        UserStore users;
        PubSubServices pubsub;
        try {
            users = UserStore.open(usersDir(config.dataDir()), durability, roll);
        } catch (RuntimeException e) {
            accounts.close();
            throw e;
        }
        try {
            pubsub = openPubSub(config.dataDir(), config.pubsub(), config.domain(), clock, config.storage());
        } catch (RuntimeException e) {
            accounts.close();
            users.close();
            throw e;
        }
        int eventLoops = Runtime.getRuntime().availableProcessors();
        // Linux epoll when its native library loads (fewer system calls and copies per write than NIO)
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setPreferNativeTransport(config.server().nativeTransport()));
        LOG.info("network transport: {}", vertx.isNativeTransportEnabled() ? "epoll"
                : "NIO (" + vertx.unavailableNativeTransportCause() + ")");
        try {
            SessionRegistry registry = new SessionRegistry();
            IqHandlers iq = new IqHandlers();
            Router router = new Router(domain, registry, accounts::exists, iq);
            UserShards shards = new UserShards(vertx, eventLoops);
            NotificationSender notifications = new NotificationSender(router, vertx); // one, for digests
            StoredReads storedReads = new StoredReads(vertx);
            users.attach(shards);
            ServerRequests serverRequests = new ServerRequests(router);
            router.serverRequests(serverRequests);
            Caps caps = new Caps(serverRequests);
            pubsub.attach(shards, new PubSubFacts(users.rosterView(), registry, domain.domainpart(), caps::wantsNotifications));
            List<String> services = new ArrayList<>();
            if (config.pubsub().enabled()) {
                Jid address = pubsubAddress(config, domain);
                PubSubComponent component = new PubSubComponent(address, pubsub, router, notifications, storedReads);
                router.component(address, component::handle);
                services.add(address.toString()); // XEP-0060 §5.1: discoverable from the domain
            }
            OfflineStore offline = new OfflineStore(users, registry, domain.toString(),
                    config.im().maxOfflineMessages(), clock, router::bounce);
            router.offlineStorage(offline::store);
            RosterPushes pushes = new RosterPushes(registry, domain.domainpart());
            ContactDelivery contactDelivery = new ContactDelivery(registry, router);
            SubscriptionService subscriptions = new SubscriptionService(users, pushes, contactDelivery, router, domain,
                    accounts::exists);
            PresenceService presence = new PresenceService(users, registry, router, contactDelivery, offline, domain, clock);
            PresenceListener pepPresence = new PepPresence(caps, pubsub, users.rosterView(), notifications,
                    domain.domainpart(), config.pubsub().enabled() ? pubsubAddress(config, domain) : null);
            PresenceListener pubsubPresence = config.pubsub().enabled() ? new PresenceListener() {
                @Override
                public void available(LocalSession session, Element p, boolean initial) {
                }

                @Override
                public void unavailable(LocalSession session) {
                    pubsub.resourceUnavailable(pubsubAddress(config, domain), session.jid()); // XEP-0060 §6.3
                }
            } : PresenceListener.NONE;
            presence.listen(PresenceListener.both(pepPresence, pubsubPresence));
            BlockingIndex blocklists = BlockingIndex.load(users, domain.domainpart());
            router.blocking(new BlockingRules(blocklists, router::bounce, domain));
            RegistrationHandler registration = new RegistrationHandler(vertx, accounts, registry, domain,
                    config.registration().enabled(), config.registration().allowRemoval());
            PepIqHandler pep = new PepIqHandler(pubsub, router, notifications, storedReads);
            AtomicReference<ServerCaps> serverCaps = new AtomicReference<>();
            iq.register(Namespaces.DISCO_INFO, PepDisco.info(new DiscoInfoHandler(iq::features,
                    () -> serverCaps.get() == null ? null : serverCaps.get().node()), pubsub), Namespaces.DISCO_INFO)
                    .register(Namespaces.DISCO_ITEMS, PepDisco.items(new DiscoItemsHandler(() -> services), pubsub),
                            Namespaces.DISCO_ITEMS)
                    .register(PubSubDisco.requestNamespaces().get(0), pep, PEP_DOMAIN_FEATURE) // XEP-0163: every account
                    .register(PubSubDisco.requestNamespaces().get(1), pep)
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
            AccountRemoval removal = new AccountRemoval(users, subscriptions, domain.domainpart());
            accounts.onDeleted(user -> {
                removal.removed(user);
                Jid account = Jid.of(user, domain.domainpart(), null);
                pubsub.deleteService(account, outcome -> notifications.send(account, outcome.notifications()));
            });
            // accounts deleted while the server was down (by the CLI) leave no state behind
            users.users().stream().filter(u -> !accounts.exists(u)).forEach(removal::removed);
            pubsub.accounts().stream().filter(a -> !accounts.exists(a.localpart()))
                    .forEach(a -> pubsub.deleteService(a, outcome -> { }));
            StreamError removed = new StreamError(StreamErrorCondition.NOT_AUTHORIZED, "account removed");
            accounts.onDeletedElsewhere(user ->
                    registry.sessionsOf(Jid.of(user, domain.domainpart(), null)).forEach(x -> x.terminate(removed)));
            // XEP-0163 §6.1 names the account's disco; clients (Smack's PEP, OMEMO and OpenPGP managers)
            // look for PEP support at their server, so the domain lists the PEP features too
            PepDisco.features().forEach(iq::feature);
            serverCaps.set(new ServerCaps(iq.features())); // the handlers are all registered now
            C2sListeners c2s = new C2sListeners(vertx, config, domain, accounts, registry, router, subscriptions,
                    presence, iq, config.registration().enabled(), tls, eventLoops, serverCaps.get().feature());
            await(c2s.start(), 30);
            HttpListeners http = new HttpListeners(vertx, config, c2s, tls, eventLoops);
            await(http.start(), 30);
            ChasquiServer server = new ChasquiServer(config, vertx, accounts, users, pubsub, c2s, http, lock);
            LOG.info("{} {} serving {} on {}: STARTTLS port {}, direct TLS port {}; HTTP (WebSocket, BOSH) on {}:"
                    + " port {}, TLS port {}; {} accounts; started in {} ms",
                    NAME, VERSION, domain, config.c2s().bindAddress(), c2s.starttlsPort(), c2s.directTlsPort(),
                    config.http().bindAddress(), http.port(), http.tlsPort(),
                    accounts.count(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return server;
        } catch (Exception e) {
            vertx.close();
            accounts.close();
            users.close();
            pubsub.close();
            throw e;
        }
    }

    private static Jid pubsubAddress(ServerConfig config, Jid domain) {
        return Jid.domain(config.pubsub().subdomain() + "." + domain.domainpart());
    }

    /** The pubsub services, replayed from their journal; the engine of each address made on first use. */
    public static PubSubServices openPubSub(Path dataDir, PubSubConfig settings, String domain, InstantSource clock,
            Durability durability) {
        return openPubSub(dataDir, settings, domain, clock, StorageConfig.DEFAULTS.withDurability(durability));
    }

    /** {@link #openPubSub} with the journal written as {@code storage} says (its roll, if it is created now). */
    public static PubSubServices openPubSub(Path dataDir, PubSubConfig settings, String domain, InstantSource clock,
            StorageConfig storage) {
        return replayPubSub(PubSubJournal.open(pubsubDir(dataDir), storage.durability(), storage.journalRoll()),
                settings, domain, clock);
    }

    /** {@link #openPubSub} over a journal opened by the caller ({@code chasqui repair-data}: a salvaged one). */
    public static PubSubServices replayPubSub(PubSubJournal journal, PubSubConfig settings, String domain,
            InstantSource clock) {
        ServiceLimits limits = settings.limits();
        // local accounts create nodes on pubsub.domain; on a PEP service only its account does (XEP-0163 §4)
        ServicePolicy service = ServicePolicy.service(limits, actor -> actor.domainpart().equals(domain) && actor.localpart() != null);
        return PubSubServices.replay(journal, (address, payloads) -> new PubSubService(address, limits,
                address.localpart() != null ? ServicePolicy.pep(limits, address) : service, clock, PubSubServices::newId,
                payloads), NodeDefaults.leaf(limits));
    }

    /** Where the pubsub journal lives under the data directory. */
    public static Path pubsubDir(Path dataDir) {
        return dataDir.resolve("pubsub");
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

    /**
     * Takes a snapshot of every journal now (or joins the one under way); completes once they are
     * written. Old snapshots and covered journal files go as {@code snapshots.keep} says.
     */
    public CompletableFuture<Void> snapshot() {
        if (storageFailure.isDone()) { // the state may hold a change no journal has: never written down
            return CompletableFuture.failedFuture(new IllegalStateException("a journal failed; no snapshot",
                    storageFailure.join()));
        }
        return snapshotter.snapshot();
    }

    /** The pubsub and PEP services (for tests and tools). */
    public PubSubServices pubsub() {
        return pubsub;
    }

    public int starttlsPort() {
        return c2s.starttlsPort();
    }

    public int directTlsPort() {
        return c2s.directTlsPort();
    }

    /** The plain HTTP port (WebSocket, BOSH, host-meta), -1 if off. */
    public int httpPort() {
        return http.port();
    }

    /** The HTTPS port, -1 if off. */
    public int httpTlsPort() {
        return http.tlsPort();
    }

    /**
     * Graceful stop: no new connections, every stream ends with system-shutdown (RFC 6120
     * §4.9.3.22), then up to the grace period for them to close, then the journal is closed.
     */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            stopped.join(); // stopping on another thread (a storage failure, a shutdown hook)
            return;
        }
        try {
            stopOnce();
        } finally {
            stopped.complete(null);
        }
    }

    private void stopOnce() {
        vertx.cancelTimer(refreshTimer);
        vertx.cancelTimer(sweepTimer);
        if (snapshotTimer != -1) {
            vertx.cancelTimer(snapshotTimer);
        }
        try {
            await(http.stop(), config.server().shutdownGraceSeconds() + 30L);
            await(c2s.stop(), config.server().shutdownGraceSeconds() + 30L);
            c2s.terminateAll(StreamError.of(StreamErrorCondition.SYSTEM_SHUTDOWN));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.server().shutdownGraceSeconds());
            while (c2s.openStreams() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (config.snapshots().onShutdown() && !storageFailure.isDone()) {
                // the shards still run (Vert.x is closed below); changes made by the streams' ends that
                // miss the snapshot are in the journal after it
                try {
                    snapshotter.snapshot().get(SHUTDOWN_SNAPSHOT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    LOG.warn("no snapshot at shutdown; the next start replays the journal tail", e);
                }
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
            snapshotter.close();
            accounts.close();
            users.close();
            pubsub.close();
            lock.close(); // last: the journals are closed
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
