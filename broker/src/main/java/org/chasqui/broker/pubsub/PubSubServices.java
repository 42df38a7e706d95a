package org.chasqui.broker.pubsub;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.chasqui.broker.users.UserShards;
import org.chasqui.persistence.log.Durability;
import org.chasqui.persistence.pubsub.PubSubJournal;
import org.chasqui.pubsub.Command;
import org.chasqui.pubsub.Facts;
import org.chasqui.pubsub.NodeConfig;
import org.chasqui.pubsub.Outcome;
import org.chasqui.pubsub.PubSubError;
import org.chasqui.pubsub.PubSubRecord;
import org.chasqui.pubsub.PubSubService;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every pubsub service of the server (pubsub.domain now; PEP services later) with its owner: a
 * service lives on one shard (by its JID; a PEP service on its account's shard) and only that shard
 * runs its engine. A command's records go to the journal, and its reply and notifications are released
 * only once they, and every record the service appended before them, are in the journal: nobody sees
 * an item or a change that is not journaled.
 */
public final class PubSubServices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PubSubServices.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<Jid, PubSubService> services = new ConcurrentHashMap<>();
    /** Per service, the future of its newest append; touched only on the service's shard. */
    private final Map<Jid, CompletableFuture<Void>> lastAppend = new ConcurrentHashMap<>();
    private final PubSubJournal journal;
    private final Function<Jid, PubSubService> factory;
    private UserShards shards;
    private Facts facts = Facts.NONE;

    private PubSubServices(PubSubJournal journal, Function<Jid, PubSubService> factory) {
        this.journal = journal;
        this.factory = factory;
    }

    /**
     * Opens the journal and replays it. {@code factory} makes the engine of a service address;
     * {@code storedDefaults} is what stored configurations are read over. Blocking: call at start.
     */
    public static PubSubServices open(Path dir, Function<Jid, PubSubService> factory, NodeConfig storedDefaults) {
        return open(dir, factory, storedDefaults, Durability.PROCESS);
    }

    /** {@link #open(Path, Function, NodeConfig)} with changes acknowledged at {@code durability}. */
    public static PubSubServices open(Path dir, Function<Jid, PubSubService> factory, NodeConfig storedDefaults,
            Durability durability) {
        PubSubServices s = new PubSubServices(PubSubJournal.open(dir, durability), factory);
        int n = s.journal.replay(storedDefaults, (service, r) -> s.service(service).apply(r));
        LOG.info("pubsub journal: {} records replayed, {} services", n, s.services.size());
        return s;
    }

    /** Wires the shards and facts (once, before serving). */
    public void attach(UserShards userShards, Facts serverFacts) {
        this.shards = userShards;
        this.facts = serverFacts;
    }

    /** 22 random bytes, URL-safe: ids for items, instant nodes and subscriptions that nobody can guess. */
    public static String newId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The engine of a service address (created empty on first use); only on its shard or during replay. */
    private PubSubService service(Jid address) {
        return services.computeIfAbsent(address, factory);
    }

    /** Runs a command on the service's shard; {@code then} runs there once the outcome may be released. */
    public void execute(Jid service, Command command, Consumer<Outcome> then) {
        shards.run(shardKey(service), () -> {
            Outcome outcome;
            try {
                outcome = service(service).handle(command, facts);
            } catch (RuntimeException e) {
                LOG.error("pubsub: {} failed on {}", command.getClass().getSimpleName(), service, e);
                throw e;
            }
            release(service, outcome.records(), journaled -> then.accept(journaled ? outcome
                    : Outcome.fail(PubSubError.of(StanzaErrorCondition.INTERNAL_SERVER_ERROR)
                            .withText("the change could not be stored"))));
        });
    }

    /** Reads a service on its shard (disco); nothing is journaled. */
    public void read(Jid service, Consumer<PubSubService> task) {
        shards.run(shardKey(service), () -> task.accept(service(service)));
    }

    /** Deletes every node of a service (its account was deleted); {@code then} gets the notifications to send. */
    public void deleteService(Jid service, Consumer<Outcome> then) {
        shards.run(shardKey(service), () -> {
            PubSubService s = services.get(service);
            if (s == null) {
                return;
            }
            Outcome outcome = s.deleteAllNodes(facts);
            release(service, outcome.records(), journaled -> {
                services.remove(service);
                then.accept(outcome);
            });
        });
    }

    /**
     * A local resource went offline: temporary subscriptions and purge_offline items of the general
     * service at {@code service} follow (XEP-0060 §6.3, §16.4.3); notifications are none.
     */
    public void resourceUnavailable(Jid service, Jid full) {
        shards.run(shardKey(service), () -> {
            PubSubService s = services.get(service);
            if (s != null) {
                Outcome outcome = s.resourceUnavailable(full, facts);
                if (!outcome.records().isEmpty()) {
                    release(service, outcome.records(), journaled -> { });
                }
            }
        });
    }

    /** Reads a service on its shard only if it exists (has nodes or has ever been used). */
    public void readIfExists(Jid service, Consumer<PubSubService> task) {
        shards.run(shardKey(service), () -> {
            PubSubService s = services.get(service);
            if (s != null) {
                task.accept(s);
            }
        });
    }

    /** The addresses of the PEP services (accounts) that exist, a snapshot. */
    public List<Jid> accounts() {
        return services.keySet().stream().filter(j -> j.localpart() != null).toList();
    }

    /** The facts the engines are given. */
    public Facts facts() {
        return facts;
    }

    /** Drops expired items and leases of every service (XEP-0060 §12.18); journaled like commands. */
    public void sweep() {
        for (Jid address : List.copyOf(services.keySet())) {
            shards.run(shardKey(address), () -> {
                List<PubSubRecord> records = service(address).sweep();
                if (!records.isEmpty()) {
                    release(address, records, journaled -> { });
                }
            });
        }
    }

    /** On the service's shard: journals the records, then runs {@code then} there after them and all before. */
    private void release(Jid service, List<PubSubRecord> records, Consumer<Boolean> then) {
        CompletableFuture<Void> previous = lastAppend.getOrDefault(service, CompletableFuture.completedFuture(null));
        CompletableFuture<Void> done = previous;
        for (PubSubRecord r : records) {
            done = journal.append(service, r); // one writer, in call order: this completes after the ones before
        }
        if (!records.isEmpty()) {
            lastAppend.put(service, done);
        }
        // always queued (runLater): a continuation whose records are already appended must not overtake
        // that of an earlier command still waiting for its append
        done.whenComplete((v, failure) -> shards.runLater(shardKey(service), () -> {
            if (failure != null) {
                LOG.error("pubsub journal: append for {} failed; outcome not released", service, failure);
            }
            then.accept(failure == null);
        }));
    }

    static String shardKey(Jid service) {
        return service.localpart() != null ? service.localpart() : service.toString();
    }

    @Override
    public void close() {
        journal.close();
    }
}
