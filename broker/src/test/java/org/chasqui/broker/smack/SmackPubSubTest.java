package org.chasqui.broker.smack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.pubsub.AccessModel;
import org.jivesoftware.smackx.pubsub.Affiliation;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.ItemPublishEvent;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.Subscription;
import org.jivesoftware.smackx.pubsub.form.ConfigureForm;
import org.jivesoftware.smackx.pubsub.form.FillableConfigureForm;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Smack 4.4's PubSubManager (XEP-0060) driving the service at pubsub.localhost. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmackPubSubTest {

    @TempDir
    Path dataDir;

    private SmackSessions sessions;
    private XMPPTCPConnection alice;
    private XMPPTCPConnection bob;
    private PubSubManager alicePubSub;
    private PubSubManager bobPubSub;

    @BeforeEach
    void start() throws Exception {
        sessions = SmackSessions.start(dataDir, "alice", "bob");
        alice = sessions.user("alice", "desk");
        bob = sessions.user("bob", "phone");
        alicePubSub = PubSubManager.getInstanceFor(alice, JidCreate.bareFrom("pubsub.localhost"));
        bobPubSub = PubSubManager.getInstanceFor(bob, JidCreate.bareFrom("pubsub.localhost"));
    }

    @AfterEach
    void stop() {
        sessions.close();
    }

    @Test
    void theServiceIsFoundAndSupportsPubsub() throws Exception {
        assertThat(PubSubManager.getInstanceFor(alice).getServiceJid().toString()).isEqualTo("pubsub.localhost");
        assertThat(alicePubSub.getSupportedFeatures().containsFeature("http://jabber.org/protocol/pubsub#publish")).isTrue();
    }

    @Test
    void createConfigurePublishAndReceive() throws Exception {
        FillableConfigureForm config = alicePubSub.getDefaultConfiguration().getFillableForm();
        config.setAccessModel(AccessModel.open);
        config.setDeliverPayloads(true);
        config.setMaxItems(5);
        config.setTitle("Alice's feed");
        LeafNode node = (LeafNode) alicePubSub.createNode("feed", config);
        ConfigureForm configured = node.getNodeConfiguration();
        // read from the form itself: Smack 4.4.8's ConfigureForm.getTitle() returns null for a title it parsed
        assertThat(configured.getDataForm().getField("pubsub#title").getFirstValue()).isEqualTo("Alice's feed");
        assertThat(configured.getMaxItems()).isEqualTo(5);
        assertThat(configured.getAccessModel()).isEqualTo(AccessModel.open);

        LeafNode bobsView = bobPubSub.getLeafNode("feed");
        BlockingQueue<ItemPublishEvent<Item>> events = new LinkedBlockingQueue<>();
        bobsView.addItemEventListener(events::add);
        Subscription sub = bobsView.subscribe(bob.getUser().asBareJid());
        assertThat(sub.getState()).isEqualTo(Subscription.State.subscribed);

        String xml = "<entry xmlns='http://www.w3.org/2005/Atom'><title>Hello &amp; welcome</title></entry>";
        node.publish(new PayloadItem<>("first", new SimplePayload(xml)));

        ItemPublishEvent<Item> event = events.poll(SmackClients.REPLY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertThat(event).isNotNull();
        assertThat(event.getNodeId()).isEqualTo("feed");
        assertThat(event.getItems()).singleElement().satisfies(i -> {
            assertThat(i.getId()).isEqualTo("first");
            assertThat(((PayloadItem<?>) i).getPayload().toXML().toString()).contains("Hello &amp; welcome");
        });

        List<Item> items = bobsView.getItems();
        assertThat(items).extracting(Item::getId).containsExactly("first");

        node.deleteItem("first");
        assertThat(bobsView.getItems()).isEmpty();
        assertThat(alicePubSub.getAffiliations()).extracting(Affiliation::getNode).contains("feed");
        alicePubSub.deleteNode("feed");
        assertThatThrownBy(() -> bobsView.getItems()).isInstanceOf(XMPPErrorException.class)
                .satisfies(e -> assertThat(((XMPPErrorException) e).getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.item_not_found));
    }

    @Test
    void onlyPublishersPublish() throws Exception {
        alicePubSub.createNode("news");
        LeafNode asBob = bobPubSub.getLeafNode("news");
        assertThatThrownBy(() -> asBob.publish(new PayloadItem<>(new SimplePayload("<x xmlns='urn:x'/>"))))
                .isInstanceOf(XMPPErrorException.class)
                .satisfies(e -> assertThat(((XMPPErrorException) e).getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.forbidden));
    }
}
