package org.chasqui.persistence.pubsub;

import java.nio.file.Path;
import org.chasqui.pubsub.PubSubRecord;

/**
 * Run in a child JVM by {@link EventFeedProcessTest}: follows the pubsub journal in {@code args[0]} from
 * position {@code args[2]} and prints one line per event ({@code position service item-id}) until it has
 * printed {@code args[1]}, then {@code newest POSITION}; exits 3 if that takes more than a minute. Between
 * empty polls it asks for the newest position, as the command does, which reads the queue's directory
 * listing while the writer in the other process may be adding a file to it.
 */
public final class FeedInAnotherProcess {

    private FeedInAnotherProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        int wanted = Integer.parseInt(args[1]);
        long deadline = System.nanoTime() + 60_000_000_000L;
        int[] printed = {0};
        try (EventFeed feed = EventFeed.from(Path.of(args[0]), EventFeedTest.DEFAULTS, Long.parseLong(args[2]))) {
            while (printed[0] < wanted) {
                int read = feed.poll(e -> {
                    String id = e.record() instanceof PubSubRecord.ItemPublished p ? p.item().id() : "-";
                    System.out.println(e.position() + " " + e.service() + " " + id);
                    printed[0]++;
                });
                if (read == 0) {
                    if (System.nanoTime() > deadline) {
                        System.exit(3);
                    }
                    feed.newest();
                    Thread.sleep(10);
                }
            }
            System.out.println("newest " + feed.newest());
        }
    }
}
