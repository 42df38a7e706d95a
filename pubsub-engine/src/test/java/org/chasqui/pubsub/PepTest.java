package org.chasqui.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.junit.jupiter.api.Test;

/** XEP-0163 on the engine: a PEP service with implicit, capability-filtered subscribers. */
class PepTest implements Facts {

    static final Jid JULIET = Jid.parse("juliet@capulet.lit/balcony");
    static final Jid JULIET_CHAMBER = Jid.parse("juliet@capulet.lit/chamber");
    static final Jid ROMEO = Jid.parse("romeo@montague.lit/orchard");
    static final Jid ROMEO_HOME = Jid.parse("romeo@montague.lit/home");
    static final Jid NURSE = Jid.parse("nurse@capulet.lit/chamber");
    static final Jid TYBALT = Jid.parse("tybalt@capulet.lit/street");
    static final String TUNE = "http://jabber.org/protocol/tune";
    static final String PAYLOAD = "<tune xmlns='http://jabber.org/protocol/tune'><artist>Gerald Finzi</artist></tune>";

    final Set<Jid> subscribers = new HashSet<>(Set.of(ROMEO.bare(), NURSE.bare()));
    final Map<Jid, Map<Jid, String>> online = new HashMap<>();
    final Set<Jid> notify = new HashSet<>();
    final AtomicLong ids = new AtomicLong();
    final PubSubService pep = new PubSubService(JULIET.bare(), ServiceLimits.DEFAULTS,
            ServicePolicy.pep(ServiceLimits.DEFAULTS, JULIET), () -> Instant.parse("2026-11-23T12:00:00Z"),
            () -> "id" + ids.incrementAndGet());

    void online(Jid full, boolean wantsTune) {
        online.computeIfAbsent(full.bare(), k -> new LinkedHashMap<>()).put(full, "online");
        if (wantsTune) {
            notify.add(full);
        }
    }

    Outcome publish(Jid actor, String payload) {
        return pep.handle(new Command.Publish(actor, TUNE, List.of(new Command.NewItem("current", payload)), null), this);
    }

    @Test
    void publishingAutoCreatesAPresenceNodeWithTheRecommendedDefaults() {
        assertThat(publish(JULIET, PAYLOAD).failed()).isFalse();
        NodeConfig c = pep.node(TUNE).config();
        assertThat(c.accessModel()).isEqualTo(AccessModel.PRESENCE); // XEP-0163 §5
        assertThat(c.sendLastPublishedItem()).isEqualTo(SendLastPublished.ON_SUB_AND_PRESENCE);
        assertThat(c.deliverNotifications()).isTrue();
        assertThat(pep.node(TUNE).affiliation(JULIET)).isEqualTo(Affiliation.OWNER);
    }

    @Test
    void onlyTheAccountCreatesOrPublishes() {
        assertThat(publish(ROMEO, PAYLOAD).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.ITEM_NOT_FOUND));
        assertThat(pep.handle(new Command.Create(ROMEO, "x", null), this).error())
                .isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
        publish(JULIET, PAYLOAD);
        assertThat(publish(ROMEO, PAYLOAD).error()).isEqualTo(PubSubError.of(StanzaErrorCondition.FORBIDDEN));
    }

    @Test
    void notificationsGoToEachInterestedResourceOfContactsAndOfTheOwner() {
        online(ROMEO, true);
        online(ROMEO_HOME, false); // no +notify: filtered out (§4.2)
        online(NURSE, true);
        online(TYBALT, true); // no presence subscription: not an implicit subscriber
        online(JULIET, true);
        online(JULIET_CHAMBER, false);
        Notification n = publish(JULIET, PAYLOAD).notifications().get(0);
        assertThat(n.recipients()).extracting(Notification.Recipient::jid)
                .containsExactlyInAnyOrder(JULIET, ROMEO, NURSE);
    }

    @Test
    void theAccessModelStillDecides() {
        online(ROMEO, true);
        pep.handle(new Command.Publish(JULIET, TUNE, List.of(new Command.NewItem("1", PAYLOAD)),
                Map.of("pubsub#access_model", List.of("whitelist"))), this);
        assertThat(publish(JULIET, PAYLOAD).notifications()).isEmpty(); // romeo is not on the whitelist
        online(JULIET, true);
        assertThat(publish(JULIET, PAYLOAD).notifications()).singleElement()
                .satisfies(n -> assertThat(n.recipients()).extracting(Notification.Recipient::jid).containsExactly(JULIET));
    }

    @Override
    public boolean presenceSubscribed(Jid owner, Jid entity) {
        return owner.bare().equals(JULIET.bare()) && subscribers.contains(entity.bare());
    }

    @Override
    public Set<String> rosterGroups(Jid owner, Jid entity) {
        return Set.of();
    }

    @Override
    public Map<Jid, String> availableResources(Jid bare) {
        return online.getOrDefault(bare, Map.of());
    }

    @Override
    public Set<Jid> presenceSubscribers(Jid owner) {
        return owner.bare().equals(JULIET.bare()) ? subscribers : Set.of();
    }

    @Override
    public boolean wantsNotifications(Jid full, String node) {
        return node.equals(TUNE) && notify.contains(full);
    }

    @Test
    void theLastItemGoesToANewlyAvailableInterestedResource() {
        publish(JULIET, "<tune xmlns='http://jabber.org/protocol/tune'><artist>old</artist></tune>");
        publish(JULIET, PAYLOAD);
        online(ROMEO, true);
        List<Notification> last = pep.lastItemsFor(ROMEO, this);
        assertThat(last).singleElement().satisfies(n -> {
            assertThat(n.recipients()).extracting(Notification.Recipient::jid).containsExactly(ROMEO);
            assertThat(((Notification.ItemsPublished) n.event()).items()).singleElement()
                    .satisfies(i -> assertThat(i.payloadXml()).isEqualTo(PAYLOAD));
        });
        online(ROMEO_HOME, false);
        assertThat(pep.lastItemsFor(ROMEO_HOME, this)).isEmpty(); // no +notify
        online(TYBALT, true);
        assertThat(pep.lastItemsFor(TYBALT, this)).isEmpty(); // no presence subscription
    }

    @Test
    void aSubscriptionToTheBareJidIsToTheRootCollectionAndGetsEveryNode() {
        // XEP-0163 §7: the account's bare JID is the root collection node
        Outcome sub = pep.handle(new Command.Subscribe(TYBALT, null, TYBALT.bare(), null), this);
        assertThat(sub.error()).isEqualTo(PubSubError.of(StanzaErrorCondition.NOT_AUTHORIZED,
                PubSubCondition.PRESENCE_SUBSCRIPTION_REQUIRED)); // presence access, like the nodes
        assertThat(pep.node(PubSubService.ROOT)).isNull(); // nothing half created
        Outcome ok = pep.handle(new Command.Subscribe(NURSE, null, NURSE.bare(), null), this);
        assertThat(ok.failed()).isFalse();
        Notification n = publish(JULIET, PAYLOAD).notifications().get(0);
        assertThat(n.recipients()).extracting(Notification.Recipient::jid).contains(NURSE.bare());
        assertThat(n.recipients()).allSatisfy(r -> assertThat(r.collection()).isNull());
    }
}
