/**
 * The pubsub journal: the engine's records ({@link org.chasqui.pubsub.PubSubRecord}) of every service
 * as an append-only Chronicle Queue log; replayed into the engines at start.
 *
 * <p>The record format below is the record's own (its version byte); how the record is framed in
 * the journal file, with or without a CRC-32C in front, is the directory's format
 * ({@code FORMAT}: see {@link org.chasqui.persistence.log}). Snapshots hold records unframed.
 *
 * <p>Record format, version 1 (strings and counts as in {@link org.chasqui.persistence.log.Fields}):
 * <pre>
 *   every record:   tag(1 byte) version(1 byte = 0x01) serviceJid node
 *   'C' created     config creatorJid atMillis
 *   'G' configured  config
 *   'D' deleted, 'P' purged
 *   'I' item        id payloadXml? publisherJid publishedAtMillis
 *   'R' removed     count itemId*
 *   'A' affiliation jid affiliation("owner", "publish-only", ...)
 *   'S' subscription subId jid state flags(1 deliver, 2 digest, 4 include_body) digestFrequency
 *                   expireAtMillis(0 never, -1 presence) count showValue* subscriptionType depth
 *   'U' unsubscribed subId
 *   config = count { var count value* }   (the pubsub#node_config fields in wire form)
 * </pre>
 * Configurations are stored as form fields, so a field unknown to this version is ignored and a new
 * field reads back as its default.
 *
 * <p>Item payloads are not held on the heap: an item's {@link org.chasqui.pubsub.Payload} is a
 * {@code StoredPayload} that refers to its 'I' record, by journal index or by offset in a snapshot's
 * data file (where the record is stored byte for byte as in the journal), and decodes the payload from
 * there when asked ({@code JournalPayloads}). A snapshot moves the references of the items it holds to
 * itself before older files are deleted.
 *
 * <p>Consumers outside the server read the journal as events from a position with
 * {@link org.chasqui.persistence.pubsub.EventFeed} (read-only; positions are journal indexes).
 */
package org.chasqui.persistence.pubsub;
