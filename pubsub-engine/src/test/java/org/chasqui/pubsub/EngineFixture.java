package org.chasqui.pubsub;

import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.chasqui.xmpp.jid.Jid;

/** A service at pubsub.shakespeare.lit with a settable clock, predictable ids and a table of facts. */
final class EngineFixture implements Facts {

    static final Jid SERVICE = Jid.parse("pubsub.shakespeare.lit");
    static final Jid HAMLET = Jid.parse("hamlet@denmark.lit/elsinore");
    static final Jid FRANCISCO = Jid.parse("francisco@denmark.lit/barracks");
    static final Jid BERNARDO = Jid.parse("bernardo@denmark.lit/globe");
    static final Jid HORATIO = Jid.parse("horatio@denmark.lit/castle");

    final AtomicLong now = new AtomicLong(Instant.parse("2026-11-23T12:00:00Z").toEpochMilli());
    final AtomicLong ids = new AtomicLong();
    final Map<Jid, Set<Jid>> presenceSubscribers = new HashMap<>();
    final Map<Jid, Map<Jid, Set<String>>> groups = new HashMap<>();
    final Map<Jid, Map<Jid, String>> available = new HashMap<>();
    final PubSubService service;

    EngineFixture() {
        this(ServiceLimits.DEFAULTS, true);
    }

    EngineFixture(ServiceLimits limits, boolean autoCreate) {
        InstantSource clock = () -> Instant.ofEpochMilli(now.get());
        service = new PubSubService(SERVICE, limits, NodeDefaults.leaf(limits), autoCreate, clock,
                () -> "id" + ids.incrementAndGet());
    }

    Outcome run(Command c) {
        return service.handle(c, this);
    }

    Outcome ok(Command c) {
        Outcome o = run(c);
        if (o.failed()) {
            throw new AssertionError("expected success of " + c + " but got " + o.error());
        }
        return o;
    }

    void createOpenNode(String node) {
        ok(new Command.Create(HAMLET, node, null));
    }

    Outcome publish(Jid who, String node, String id, String payload) {
        return run(new Command.Publish(who, node, List.of(new Command.NewItem(id, payload)), null));
    }

    Outcome subscribe(Jid who, String node) {
        return run(new Command.Subscribe(who, node, who.bare(), null));
    }

    static Map<String, List<String>> form(String... varValuePairs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < varValuePairs.length; i += 2) {
            out.put(varValuePairs[i], List.of(varValuePairs[i + 1]));
        }
        return out;
    }

    void allowPresence(Jid owner, Jid entity) {
        presenceSubscribers.computeIfAbsent(owner.bare(), k -> new HashSet<>()).add(entity.bare());
    }

    void online(Jid full, String show) {
        available.computeIfAbsent(full.bare(), k -> new LinkedHashMap<>()).put(full, show);
    }

    @Override
    public boolean presenceSubscribed(Jid owner, Jid entity) {
        return presenceSubscribers.getOrDefault(owner.bare(), Set.of()).contains(entity.bare());
    }

    @Override
    public Set<String> rosterGroups(Jid owner, Jid entity) {
        return groups.getOrDefault(owner.bare(), Map.of()).getOrDefault(entity.bare(), Set.of());
    }

    @Override
    public Map<Jid, String> availableResources(Jid bare) {
        return available.getOrDefault(bare, Map.of());
    }
}
