package org.chasqui.persistence.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.chasqui.pubsub.Item;
import org.chasqui.pubsub.PubSubRecord;
import org.chasqui.xmpp.jid.Jid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment the feed is for: the server appends, and a reader in another process follows the same
 * directory, read-only, across a change of journal file.
 */
class EventFeedProcessTest {

    private static final long DAY = 86_400_000L;

    @TempDir
    Path dir;

    @Test
    void aFeedInAnotherProcessFollowsAppendsAcrossJournalFiles() throws Exception {
        AtomicLong clock = new AtomicLong(System.currentTimeMillis() - 5 * DAY);
        List<String> expected = new ArrayList<>();
        try (PubSubJournal journal = PubSubJournal.open(dir, clock::get)) {
            append(journal, "a", expected);
            append(journal, "b", expected);
            Process child = startFeed(4, Long.parseLong(expected.get(0).split(" ")[0]));
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                List<String> lines = new ArrayList<>();
                lines.add(out.readLine());
                lines.add(out.readLine());
                assertThat(lines).as("what was there when it started").isEqualTo(expected);
                clock.addAndGet(DAY); // the next appends go to a new file
                append(journal, "c", expected);
                append(journal, "d", expected);
                lines.add(out.readLine());
                lines.add(out.readLine());
                assertThat(lines).isEqualTo(expected);
                assertThat(out.readLine()).isEqualTo("newest " + expected.get(3).split(" ")[0]);
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).isZero();
                assertThat(out.readLine()).isNull();
            } finally {
                child.destroyForcibly();
            }
        }
    }

    private static void append(PubSubJournal journal, String id, List<String> expected) {
        Jid service = Jid.parse("pubsub.example.org");
        journal.append(service, new PubSubRecord.ItemPublished("news",
                new Item(id, "<x xmlns='urn:test'/>", Jid.parse("hamlet@example.org"), 1))).join();
        expected.add(journal.position().join() + " " + service + " " + id);
    }

    /** The same class path and JVM flags (Chronicle's --add-opens/--add-exports) as this test JVM. */
    private Process startFeed(int events, long from) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-D") || a.startsWith("--enable-")
                        || a.startsWith("--sun-misc"))
                .toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FeedInAnotherProcess.class.getName(),
                dir.toString(), String.valueOf(events), String.valueOf(from)));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
