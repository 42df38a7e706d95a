package org.chasqui.broker.smack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.broker.smack.SmackClients.bare;
import static org.chasqui.broker.smack.SmackClients.inbox;
import static org.chasqui.broker.smack.SmackClients.next;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.RosterGroup;
import org.jivesoftware.smack.roster.RosterListener;
import org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.roster.rosterstore.DirectoryRosterStore;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;

/**
 * Smack 4.4.8's roster (RFC 6121 §2, §3) and presence (§4) against the server: clients that
 * subscribe to each other with a SubscribeListener or Roster.SubscriptionMode.accept_all, watch each
 * other come and go through RosterListener, keep a versioned roster (§2.6) in a RosterStore, and get
 * what was sent while they were offline (XEP-0160) after a server restart.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmackRosterTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path rosterStoreDir;

    private SmackSessions sessions;
    private BareJid alice;
    private BareJid bob;
    private BareJid carol;

    @BeforeEach
    void start() throws Exception {
        sessions = SmackSessions.start(dataDir, "alice", "bob", "carol");
        alice = bare("alice", sessions.server);
        bob = bare("bob", sessions.server);
        carol = bare("carol", sessions.server);
    }

    @AfterEach
    void stop() {
        sessions.close();
    }

    private XMPPTCPConnection user(String name, String resource) throws Exception {
        return sessions.user(name, resource);
    }


    /** Wakes a waiting test whenever Smack's view of a roster or of a presence in it changes. */
    private static final class RosterEvents implements RosterListener {

        private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

        static RosterEvents of(Roster roster) {
            RosterEvents e = new RosterEvents();
            roster.addRosterListener(e);
            return e;
        }

        /** Returns once {@code condition} holds, re-checking after each event; fails after 10 s. */
        void until(String what, BooleanSupplier condition) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SmackClients.AWAIT_SECONDS);
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("not within " + SmackClients.AWAIT_SECONDS + " s: " + what);
                }
                events.poll(left, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void entriesAdded(java.util.Collection<Jid> addresses) {
            events.add(addresses);
        }

        @Override
        public void entriesUpdated(java.util.Collection<Jid> addresses) {
            events.add(addresses);
        }

        @Override
        public void entriesDeleted(java.util.Collection<Jid> addresses) {
            events.add(addresses);
        }

        @Override
        public void presenceChanged(Presence presence) {
            events.add(presence);
        }
    }

    private static boolean has(Roster roster, BareJid contact, ItemType type) {
        RosterEntry e = roster.getEntry(contact);
        return e != null && e.getType() == type && !e.isSubscriptionPending();
    }

    private static boolean available(Roster roster, BareJid contact) {
        return roster.getPresence(contact).isAvailable();
    }

    /** {@code a} and {@code b} subscribe to each other (RFC 6121 §3.1), b approving and asking back. */
    private void mutual(XMPPTCPConnection a, XMPPTCPConnection b) throws Exception {
        Roster ra = Roster.getInstanceFor(a);
        Roster rb = Roster.getInstanceFor(b);
        RosterEvents atA = RosterEvents.of(ra);
        RosterEvents atB = RosterEvents.of(rb);
        rb.addSubscribeListener((from, p) -> SubscribeAnswer.ApproveAndAlsoRequestIfRequired);
        ra.addSubscribeListener((from, p) -> SubscribeAnswer.Approve);
        BareJid aJid = a.getUser().asBareJid();
        BareJid bJid = b.getUser().asBareJid();
        ra.createItemAndRequestSubscription(bJid, "B", new String[] {"Friends"});
        atA.until("both at a", () -> has(ra, bJid, ItemType.both));
        atB.until("both at b", () -> has(rb, aJid, ItemType.both));
    }

    @Test
    void twoClientsSubscribeToEachOtherAndSeeEachOtherComeAndGo() throws Exception {
        XMPPTCPConnection laptop = user("alice", "laptop");
        XMPPTCPConnection phone = user("bob", "phone");
        Roster aliceRoster = Roster.getInstanceFor(laptop);
        Roster bobRoster = Roster.getInstanceFor(phone);
        RosterEvents atAlice = RosterEvents.of(aliceRoster);
        RosterEvents atBob = RosterEvents.of(bobRoster);
        assertThat(aliceRoster.isRosterVersioningSupported()).as("RFC 6121 §2.6.1").isTrue();
        assertThat(aliceRoster.isSubscriptionPreApprovalSupported()).as("RFC 6121 §3.4.1").isTrue();

        // bob approves and asks back (§3.1.4); alice approves bob's request in turn
        bobRoster.addSubscribeListener((from, p) -> SubscribeAnswer.ApproveAndAlsoRequestIfRequired);
        aliceRoster.addSubscribeListener((from, p) -> SubscribeAnswer.Approve);
        aliceRoster.createItemAndRequestSubscription(bob, "Bob", new String[] {"Friends", "Work"});

        // the roster pushes (§3.1.5, §3.1.6) bring both rosters to 'both'
        atAlice.until("alice has bob, both", () -> has(aliceRoster, bob, ItemType.both));
        atBob.until("bob has alice, both", () -> has(bobRoster, alice, ItemType.both));
        RosterEntry entry = aliceRoster.getEntry(bob);
        assertThat(entry.getName()).isEqualTo("Bob");
        assertThat(entry.getGroups()).extracting(RosterGroup::getName).containsExactlyInAnyOrder("Friends", "Work");
        // §3.1.5: each got the other's current presence with the approval
        atAlice.until("alice sees bob", () -> available(aliceRoster, bob));
        atBob.until("bob sees alice", () -> available(bobRoster, alice));

        // §4.4: bob's update
        phone.sendStanza(phone.getStanzaFactory().buildPresenceStanza().setMode(Presence.Mode.away).setStatus("at work").build());
        atAlice.until("alice sees bob away", () -> "at work".equals(aliceRoster.getPresence(bob).getStatus()));
        assertThat(aliceRoster.getPresence(bob).getMode()).isEqualTo(Presence.Mode.away);

        // §4.5.2: bob goes, then comes back (his roster, loaded at login, has alice; her presence is
        // the answer to his server's probe, §4.2.2)
        phone.disconnect();
        atAlice.until("alice sees bob gone", () -> !available(aliceRoster, bob));
        XMPPTCPConnection bobAgain = user("bob", "tablet");
        Roster bobAgainRoster = Roster.getInstanceFor(bobAgain);
        RosterEvents atBobAgain = RosterEvents.of(bobAgainRoster);
        atAlice.until("alice sees bob back", () -> available(aliceRoster, bob));
        assertThat(aliceRoster.getPresence(bob).getFrom().getResourceOrEmpty().toString()).isEqualTo("tablet");
        atBobAgain.until("bob's roster has alice and her presence",
                () -> has(bobAgainRoster, alice, ItemType.both) && available(bobAgainRoster, alice));
    }

    @Test
    void threeClientsThatAcceptEveryone() throws Exception {
        List<String> names = List.of("alice", "bob", "carol");
        List<BareJid> jids = List.of(alice, bob, carol);
        XMPPTCPConnection[] c = new XMPPTCPConnection[3];
        Roster[] rosters = new Roster[3];
        RosterEvents[] events = new RosterEvents[3];
        for (int i = 0; i < 3; i++) {
            c[i] = user(names.get(i), "desk");
            rosters[i] = Roster.getInstanceFor(c[i]);
            rosters[i].setSubscriptionMode(Roster.SubscriptionMode.accept_all);
            events[i] = RosterEvents.of(rosters[i]);
        }
        // each asks the two others; accept_all answers 'subscribed' (§3.1.4)
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                if (k != i) {
                    rosters[i].createItemAndRequestSubscription(jids.get(k), names.get(k), null);
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            int self = i;
            events[i].until(names.get(i) + " has both others, both, and sees them", () -> {
                for (int k = 0; k < 3; k++) {
                    if (k != self && !(has(rosters[self], jids.get(k), ItemType.both) && available(rosters[self], jids.get(k)))) {
                        return false;
                    }
                }
                return true;
            });
            assertThat(rosters[i].getEntryCount()).isEqualTo(2);
        }

        // carol goes: alice and bob see it (§4.5.2); alice goes dnd: bob sees it (§4.4.2)
        c[2].disconnect();
        events[0].until("alice sees carol gone", () -> !available(rosters[0], carol));
        events[1].until("bob sees carol gone", () -> !available(rosters[1], carol));
        c[0].sendStanza(c[0].getStanzaFactory().buildPresenceStanza().setMode(Presence.Mode.dnd).build());
        events[1].until("bob sees alice dnd", () -> rosters[1].getPresence(alice).getMode() == Presence.Mode.dnd);
    }

    @Test
    void aVersionedRosterCatchesUpWithWhatChangedWhileAway() throws Exception {
        XMPPTCPConnection laptop = sessions.connection("laptop");
        Roster aliceRoster = Roster.getInstanceFor(laptop);
        aliceRoster.setRosterStore(DirectoryRosterStore.init(rosterStoreDir.toFile()));
        laptop.login("alice", "alice-pw");
        XMPPTCPConnection phone = user("bob", "phone");
        mutual(laptop, phone);
        String version = storedVersion();
        assertThat(version).isNotEmpty();
        laptop.disconnect();

        // while alice is away, bob cancels her subscription to him (§3.2): her item becomes 'from'
        Roster bobRoster = Roster.getInstanceFor(phone);
        RosterEvents atBob = RosterEvents.of(bobRoster);
        bobRoster.getEntry(alice).cancelSubscription();
        atBob.until("bob has alice, to", () -> has(bobRoster, alice, ItemType.to));

        // §2.6.2: Smack sends the version it has; §2.6.3: the server answers with the change only
        XMPPTCPConnection again = sessions.connection("laptop");
        Roster againRoster = Roster.getInstanceFor(again);
        storedVersion(); // the store is readable (Smack rewrites its files in place on its own thread)
        againRoster.setRosterStore(DirectoryRosterStore.open(rosterStoreDir.toFile()));
        RosterEvents atAlice = RosterEvents.of(againRoster);
        again.login("alice", "alice-pw");
        atAlice.until("alice's cached roster is brought up to date: bob, from",
                () -> againRoster.isLoaded() && has(againRoster, bob, ItemType.from));
        assertThat(againRoster.getEntry(bob).getName()).as("from the cache").isEqualTo("B");
        assertThat(storedVersion()).isNotEqualTo(version);
    }

    @Test
    void whatWasSentWhileAwayArrivesAfterARestart() throws Exception {
        XMPPTCPConnection laptop = user("alice", "laptop");
        XMPPTCPConnection phone = user("bob", "phone");
        mutual(laptop, phone);
        Roster aliceRoster = Roster.getInstanceFor(laptop);
        RosterEvents atAlice = RosterEvents.of(aliceRoster);
        phone.disconnect();
        atAlice.until("alice sees bob gone", () -> !available(aliceRoster, bob));
        laptop.sendStanza(laptop.getStanzaFactory().buildMessageStanza()
                .to(bob).ofType(Message.Type.chat).setBody("while you were away").build());
        aliceRoster.reloadAndWait(); // alice's session has handed the message over to bob's shard ...
        throughShardOf("bob"); // ... which has handed it to the journal, which a stop waits for

        sessions.restart();

        // XEP-0160: at bob's next available presence (Smack sends it during login)
        XMPPTCPConnection phoneAgain = sessions.connection("phone");
        BlockingQueue<Message> toBob = inbox(phoneAgain, Message.class);
        phoneAgain.login("bob", "bob-pw");
        Message stored = next(toBob);
        assertThat(stored.getBody()).isEqualTo("while you were away");
        assertThat(stored.getFrom().toString()).isEqualTo("alice@localhost/laptop");
        DelayInformation delay = stored.getExtension(DelayInformation.class);
        assertThat(delay).as("XEP-0203 stamp").isNotNull();
        assertThat(delay.getFrom()).isEqualTo("localhost");
        // and the roster survived the restart too
        Roster bobRoster = Roster.getInstanceFor(phoneAgain);
        RosterEvents atBob = RosterEvents.of(bobRoster);
        atBob.until("bob's roster has alice, both", () -> has(bobRoster, alice, ItemType.both));
        user("alice", "laptop");
        atBob.until("bob sees alice", () -> available(bobRoster, alice));
    }

    private void throughShardOf(String user) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        sessions.server.server().users().withUser(user, s -> done.complete(null));
        done.get(SmackClients.AWAIT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * The roster version in Smack's directory store. Smack rewrites the store's files in place on its
     * own thread as pushes arrive, and {@code open} returns null while a file is half written; so the
     * store is read again until it opens (at most 5 s).
     */
    private String storedVersion() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            DirectoryRosterStore store = DirectoryRosterStore.open(rosterStoreDir.toFile());
            String version = store == null ? null : store.getRosterVersion();
            // Smack writes the store on its own thread: it may not be there yet, or not yet hold a version
            if ((version != null && !version.isEmpty()) || System.nanoTime() > deadline) {
                assertThat(store).as("Smack's roster store opens").isNotNull();
                return version;
            }
            Thread.sleep(20);
        }
    }
}
