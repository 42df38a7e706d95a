/**
 * XEP-0198 Stream Management, version 1.6.3, for client streams: the {@code <sm xmlns='urn:xmpp:sm:3'/>}
 * feature after authentication (§2), {@code <enable/>} after binding and once per stream (§3), acks
 * both ways (§4), resumption (§5), and the error handling of §6. Not implemented: the 'location'
 * attribute (§3, §5) and the SASL2/BIND2 inlining (§9).
 *
 * <p>Policies (the spec leaves them to the server):
 * <ul>
 *   <li><b>Ack requests</b> ({@link org.chasqui.broker.sm.StreamManagement}): {@code <r/>} right after
 *       the {@value org.chasqui.broker.sm.StreamManagement#REQUEST_EVERY}th stanza written since the
 *       last request, otherwise {@value org.chasqui.broker.sm.StreamManagement#REQUEST_DELAY_MS} ms after
 *       a stanza was written if none was requested since; and once after the stanzas re-sent on
 *       resumption. {@code <r/>} from the client is answered at once.</li>
 *   <li><b>Unacknowledged queue</b>: at most {@code c2s.sm_max_unacked_stanzas}; one more ends the
 *       stream with {@code <policy-violation/>} (or ends a session waiting for resumption) and nothing
 *       is lost: the queue goes back to the account as below.</li>
 *   <li><b>Resumption</b>: offered when the client asks (resume='true') and
 *       {@code c2s.sm_resume_timeout_seconds} is not 0; the timeout is that value, or the client's
 *       'max' if smaller. SM-IDs are 144 random bits ({@link org.chasqui.broker.sm.ResumptionRegistry}).
 *       A session waits for its client after a lost connection and after the stream errors in
 *       {@link org.chasqui.broker.sm.ResumePolicy}; never after the client's {@code </stream:stream>}
 *       (§7). While it waits it stays bound and available: stanzas routed to it are queued and
 *       counted, and are sent after {@code <resumed/>} with the ones the client had not acknowledged.
 *       A resumption by another user, of an unknown or expired id, or with an impossible 'h' gets
 *       {@code <failed/>} (item-not-found; bad-request for 'h') and the client may bind instead.
 *       Binding the same full JID ends a waiting session as a timeout does. If the former stream is
 *       still open when the session is resumed elsewhere, it ends with {@code <conflict/>} (§5).</li>
 *   <li><b>The end</b> (timeout, no resumption, clean close, queue overflow): the session leaves the
 *       registry first; then each unacknowledged {@code <message/>} goes to {@code Router.redeliver}
 *       (another resource, or offline storage: §4, as if sent to an unavailable resource), except
 *       XEP-0280 carbon copies, whose original another resource of the account already has; an
 *       unacknowledged IQ request gets service-unavailable; then contacts and the other resources
 *       get unavailable presence.</li>
 * </ul>
 *
 * <p>Threads: a session's {@link org.chasqui.broker.sm.StreamManagement} belongs to its event loop. A
 * resumption may arrive on another loop: the new stream asks the former session, on the former's
 * loop, to hand over; the former checks 'h', claims its id, closes, and posts its state to the new
 * stream's loop, where it continues. Stanzas that still reach the former session are forwarded.
 */
package org.chasqui.broker.sm;
