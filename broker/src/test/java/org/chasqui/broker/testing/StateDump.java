package org.chasqui.broker.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.users.UserState;
import org.chasqui.broker.users.UserStore;
import org.chasqui.pubsub.PubSubService;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.sasl.ScramAlgorithm;

/**
 * A running server's whole durable state as text, in an order that does not depend on hash maps:
 * accounts and their credentials, every user's IM state, every pubsub and PEP service's nodes. Two
 * servers have the same durable state when their dumps are equal.
 */
public final class StateDump {

    private StateDump() {
    }

    public static String of(ChasquiServer server) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(server.accounts().usernames().stream().collect(Collectors.toMap(u -> u,
                u -> credential(server, u, ScramAlgorithm.SHA_1) + " " + credential(server, u, ScramAlgorithm.SHA_256))))
                .forEach((u, c) -> out.append("account ").append(u).append(' ').append(c).append('\n'));
        UserStore users = server.users();
        for (String user : users.users().stream().sorted().toList()) {
            CompletableFuture<String> text = new CompletableFuture<>();
            users.withUser(user, s -> complete(text, () -> userText(s)));
            out.append(text.orTimeout(10, TimeUnit.SECONDS).join());
        }
        List<Jid> services = new ArrayList<>(server.pubsub().accounts());
        String subdomain = server.config().pubsub().subdomain();
        if (!subdomain.isEmpty()) {
            services.add(Jid.domain(subdomain + "." + server.config().domain()));
        }
        services.sort(Comparator.comparing(Jid::toString));
        for (Jid service : services) {
            CompletableFuture<String> text = new CompletableFuture<>();
            server.pubsub().read(service, s -> complete(text, () -> serviceText(s)));
            out.append(text.orTimeout(10, TimeUnit.SECONDS).join());
        }
        return out.toString();
    }

    private static void complete(CompletableFuture<String> text, Supplier<String> what) {
        try {
            text.complete(what.get());
        } catch (RuntimeException e) {
            text.completeExceptionally(e);
        }
    }

    private static String userText(UserState s) {
        return "user " + s.user() + " rosterVersion=" + s.rosterVersion() + " lastOfflineId=" + s.lastOfflineId()
                + "\n  roster " + s.roster()
                + "\n  removedAt " + s.removedAt().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList()
                + "\n  pending " + s.pendingIn()
                + "\n  offline " + s.offline()
                + "\n  blocklist " + s.blocklist()
                + "\n  vcard " + s.vcard()
                + "\n  lastSeen " + s.lastSeen() + "\n";
    }

    /** An empty service is no state (one replay may make it, another not). */
    private static String serviceText(PubSubService s) {
        StringBuilder out = new StringBuilder();
        if (!s.nodes().isEmpty()) {
            out.append("service ").append(s.address()).append('\n');
        }
        s.nodes().forEach(n -> out.append("  node ").append(n.id()).append(" config=").append(n.config())
                .append(" creator=").append(n.creator()).append(" at=").append(n.createdAtMillis())
                .append("\n    affiliations ").append(n.affiliations().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList())
                .append("\n    subscriptions ").append(n.subscriptions())
                .append("\n    items ").append(n.items()).append('\n'));
        return out.toString();
    }

    private static String credential(ChasquiServer server, String user, ScramAlgorithm algorithm) {
        return server.accounts().find(user, algorithm).map(c -> c.algorithm() + "/" + c.iterations() + "/"
                + HexFormat.of().formatHex(c.salt()) + "/" + HexFormat.of().formatHex(c.storedKey())
                + "/" + HexFormat.of().formatHex(c.serverKey())).orElse("-");
    }
}
