/**
 * XMPP over HTTP: one Vert.x HTTP server per event loop (plain and TLS) serving RFC 7395 WebSocket,
 * XEP-0124/0206 BOSH and XEP-0156 host-meta, with CORS and per-address limits. Each transport is a
 * {@link org.chasqui.broker.c2s.Transport}: the stream itself is the same {@code ClientSession} as over TCP.
 */
package org.chasqui.broker.http;
