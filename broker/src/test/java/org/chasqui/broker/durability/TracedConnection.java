package org.chasqui.broker.durability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chasqui.broker.durability.StraceParser.Syscall;

/**
 * One socket of a traced process seen from that process: the bytes it received and the bytes it sent,
 * each as one stream, and which system call moved each byte. A stanza may come in pieces over
 * several receives, and several stanzas in one send; offsets into the streams find the calls.
 * The streams are text with one char per byte (ISO-8859-1), so a string index is a byte offset.
 */
final class TracedConnection {

    static final Set<String> RECEIVES = Set.of("read", "readv", "recvfrom", "recvmsg");
    static final Set<String> SENDS = Set.of("write", "writev", "sendto", "sendmsg");

    private final String target;
    private final Direction received;
    private final Direction sent;

    private TracedConnection(String target, Direction received, Direction sent) {
        this.target = target;
        this.received = received;
        this.sent = sent;
    }

    /** Every socket in {@code calls} (by what {@code strace -y} named it, {@code socket:[inode]}). */
    static Map<String, TracedConnection> bySocket(List<Syscall> calls) {
        Map<String, List<Syscall>> perSocket = new LinkedHashMap<>();
        for (Syscall c : calls) {
            if (c.fdTarget().startsWith("socket:") && (RECEIVES.contains(c.name()) || SENDS.contains(c.name()))) {
                perSocket.computeIfAbsent(c.fdTarget(), t -> new ArrayList<>()).add(c);
            }
        }
        Map<String, TracedConnection> out = new LinkedHashMap<>();
        perSocket.forEach((target, list) -> out.put(target, new TracedConnection(target,
                Direction.of(target, list.stream().filter(c -> RECEIVES.contains(c.name())).toList()),
                Direction.of(target, list.stream().filter(c -> SENDS.contains(c.name())).toList()))));
        return out;
    }

    String target() {
        return target;
    }

    /** Everything received, in order. */
    String received() {
        return received.bytes;
    }

    /** Everything sent, in order. */
    String sent() {
        return sent.bytes;
    }

    /** The receive that brought the byte at {@code offset} of {@link #received()}. */
    Syscall receiveCarrying(int offset) {
        return received.carrying(offset);
    }

    /** The send that took the byte at {@code offset} of {@link #sent()}. */
    Syscall sendCarrying(int offset) {
        return sent.carrying(offset);
    }

    /** One direction: the calls that moved bytes, in order, and where each one's bytes end. */
    private record Direction(List<Syscall> calls, int[] ends, String bytes) {

        /**
         * Only what a call returned counts: a send may take less than it was given (the rest goes
         * in a later send), and its data shows everything it was given.
         */
        static Direction of(String target, List<Syscall> list) {
            List<Syscall> moved = list.stream()
                    .filter(c -> c.returned() && c.result().getAsLong() > 0)
                    .sorted(Comparator.comparingInt(Syscall::startLine))
                    .toList();
            int[] ends = new int[moved.size()];
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < moved.size(); i++) {
                Syscall c = moved.get(i);
                long n = c.result().getAsLong();
                if (c.data().length < n) {
                    throw new IllegalStateException("on " + target + ", " + c + " moved " + n + " bytes but the trace shows "
                            + c.data().length + (c.truncated() ? " (cut short: raise strace -s)" : ""));
                }
                bytes.write(c.data(), 0, (int) n);
                ends[i] = bytes.size();
            }
            return new Direction(moved, ends, bytes.toString(StandardCharsets.ISO_8859_1));
        }

        Syscall carrying(int offset) {
            if (offset < 0 || offset >= bytes.length()) {
                throw new IndexOutOfBoundsException(offset + " is not in the " + bytes.length() + " bytes");
            }
            for (int i = 0; i < ends.length; i++) {
                if (offset < ends[i]) {
                    return calls.get(i);
                }
            }
            throw new AssertionError("unreachable");
        }
    }
}
