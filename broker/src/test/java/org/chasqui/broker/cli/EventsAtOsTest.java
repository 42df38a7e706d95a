package org.chasqui.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.persistence.log.Durability;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chasqui events --follow} beside a server at {@code storage.durability: os}: the command hands
 * over only records the journal's {@code FORCED} mark covers, and an acknowledged publish is covered
 * (its reply waited for the force), so the follower prints it. {@link EventsCommandTest} covers the rest
 * at {@code process}.
 */
class EventsAtOsTest {

    private static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    private static final String NODE = "princely_musings";

    @TempDir
    Path dataDir;

    @Test
    void aFollowerBesideAServerAtOsPrintsEachAcknowledgedPublish() throws Exception {
        try (TestServer server = TestServer.start(dataDir,
                c -> c.withStorage(c.storage().withDurability(Durability.OS)))) {
            server.addUser("hamlet", "to be or not");
            RawXmppClient hamlet = RawXmppClient.login(server, "hamlet", "to be or not", "elsinore");
            try {
                ok(hamlet, "create", "<create node='" + NODE + "'/>");
                assertThat(ChasquiServer.pubsubDir(dataDir).resolve("FORCED")).exists();

                ByteArrayOutputStream out = new ByteArrayOutputStream(); // its writes are synchronized
                CompletableFuture<Integer> exit = new CompletableFuture<>();
                Thread follower = new Thread(() -> exit.complete(Main.run(new String[] {"events", "--data",
                        dataDir.toString(), "--follow", "--node", NODE},
                        new PrintStream(out, true, StandardCharsets.UTF_8), System.err)), "events-follow-os");
                follower.start();
                for (String id : List.of("1", "2", "3")) {
                    ok(hamlet, "publish-" + id, "<publish node='" + NODE + "'><item id='" + id + "'>"
                            + "<entry xmlns='http://www.w3.org/2005/Atom'/></item></publish>");
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (items(out).size() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                follower.interrupt();
                assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
                assertThat(items(out)).containsExactly("1", "2", "3");
            } finally {
                hamlet.close();
            }
        }
    }

    private static List<String> items(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8).lines().map(JsonObject::new)
                .filter(e -> e.getString("event").equals("item-published")).map(e -> e.getString("item")).toList();
    }

    private static void ok(RawXmppClient c, String id, String request) {
        c.send("<iq type='set' to='pubsub.localhost' id='" + id + "'><pubsub xmlns='" + PUBSUB + "'>" + request
                + "</pubsub></iq>");
        Element reply = c.expectStanza("iq");
        assertThat(reply.attribute("type")).as(reply.toString()).isEqualTo("result");
    }
}
