/**
 * The server's TLS certificate and key: {@link org.chasqui.broker.tls.TlsMaterial} loads configured
 * PEM files, or reuses or generates a self-signed certificate in {@code <data_dir>/tls/}, and turns
 * the result into Vert.x key/cert options.
 *
 * <p>Certificates are made with Bouncy Castle's bcpkix on top of the JDK's own JCA providers; no
 * Bouncy Castle provider is registered and no BCJSSE is used. Keys are always handed to Vert.x as
 * unencrypted PKCS#8 ({@code PRIVATE KEY}), whatever PEM form the file used. Protocols: TLS 1.3 and
 * 1.2 only (RFC 7590 §3.1; RFC 8996 deprecates 1.0 and 1.1).
 */
package org.chasqui.broker.tls;
