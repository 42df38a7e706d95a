/**
 * The inbound XML stream of RFC 6120 §4, decoded without blocking.
 *
 * <p>{@link org.chasqui.xmpp.stream.XmppStreamDecoder} is fed bytes as they arrive, split anywhere, and turns them
 * into a {@link org.chasqui.xmpp.stream.StreamHeader}, one immutable {@link org.chasqui.xmpp.xml.Element} per
 * top-level element, and the end of the stream, delivered to a {@link org.chasqui.xmpp.stream.StreamListener}. It
 * runs on Aalto's async parser and enforces, while parsing:
 * <ul>
 *   <li>the restricted XML of RFC 6120 §11.1 (no DTD, comment, processing instruction or non-predefined entity
 *       reference), UTF-8 only (§11.6), whitespace only between top-level elements (§11.7);</li>
 *   <li>the stream namespace and the content namespace (§4.8, §4.9.3.10), bound prefixes (§4.9.3.2);</li>
 *   <li>the {@link org.chasqui.xmpp.stream.DecoderLimits} on element size, depth and attributes
 *       (§4.9.3.14, §13.12).</li>
 * </ul>
 * Every violation is one {@link org.chasqui.xmpp.stanza.StreamError} event and ends decoding; nothing is thrown.
 *
 * <p>Implements RFC 6120 (March 2011), sections 4 and 11, for XML 1.0 with Namespaces in XML 1.0.
 */
package org.chasqui.xmpp.stream;
