package org.chasqui.persistence.log;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.openhft.chronicle.bytes.Bytes;

/**
 * The field encodings journal records share: strings as stopBit(byteLength) + UTF-8, optional strings
 * behind a presence byte, counts as stop-bit integers with a sanity bound.
 */
public final class Fields {

    /** Bounds that only a corrupt record exceeds. */
    public static final int MAX_FIELD_BYTES = 64 * 1024 * 1024;
    public static final int MAX_COUNT = 10_000_000;

    private Fields() {
    }

    public static void text(Bytes<?> out, String s) {
        byte[] data = s.getBytes(StandardCharsets.UTF_8);
        out.writeStopBit(data.length);
        out.write(data);
    }

    public static void optionalText(Bytes<?> out, String s) {
        out.writeByte((byte) (s == null ? 0 : 1));
        if (s != null) {
            text(out, s);
        }
    }

    public static String optionalText(Bytes<?> in) {
        return in.readByte() == 0 ? null : text(in);
    }

    /** Reads a string; throws IllegalArgumentException on a bad length or invalid UTF-8. */
    public static String text(Bytes<?> in) {
        long length = in.readStopBit();
        if (length < 0 || length > MAX_FIELD_BYTES || length > in.readRemaining()) {
            throw new IllegalArgumentException("bad field length " + length);
        }
        byte[] data = new byte[(int) length];
        in.read(data);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("field is not UTF-8", e);
        }
    }

    public static long count(Bytes<?> in) {
        long n = in.readStopBit();
        if (n < 0 || n > MAX_COUNT) {
            throw new IllegalArgumentException("implausible count " + n);
        }
        return n;
    }
}
