package org.chasqui.xmpp.stream;

/**
 * The attributes of a received {@code <stream:stream>} open tag (RFC 6120 §4.7).
 *
 * @param to               the {@code to} attribute (§4.7.2), or null
 * @param from             the {@code from} attribute (§4.7.1), or null
 * @param id               the {@code id} attribute (§4.7.3), or null
 * @param version          the {@code version} attribute (§4.7.5), or null
 * @param lang             the {@code xml:lang} attribute (§4.7.4), or null
 * @param contentNamespace the default namespace declared on the open tag (§4.8.2), or null if none
 */
public record StreamHeader(String to, String from, String id, String version, String lang, String contentNamespace) {
}
