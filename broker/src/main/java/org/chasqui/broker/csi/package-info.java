/**
 * XEP-0352 Client State Indication, version 1.0.0: the {@code <csi xmlns='urn:xmpp:csi:0'/>} stream
 * feature after authentication (§4.1), and {@code <active/>} / {@code <inactive/>} from the client
 * (§4.2). What the server does with them is its own choice (§3.2); Chasqui's is below.
 *
 * <p>Policy while a client is inactive ({@link org.chasqui.broker.csi.CsiPolicy}, one method that
 * takes the stanza):
 * <ul>
 *   <li>written at once: IQs, errors, subscription presences, messages with a {@code <body/>} or an
 *       encrypted payload (OMEMO, XEP-0027, XEP-0373), XEP-0280 carbon copies of such messages, and
 *       XEP-0313 archive results;</li>
 *   <li>held, only the newest per sender full JID: available and unavailable presence;</li>
 *   <li>held, in order: everything else, e.g. chat states, receipts and markers without a body,
 *       headlines such as pubsub notifications.</li>
 * </ul>
 * Held stanzas wait in a per-stream {@link org.chasqui.broker.csi.CsiBuffer} of
 * {@value org.chasqui.broker.csi.CsiBuffer#DEFAULT_CAPACITY} stanzas; when it is full, or when the
 * client sends {@code <active/>}, all of them are written, in the order they came, before anything
 * that comes later (§5.1: in-order processing). A held stanza may therefore arrive after an urgent one
 * that came later. Held stanzas are not "sent" for XEP-0198: they are counted, and queued for
 * acknowledgement, only when they are written. If the connection is lost they join the stream
 * management queue (and are re-sent on resumption, after which the stream is active again, §5.2); if
 * the session ends for good, held messages go back to the account like unacknowledged ones. The state
 * is never revealed to other entities (§6).
 */
package org.chasqui.broker.csi;
