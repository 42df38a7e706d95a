package org.chasqui.broker.pubsub;

/** XEP-0060 §15 namespaces. */
final class PubSubXml {

    static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String OWNER = PUBSUB + "#owner";
    static final String EVENT = PUBSUB + "#event";
    static final String ERRORS = PUBSUB + "#errors";
    static final String PUBLISH_OPTIONS = PUBSUB + "#publish-options";
    static final String SUBSCRIBE_AUTHORIZATION = PUBSUB + "#subscribe_authorization";
    static final String META_DATA = PUBSUB + "#meta-data";
    /** XEP-0131 SHIM headers (XEP-0060 §12.16 SubIDs, XEP-0248 Collection). */
    static final String SHIM = "http://jabber.org/protocol/shim";
    /** XEP-0059 result set management (XEP-0060 §6.5.4). */
    static final String RSM = "http://jabber.org/protocol/rsm";

    private PubSubXml() {
    }
}
