/**
 * BOSH: XMPP over long-polled HTTP requests, XEP-0124 (Bidirectional-streams Over Synchronous HTTP)
 * version 1.11.2 and XEP-0206 (XMPP Over BOSH) version 1.4.
 *
 * <p>{@link org.chasqui.broker.http.bosh.BoshSession} is the I/O-free state machine of one BOSH
 * session (request ids, the request window, held requests, retransmission, pause, terminate,
 * inactivity); {@link org.chasqui.broker.http.bosh.BoshTransport} puts a c2s
 * {@link org.chasqui.broker.c2s.ClientSession} on it; {@link org.chasqui.broker.http.bosh.BoshEndpoint}
 * is what the HTTP router calls for {@code /http-bind}.
 */
package org.chasqui.broker.http.bosh;
