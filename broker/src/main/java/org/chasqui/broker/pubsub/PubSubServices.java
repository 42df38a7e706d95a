package org.chasqui.broker.pubsub;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.chasqui.broker.users.UserShards;
import org.chasqui.persistence.log.Durability;
import org.chasqui.persistence.pubsub.PubSubJournal;
import org.chasqui.persistence.snapshot.Coverage;
import org.chasqui.persistence.snapshot.SnapshotStore.Snapshot;
import org.chasqui.persistence.snapshot.Snapshots;
import org.chasqui.pubsub.Affiliation;
import org.chasqui.pubsub.Command;
import org.chasqui.pubsub.Facts;
import org.chasqui.pubsub.Item;
import org.chasqui.pubsub.Node;
import org.chasqui.pubsub.NodeConfig;
import org.chasqui.pubsub.Outcome;
import org.chasqui.pubsub.PayloadStore;
import org.chasqui.pubsub.PubSubError;
import org.chasqui.pubsub.PubSubRecord;
import org.chasqui.pubsub.PubSubService;
import org.chasqui.pubsub.Subscription;
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
    /** Told of every command's outcome on the service's shard, right after the engine ran it. */
    private volatile BiConsumer<Jid, Outcome> handled = (service, outcome) -> { };

    private PubSubServices(PubSubJournal journal, BiFunction<Jid, PayloadStore, PubSubService> factory) {
        this.journal = journal;
        this.factory = address -> factory.apply(address, journal.payloads());
    }

    /**
     * Opens the journal and replays it. {@code factory} makes the engine of a service address, keeping
     * item payloads in the given store (the journal's: stored items are read back from its files);
     * {@code storedDefaults} is what stored configurations are read over. Blocking: call at start.
     */
    public static PubSubServices open(Path dir, BiFunction<Jid, PayloadStore, PubSubService> factory,
            NodeConfig storedDefaults) {
        return open(dir, factory, storedDefaults, Durability.PROCESS);
    }

    /** {@link #open(Path, BiFunction, NodeConfig)} with changes acknowledged at {@code durability}. */
    public static PubSubServices open(Path dir, BiFunction<Jid, PayloadStore, PubSubService> factory,
            NodeConfig storedDefaults, Durability durability) {
        return replay(PubSubJournal.open(dir, durability), factory, storedDefaults);
    }

    /**
     * {@link #open(Path, BiFunction, NodeConfig)} over a journal opened by the caller, for tools that open
     * it another way ({@code chasqui repair-data} reads a damaged journal up to its damage). The services
     * own the journal: closing them closes it.
     */
    public static PubSubServices replay(PubSubJournal journal, BiFunction<Jid, PayloadStore, PubSubService> factory,
            NodeConfig storedDefaults) {
        PubSubServices s = new PubSubServices(journal, factory);
        Snapshots.Replayed n = s.journal.recover(storedDefaults, (service, r) -> s.service(service).apply(r));
        LOG.info("pubsub journal: {} records from snapshot {}, {} from the journal; {} services", n.fromSnapshot(),
                n.snapshot().map(x -> x.dir().getFileName().toString()).orElse("(none)"), n.fromJournal(),
                s.services.size());
        return s;
    }

    /** Wires the shards and facts (once, before serving). */
    public void attach(UserShards userShards, Facts serverFacts) {
        this.shards = userShards;
        this.facts = serverFacts;
    }

    /**
     * {@code observer} is told of each command's outcome on the service's shard as soon as the engine
     * produced it, before anything else runs there and before the outcome is released (set once, while
     * wiring): whoever sends items by other paths on that shard (PEP last items) learns in order which
     * resources the command's notifications already cover.
     */
    public void onHandled(BiConsumer<Jid, Outcome> observer) {
        this.handled = observer;
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
            handled.accept(service, outcome);
            release(service, outcome.records(), journaled -> then.accept(journaled ? outcome
                    : Outcome.fail(PubSubError.of(StanzaErrorCondition.INTERNAL_SERVER_ERROR)
                            .withText("the change could not be stored"))));
        });
    }

    /** Reads a service on its shard (disco); nothing is journaled. */
    public void read(Jid service, Consumer<PubSubService> task) {
        shards.run(shardKey(service), () -> task.accept(service(service)));
    }

    /**
     * A question about a service that is answered to someone (disco): {@code query} reads the service on
     * its shard now, and {@code then} gets the answer there once every record the service appended so far
     * is journaled, so no answer shows a node or an item that a crash could still take back.
     */
    public <T> void query(Jid service, Function<PubSubService, T> query, Consumer<T> then) {
        shards.run(shardKey(service), () -> {
            T answer = query.apply(service(service));
            afterJournaled(service, () -> then.accept(answer));
        });
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

    /**
     * On the service's shard: runs {@code then} there once every record the service appended so far is
     * in the journal, so what a reader found in the engine's state goes out only when it is journaled
     * (the barrier every command's reply waits for); not at all if an append failed.
     */
    public void afterJournaled(Jid service, Runnable then) {
        release(service, List.of(), journaled -> {
            if (journaled) {
                then.run();
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

    /**
     * Takes a snapshot of every service: each shard lists the records that rebuild its services, then
     * asks the journal for its position, so its part is exact at that position (see
     * {@code UserStore.snapshot}); written on {@code blocking}, keeping {@code keep} snapshots.
     */
    public CompletableFuture<Snapshot> snapshot(int keep, Executor blocking) {
        int n = shards.count();
        List<CompletableFuture<List<PubSubJournal.Entry>>> parts = new ArrayList<>();
        long[] positions = new long[n];
        for (int shard = 0; shard < n; shard++) {
            int index = shard;
            CompletableFuture<List<PubSubJournal.Entry>> part = new CompletableFuture<>();
            shards.runOn(shard, () -> {
                try {
                    long started = System.nanoTime();
                    List<PubSubJournal.Entry> entries = new ArrayList<>();
                    services.forEach((address, service) -> {
                        if (shards.shardOf(shardKey(address)) == index) {
                            stateRecords(service, entries);
                        }
                    });
                    // the shard's pause: listing is proportional to its state (references, no copies of payloads)
                    LOG.info("pubsub snapshot: shard {} listed {} records in {} ms", index, entries.size(),
                            (System.nanoTime() - started) / 1_000_000);
                    journal.position().whenComplete((position, failure) -> {
                        if (failure != null) {
                            part.completeExceptionally(failure);
                        } else {
                            positions[index] = position; // read after allOf: the future orders it
                            part.complete(entries);
                        }
                    });
                } catch (RuntimeException e) {
                    part.completeExceptionally(e);
                }
            });
            parts.add(part);
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture<?>[]::new)).thenApplyAsync(v -> {
            List<PubSubJournal.Entry> all = new ArrayList<>();
            parts.forEach(p -> all.addAll(p.join()));
            return journal.snapshot(Coverage.of(positions), all, keep);
        }, blocking);
    }

    /** Every service's state as records, for a copy made when nothing else runs (a backup). */
    public List<PubSubJournal.Entry> allRecords() {
        List<PubSubJournal.Entry> out = new ArrayList<>();
        services.values().forEach(s -> stateRecords(s, out));
        return out;
    }

    /**
     * The fewest records that rebuild a service through {@link PubSubService#apply}: per node its
     * creation with the current configuration, affiliations, subscriptions and live items in order.
     * Only on the service's shard.
     */
    static void stateRecords(PubSubService service, List<PubSubJournal.Entry> out) {
        Jid address = service.address();
        for (Node node : service.nodes()) {
            String id = node.id();
            out.add(new PubSubJournal.Entry(address, new PubSubRecord.NodeCreated(id, node.config(), node.creator(),
                    node.createdAtMillis())));
            Jid creator = node.creator().bare();
            Affiliation ofCreator = node.affiliations().getOrDefault(creator, Affiliation.NONE);
            if (ofCreator != Affiliation.OWNER) { // creation made the creator owner (XEP-0060 §8.1)
                out.add(new PubSubJournal.Entry(address, new PubSubRecord.AffiliationSet(id, creator, ofCreator)));
            }
            node.affiliations().forEach((jid, affiliation) -> {
                if (!jid.equals(creator)) {
                    out.add(new PubSubJournal.Entry(address, new PubSubRecord.AffiliationSet(id, jid, affiliation)));
                }
            });
            for (Subscription sub : node.subscriptions().values()) {
                out.add(new PubSubJournal.Entry(address, new PubSubRecord.SubscriptionSaved(id, sub)));
            }
            for (Item item : node.items()) {
                out.add(new PubSubJournal.Entry(address, new PubSubRecord.ItemPublished(id, item)));
            }
        }
    }

    static String shardKey(Jid service) {
        return PubSubJournal.ownerKey(service); // the rule snapshots count records by
    }

    /** Told once when the journal's writer fails; from then on this state may hold a change it does not. */
    public void onJournalFailure(Consumer<Throwable> listener) {
        journal.onFailure(listener);
    }

    @Override
    public void close() {
        journal.close();
    }
}
