package org.chasqui.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.chasqui.broker.iq.IqHandlers;
import org.chasqui.broker.pubsub.NotificationSender;
import org.chasqui.broker.routing.LocalSession;
import org.chasqui.broker.routing.Router;
import org.chasqui.broker.routing.SessionRegistry;
import org.chasqui.pubsub.Item;
import org.chasqui.pubsub.Notification;
import org.chasqui.pubsub.NotificationType;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.xml.Element;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The user-space part of delivering one pubsub notification, per recipient: the broker's own
 * {@link NotificationSender} renders the message, the {@link Router} applies the RFC 6121 bare-JID
 * rules against a real {@link SessionRegistry}, and each recipient session serialises the stanza and
 * encodes it to bytes as {@code TcpTransport} does before its write. No sockets, no event-loop hand-off
 * (the sessions here write on the calling thread): what is left is the CPU a notification costs before
 * the kernel, which the load suite cannot separate from the write(2) itself.
 */
@State(Scope.Thread)
public class DeliveryPathBench extends BenchmarkDefaults {

    private static final int SUBSCRIBERS = 1000;

    private NotificationSender sender;
    private Jid service;
    private List<Notification> notification;
    private long bytes;

    /** A bound, available session that serialises what it is given, like TcpTransport's write and flush. */
    private final class Sink implements LocalSession {
        private final Jid jid;
        private final StringBuilder out = new StringBuilder(1024);

        Sink(Jid jid) {
            this.jid = jid;
        }

        @Override public Jid jid() { return jid; }
        @Override public boolean isAvailable() { return true; }
        @Override public int priority() { return 0; }
        @Override public Element lastPresence() { return null; }
        @Override public boolean carbonsEnabled() { return false; }
        @Override public void terminate(StreamError error) { }

        @Override
        public void deliver(Element stanza) {
            stanza.writeTo(out, "jabber:client");
            bytes += out.toString().getBytes(StandardCharsets.UTF_8).length;
            out.setLength(0);
        }
    }

    @Setup
    public void setUp() {
        Jid domain = Jid.parse("localhost");
        SessionRegistry registry = new SessionRegistry();
        Router router = new Router(domain, registry, user -> true, new IqHandlers());
        sender = new NotificationSender(router);
        service = Jid.parse("pubsub.localhost");
        List<Notification.Recipient> recipients = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            Jid full = Jid.parse("load" + i + "@localhost/load");
            registry.bind(new Sink(full));
            recipients.add(new Notification.Recipient(full.bare(), List.of(), null));
        }
        String payload = "<entry xmlns='urn:chasqui:load'>" + "x".repeat(170) + "</entry>"; // ~200 bytes
        Item item = new Item("item-1", payload, Jid.parse("loadpub@localhost/load"), 0L);
        notification = List.of(new Notification(
                new Notification.ItemsPublished("node-1", List.of(item), true), recipients, NotificationType.HEADLINE));
    }

    /** One publish fanned out to 1000 subscribers; the score per operation is per recipient. */
    @Benchmark
    @OperationsPerInvocation(SUBSCRIBERS)
    public long notifyThousand() {
        sender.send(service, notification);
        return bytes;
    }
}
