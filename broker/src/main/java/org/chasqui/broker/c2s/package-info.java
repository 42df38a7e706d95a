/**
 * Client-to-server streams over TCP: RFC 6120 (streams, STARTTLS, SASL, binding, stanzas) and
 * XEP-0368 direct TLS.
 */
package org.chasqui.broker.c2s;
