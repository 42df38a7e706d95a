package org.chasqui.pubsub;

import java.util.List;
import java.util.Objects;

/**
 * A node's configuration: every field of the {@code pubsub#node_config} form (XEP-0060 §16.4.4) and
 * of XEP-0248 for collections, typed. Immutable; change it with {@link #toBuilder()}. The wire form
 * (field variables, types, labels, parsing and validation) is {@link ConfigField}.
 *
 * @param maxItems         items kept (a leaf); {@code pubsub#max_items}
 * @param itemExpire       seconds after which items vanish; 0 = never
 * @param maxPayloadSize   largest payload in bytes of serialized XML
 * @param publishNodeFull  what a publish to a full node does: "retract-oldest", "discard-oldest", "reject"
 * @param collections      the collection nodes this node belongs to (XEP-0248 {@code pubsub#collection})
 * @param childrenPolicy   XEP-0248 {@code pubsub#children_association_policy}: all, owners, whitelist
 */
public record NodeConfig(
        NodeType nodeType,
        String title,
        String description,
        String payloadType,
        String language,
        List<String> contacts,
        AccessModel accessModel,
        PublishModel publishModel,
        List<String> rosterGroupsAllowed,
        long maxItems,
        long itemExpire,
        boolean persistItems,
        boolean deliverPayloads,
        boolean deliverNotifications,
        boolean notifyConfig,
        boolean notifyDelete,
        boolean notifyRetract,
        boolean notifySub,
        NotificationType notificationType,
        boolean presenceBasedDelivery,
        boolean purgeOffline,
        SendLastPublished sendLastPublishedItem,
        int maxPayloadSize,
        boolean subscribe,
        boolean tempsub,
        String publishNodeFull,
        String itemReply,
        String bodyXslt,
        String dataformXslt,
        List<String> collections,
        String childrenPolicy,
        List<String> childrenWhitelist,
        long childrenMax) {

    public NodeConfig {
        Objects.requireNonNull(nodeType, "nodeType");
        Objects.requireNonNull(accessModel, "accessModel");
        Objects.requireNonNull(publishModel, "publishModel");
        Objects.requireNonNull(notificationType, "notificationType");
        Objects.requireNonNull(sendLastPublishedItem, "sendLastPublishedItem");
        contacts = List.copyOf(contacts);
        rosterGroupsAllowed = List.copyOf(rosterGroupsAllowed);
        collections = List.copyOf(collections);
        childrenWhitelist = List.copyOf(childrenWhitelist);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * XEP-0060 §12.17: pubsub#itemreply = publisher; items then carry a 'publisher' attribute in
     * notifications and in every retrieval (§7.1.2.3).
     */
    public boolean itemsNamePublisher() {
        return "publisher".equals(itemReply);
    }

    /** Mutable while a form is applied; {@link #build()} gives the new configuration. */
    public static final class Builder {
        NodeType nodeType;
        String title;
        String description;
        String payloadType;
        String language;
        List<String> contacts;
        AccessModel accessModel;
        PublishModel publishModel;
        List<String> rosterGroupsAllowed;
        long maxItems;
        long itemExpire;
        boolean persistItems;
        boolean deliverPayloads;
        boolean deliverNotifications;
        boolean notifyConfig;
        boolean notifyDelete;
        boolean notifyRetract;
        boolean notifySub;
        NotificationType notificationType;
        boolean presenceBasedDelivery;
        boolean purgeOffline;
        SendLastPublished sendLastPublishedItem;
        int maxPayloadSize;
        boolean subscribe;
        boolean tempsub;
        String publishNodeFull;
        String itemReply;
        String bodyXslt;
        String dataformXslt;
        List<String> collections;
        String childrenPolicy;
        List<String> childrenWhitelist;
        long childrenMax;

        private Builder(NodeConfig c) {
            nodeType = c.nodeType;
            title = c.title;
            description = c.description;
            payloadType = c.payloadType;
            language = c.language;
            contacts = c.contacts;
            accessModel = c.accessModel;
            publishModel = c.publishModel;
            rosterGroupsAllowed = c.rosterGroupsAllowed;
            maxItems = c.maxItems;
            itemExpire = c.itemExpire;
            persistItems = c.persistItems;
            deliverPayloads = c.deliverPayloads;
            deliverNotifications = c.deliverNotifications;
            notifyConfig = c.notifyConfig;
            notifyDelete = c.notifyDelete;
            notifyRetract = c.notifyRetract;
            notifySub = c.notifySub;
            notificationType = c.notificationType;
            presenceBasedDelivery = c.presenceBasedDelivery;
            purgeOffline = c.purgeOffline;
            sendLastPublishedItem = c.sendLastPublishedItem;
            maxPayloadSize = c.maxPayloadSize;
            subscribe = c.subscribe;
            tempsub = c.tempsub;
            publishNodeFull = c.publishNodeFull;
            itemReply = c.itemReply;
            bodyXslt = c.bodyXslt;
            dataformXslt = c.dataformXslt;
            collections = c.collections;
            childrenPolicy = c.childrenPolicy;
            childrenWhitelist = c.childrenWhitelist;
            childrenMax = c.childrenMax;
        }

        public Builder nodeType(NodeType v) {
            nodeType = v;
            return this;
        }

        public Builder accessModel(AccessModel v) {
            accessModel = v;
            return this;
        }

        public Builder publishModel(PublishModel v) {
            publishModel = v;
            return this;
        }

        public Builder maxItems(long v) {
            maxItems = v;
            return this;
        }

        public Builder persistItems(boolean v) {
            persistItems = v;
            return this;
        }

        public Builder sendLastPublishedItem(SendLastPublished v) {
            sendLastPublishedItem = v;
            return this;
        }

        public Builder deliverPayloads(boolean v) {
            deliverPayloads = v;
            return this;
        }

        public Builder notifyRetract(boolean v) {
            notifyRetract = v;
            return this;
        }

        public Builder presenceBasedDelivery(boolean v) {
            presenceBasedDelivery = v;
            return this;
        }

        public Builder collections(List<String> v) {
            collections = v;
            return this;
        }

        public NodeConfig build() {
            return new NodeConfig(nodeType, title, description, payloadType, language, contacts, accessModel,
                    publishModel, rosterGroupsAllowed, maxItems, itemExpire, persistItems, deliverPayloads,
                    deliverNotifications, notifyConfig, notifyDelete, notifyRetract, notifySub, notificationType,
                    presenceBasedDelivery, purgeOffline, sendLastPublishedItem, maxPayloadSize, subscribe, tempsub,
                    publishNodeFull, itemReply, bodyXslt, dataformXslt, collections, childrenPolicy,
                    childrenWhitelist, childrenMax);
        }
    }
}
