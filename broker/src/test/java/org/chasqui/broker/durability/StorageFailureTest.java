package org.chasqui.broker.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.persistence.users.UserRecord;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail-stop: when a journal cannot be written, the server stops rather than go on serving a state in
 * memory that holds a change the journal does not; a restart comes back with what the journal has.
 */
class StorageFailureTest {

    @TempDir
    Path data;

    @Test
    void aJournalThatCannotBeWrittenStopsTheServerAndARestartHasWhatTheJournalHas() throws Exception {
        TestServer t = TestServer.start(data);
        try {
            ChasquiServer server = t.server();
            t.addUser("alice", "secret");
            RawXmppClient alice = RawXmppClient.login(t, "alice", "secret", "desk");

            // a record the journal cannot take: Chronicle refuses a message over a quarter of its 64 MiB
            // block; far past what a client may send (limits.max_stanza_bytes), so made here directly
            String huge = "<vCard xmlns='vcard-temp'><NOTE>" + "x".repeat(40 << 20) + "</NOTE></vCard>";
            CompletableFuture<Throwable> committed = new CompletableFuture<>();
            server.users().withUser("alice",
                    s -> server.users().commit(new UserRecord.VCard("alice", huge), committed::complete));

            assertThat(committed.get(60, TimeUnit.SECONDS)).as("the append failed").isNotNull();
            assertThat(server.storageFailure().get(60, TimeUnit.SECONDS)).isNotNull();
            server.stopped().get(120, TimeUnit.SECONDS);
            Element end = alice.expect();
            assertThat(end.toString()).as("alice's stream ends with the server").contains("system-shutdown");
            alice.close();
            assertThat(server.snapshot()).as("no snapshot of that state").isCompletedExceptionally();
        } finally {
            t.close();
        }
        try (TestServer again = TestServer.start(data)) {
            assertThat(again.server().accounts().exists("alice")).isTrue();
            CompletableFuture<Boolean> hasVCard = new CompletableFuture<>();
            again.server().users().withUser("alice", s -> hasVCard.complete(s.vcard() != null));
            assertThat(hasVCard.get(10, TimeUnit.SECONDS)).as("the failed change is gone").isFalse();
        }
    }
}
