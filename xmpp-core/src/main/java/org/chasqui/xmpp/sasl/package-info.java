/**
 * SASL server primitives, free of I/O: the SCRAM-SHA-1/-SHA-256 (and -PLUS) server state machine and
 * the SASL PLAIN message parser. The broker feeds decoded {@code <auth/>}/{@code <response/>} payloads in
 * and maps the returned {@link org.chasqui.xmpp.sasl.SaslStep} to {@code <challenge/>}, {@code <success/>}
 * or {@code <failure/>} (RFC 6120 §6.4).
 *
 * <p>Implements RFC 5802 (SCRAM, with the errata-free parts of §5 and §7), RFC 7677 (SCRAM-SHA-256),
 * RFC 4616 (PLAIN), RFC 6120 §6.5 (SASL failure conditions) and RFC 5929 channel binding types as opaque
 * data supplied by the TLS layer. Strings are prepared with PRECIS (RFC 8265: UsernameCaseMapped for
 * user names, OpaqueString for passwords) instead of SASLprep, as RFC 7677 §4 and RFC 6120 §6.3.8 allow.
 * Stored credentials follow RFC 5802 §3 (salt, iteration count, StoredKey, ServerKey; never the password).
 */
package org.chasqui.xmpp.sasl;
