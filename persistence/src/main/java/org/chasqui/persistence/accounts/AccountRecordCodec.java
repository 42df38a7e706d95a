package org.chasqui.persistence.accounts;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import org.chasqui.xmpp.sasl.ScramAlgorithm;
import org.chasqui.xmpp.sasl.ScramCredential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes and reads the journal records described in {@code package-info.java}. */
final class AccountRecordCodec {

    static final byte TAG_SAVED = 'S';
    static final byte TAG_DELETED = 'D';
    static final byte VERSION_1 = 1;

    private static final Logger LOG = LoggerFactory.getLogger(AccountRecordCodec.class);
    /** Bounds that only a corrupt record exceeds. */
    private static final int MAX_FIELD_BYTES = 4096;
    private static final int MAX_CREDENTIALS = 64;

    /** What one document held, or {@link Skipped} if this reader cannot use it. */
    sealed interface Entry {
    }

    record Saved(AccountRecord record) implements Entry {
    }

    record Deleted(String username) implements Entry {
    }

    record Skipped(String reason) implements Entry {
    }

    private AccountRecordCodec() {
    }

    static void writeSaved(Bytes<?> out, AccountRecord r) {
        out.writeByte(TAG_SAVED).writeByte(VERSION_1);
        writeField(out, r.username().getBytes(StandardCharsets.UTF_8));
        out.writeStopBit(r.credentials().size());
        for (ScramCredential c : r.credentials()) {
            out.writeByte(algorithmCode(c.algorithm()));
            writeField(out, c.salt());
            out.writeStopBit(c.iterations());
            writeField(out, c.storedKey());
            writeField(out, c.serverKey());
        }
    }

    static void writeDeleted(Bytes<?> out, String username) {
        out.writeByte(TAG_DELETED).writeByte(VERSION_1);
        writeField(out, username.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads one document; never throws for bad data, which becomes {@link Skipped}. */
    static Entry read(Bytes<?> in) {
        try {
            if (in.readRemaining() < 2) {
                return skipped("record shorter than its header");
            }
            byte tag = in.readByte();
            byte version = in.readByte();
            if ((tag != TAG_SAVED && tag != TAG_DELETED) || version != VERSION_1) {
                return skipped("unknown record tag " + tag + " version " + version);
            }
            String username = readUtf8(in);
            if (tag == TAG_DELETED) {
                return new Deleted(username);
            }
            long count = in.readStopBit();
            if (count < 0 || count > MAX_CREDENTIALS) {
                return skipped("implausible credential count " + count + " for " + username);
            }
            List<ScramCredential> credentials = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                byte code = in.readByte();
                byte[] salt = readField(in);
                long iterations = in.readStopBit();
                byte[] storedKey = readField(in);
                byte[] serverKey = readField(in);
                ScramAlgorithm alg = algorithm(code);
                if (alg == null) {
                    LOG.warn("account journal: skipping a credential of {} with unknown algorithm code {}", username, code);
                    continue;
                }
                credentials.add(new ScramCredential(alg, salt, Math.toIntExact(iterations), storedKey, serverKey));
            }
            return new Saved(new AccountRecord(username, credentials));
        } catch (RuntimeException e) { // truncated or corrupt bytes, invalid values
            return skipped("corrupt record: " + e);
        }
    }

    private static Skipped skipped(String reason) {
        LOG.warn("account journal: skipping a record: {}", reason);
        return new Skipped(reason);
    }

    /** Stable on-disk codes; a new algorithm gets a new code, never a reused one. */
    static byte algorithmCode(ScramAlgorithm alg) {
        return switch (alg) {
            case SHA_1 -> 1;
            case SHA_256 -> 2;
        };
    }

    private static ScramAlgorithm algorithm(byte code) {
        return switch (code) {
            case 1 -> ScramAlgorithm.SHA_1;
            case 2 -> ScramAlgorithm.SHA_256;
            default -> null;
        };
    }

    private static void writeField(Bytes<?> out, byte[] data) {
        out.writeStopBit(data.length);
        out.write(data);
    }

    private static byte[] readField(Bytes<?> in) {
        long length = in.readStopBit();
        if (length < 0 || length > MAX_FIELD_BYTES || length > in.readRemaining()) {
            throw new IllegalArgumentException("bad field length " + length);
        }
        byte[] data = new byte[(int) length];
        in.read(data);
        return data;
    }

    private static String readUtf8(Bytes<?> in) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(readField(in)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("user name is not UTF-8", e);
        }
    }
}
