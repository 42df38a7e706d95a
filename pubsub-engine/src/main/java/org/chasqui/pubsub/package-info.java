/**
 * The XEP-0060 Publish-Subscribe engine (version 1.30.0 of the spec) with XEP-0248 collections: an
 * I/O-free state machine. {@link org.chasqui.pubsub.PubSubService} takes a typed
 * {@link org.chasqui.pubsub.Command} and the {@link org.chasqui.pubsub.Facts} it needs (rosters,
 * presence) and returns an {@link org.chasqui.pubsub.Outcome}: the reply or an XEP-0060 error as a
 * value, the notifications to deliver (recipients already filtered by access model, presence and
 * subscription options), and the {@link org.chasqui.pubsub.PubSubRecord}s to journal, which it has
 * applied to itself and which a replay applies the same way.
 *
 * <p>Policy is data: {@link org.chasqui.pubsub.Permissions} is the affiliation table of §4.1,
 * {@link org.chasqui.pubsub.ConfigField} the node_config form of §16.4.4 with its validation, and
 * {@link org.chasqui.pubsub.NodeDefaults} the default configurations.
 */
package org.chasqui.pubsub;
