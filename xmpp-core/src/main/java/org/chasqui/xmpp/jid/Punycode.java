package org.chasqui.xmpp.jid;

/**
 * The Punycode transfer encoding of RFC 3492, used for the A-labels of internationalized domain names.
 *
 * <p>{@code java.net.IDN} is not used because it implements IDNA2003: its round-trip check rejects
 * valid IDNA2008 A-labels such as {@code xn--fa-hia} ("faß"), and its nameprep step maps ß to "ss".
 * These methods work on one label without its {@code xn--} prefix and do no mapping or validation of
 * the decoded code points; {@link Domainpart} does that.
 */
final class Punycode {
    // RFC 3492 §5: parameter values for Punycode
    private static final int BASE = 36;
    private static final int TMIN = 1;
    private static final int TMAX = 26;
    private static final int SKEW = 38;
    private static final int DAMP = 700;
    private static final int INITIAL_BIAS = 72;
    private static final int INITIAL_N = 0x80;
    /** Inputs here are at most 1023 octets, so this only guards against hostile digit strings. */
    private static final long MAX_VALUE = Integer.MAX_VALUE;

    private Punycode() {
    }

    /** RFC 3492 §6.3: encodes {@code input} (any code points) as basic code points. */
    static String encode(String input) {
        int[] codePoints = input.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int c : codePoints) {
            if (c < INITIAL_N) {
                out.append((char) c);
            }
        }
        int basicCount = out.length();
        int handled = basicCount;
        if (basicCount > 0) {
            out.append('-');
        }
        int n = INITIAL_N;
        long delta = 0;
        int bias = INITIAL_BIAS;
        while (handled < codePoints.length) {
            int m = Integer.MAX_VALUE;
            for (int c : codePoints) {
                if (c >= n && c < m) {
                    m = c;
                }
            }
            delta += (long) (m - n) * (handled + 1);
            n = m;
            for (int c : codePoints) {
                if (c < n) {
                    delta++;
                } else if (c == n) {
                    long q = delta;
                    for (int k = BASE; ; k += BASE) {
                        int t = threshold(k, bias);
                        if (q < t) {
                            break;
                        }
                        out.append(digit((int) (t + (q - t) % (BASE - t))));
                        q = (q - t) / (BASE - t);
                    }
                    out.append(digit((int) q));
                    bias = adapt(delta, handled + 1, handled == basicCount);
                    delta = 0;
                    handled++;
                }
            }
            delta++;
            n++;
        }
        return out.toString();
    }

    /**
     * RFC 3492 §6.2: decodes a string of basic code points.
     *
     * @throws IllegalArgumentException if {@code input} is not valid Punycode
     */
    static String decode(String input) {
        int delimiter = Math.max(input.lastIndexOf('-'), 0);
        StringBuilder out = new StringBuilder();
        for (int j = 0; j < delimiter; j++) {
            char c = input.charAt(j);
            if (c >= INITIAL_N) {
                throw new IllegalArgumentException("non-basic code point before the delimiter");
            }
            out.append(c);
        }
        int length = delimiter; // in code points; basic code points are one char each
        int n = INITIAL_N;
        long i = 0;
        int bias = INITIAL_BIAS;
        int in = delimiter > 0 ? delimiter + 1 : 0;
        while (in < input.length()) {
            long oldI = i;
            long w = 1;
            for (int k = BASE; ; k += BASE) {
                if (in >= input.length()) {
                    throw new IllegalArgumentException("truncated Punycode");
                }
                int digit = digitValue(input.charAt(in++));
                i += digit * w;
                int t = threshold(k, bias);
                if (i > MAX_VALUE || w > MAX_VALUE) {
                    throw new IllegalArgumentException("Punycode overflow");
                }
                if (digit < t) {
                    break;
                }
                w *= BASE - t;
            }
            bias = adapt(i - oldI, length + 1, oldI == 0);
            long next = n + i / (length + 1);
            i %= length + 1;
            if (next > Character.MAX_CODE_POINT
                    || (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE)) {
                throw new IllegalArgumentException("Punycode decodes to an invalid code point");
            }
            n = (int) next;
            out.insert(out.offsetByCodePoints(0, (int) i), Character.toChars(n));
            length++;
            i++;
        }
        return out.toString();
    }

    // RFC 3492 §6.1: bias adaptation function
    private static int adapt(long delta, int numPoints, boolean firstTime) {
        delta = firstTime ? delta / DAMP : delta / 2;
        delta += delta / numPoints;
        int k = 0;
        while (delta > ((BASE - TMIN) * TMAX) / 2) {
            delta /= BASE - TMIN;
            k += BASE;
        }
        return (int) (k + ((BASE - TMIN + 1) * delta) / (delta + SKEW));
    }

    // RFC 3492 §6.2/§6.3: t = tmin if k <= bias, tmax if k >= bias + tmax, otherwise k - bias
    private static int threshold(int k, int bias) {
        return k <= bias ? TMIN : Math.min(k - bias, TMAX);
    }

    // RFC 3492 §5: digit values 0..25 are a..z, 26..35 are 0..9; we emit lowercase
    private static char digit(int d) {
        return (char) (d < 26 ? 'a' + d : '0' + d - 26);
    }

    private static int digitValue(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 26;
        }
        throw new IllegalArgumentException("invalid Punycode digit '" + c + "'");
    }
}
