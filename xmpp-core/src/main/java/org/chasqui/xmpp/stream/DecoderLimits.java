package org.chasqui.xmpp.stream;

/**
 * Limits the decoder enforces while parsing; exceeding one is a {@code policy-violation} stream error
 * (RFC 6120 §4.9.3.14, §13.12).
 *
 * @param maxStanzaBytes the largest encoded size, in bytes, of one top-level element (and of the stream header)
 * @param maxDepth       the deepest element nesting inside a top-level element, the top-level element being depth 1
 * @param maxAttributes  the most attributes on one element; namespace declarations count as attributes
 */
public record DecoderLimits(int maxStanzaBytes, int maxDepth, int maxAttributes) {

    public static final int DEFAULT_MAX_STANZA_BYTES = 262_144;
    public static final int DEFAULT_MAX_DEPTH = 64;
    public static final int DEFAULT_MAX_ATTRIBUTES = 64;

    public static final DecoderLimits DEFAULT =
            new DecoderLimits(DEFAULT_MAX_STANZA_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ATTRIBUTES);

    public DecoderLimits {
        requirePositive(maxStanzaBytes, "maxStanzaBytes");
        requirePositive(maxDepth, "maxDepth");
        requirePositive(maxAttributes, "maxAttributes");
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
