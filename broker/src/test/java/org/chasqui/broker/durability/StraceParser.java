package org.chasqui.broker.durability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the output of {@code strace -f -ttt -y -o FILE} into system calls: thread, name, file
 * descriptor and what {@code -y} says it is, the data (a string argument or the {@code iov_base}
 * strings), the return value, and where in the output the call started and returned.
 *
 * <p>strace writes one line per event in the order it handled them. A call that another thread's
 * event interrupts is split in two lines, {@code name(args <unfinished ...>} and, later,
 * {@code <... name resumed>rest) = result}; otherwise the call is one line. So the line number of a
 * call's start, and of its return, place it among all other calls: a call that returned on a line
 * before the one on which another started had finished in the kernel before the other began (strace
 * handles an entry while the thread is stopped before the call runs, and a return after it ran).
 * Lines that are not calls ({@code --- SIG... ---}, {@code +++ exited +++}) are skipped.
 */
final class StraceParser {

    /**
     * One system call.
     *
     * @param tid       the thread (strace's pid column), 0 if the line had none
     * @param fd        the first argument when it is a number, else -1
     * @param fdTarget  what {@code -y} printed for it in angle brackets (a path, {@code socket:[inode]}), or ""
     * @param data      the bytes of the string argument after the fd, or of every {@code iov_base} string
     * @param truncated whether strace cut a string short ({@code -s}), marked by {@code "..."}
     * @param result    the return value; empty if strace did not see it ({@code = ?} or never resumed)
     * @param error     the errno name after a failure ({@code EAGAIN}), or ""
     * @param startLine index of the line on which the call started
     * @param endLine   index of the line on which it returned, -1 if it never did
     * @param startMicros {@code -ttt} time of the start line in µs since the epoch
     * @param endMicros {@code -ttt} time of the return line, -1 if none
     */
    record Syscall(int tid, String name, int fd, String fdTarget, byte[] data, boolean truncated,
            OptionalLong result, String error, int startLine, int endLine, long startMicros, long endMicros) {

        boolean returned() {
            return endLine >= 0 && result.isPresent();
        }

        /** The data as text, one char per byte (so indexes are byte offsets). */
        String text() {
            return new String(data, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            String r = result.isPresent() ? String.valueOf(result.getAsLong()) : "?";
            // lines numbered from 1 here, as an editor shows them
            return String.format("%s(%d<%s>) = %s%s [tid %d, lines %d..%d, %d.%06d]", name, fd, fdTarget, r,
                    error.isEmpty() ? "" : " " + error, tid, startLine + 1, endLine + 1, startMicros / 1_000_000,
                    startMicros % 1_000_000);
        }
    }

    private static final Pattern LINE = Pattern.compile("^(?:(\\d+)\\s+)?(\\d+)\\.(\\d+)\\s(.*)$");
    private static final Pattern START = Pattern.compile("^([a-z_][a-z0-9_]*)\\((.*)$");
    private static final Pattern RESUMED = Pattern.compile("^<\\.\\.\\. ([a-z_][a-z0-9_]*) resumed>(.*)$");
    private static final String UNFINISHED = " <unfinished ...>";
    private static final Pattern RETURN = Pattern.compile(
            "^\\s*=\\s*(\\?|-?(?:0x[0-9a-f]+|\\d+))(?:\\s+([A-Z][A-Z0-9_]*)(?:\\s+\\(.*?\\))?)?(?:\\s+<[^>]*>)?\\s*$");

    /** A call whose start was seen and whose return was not yet. */
    private record Open(String name, String args, int line, long micros) {
    }

    private StraceParser() {
    }

    /** The calls in {@code lines}, in the order they started. */
    static List<Syscall> parse(List<String> lines) {
        List<Syscall> calls = new ArrayList<>();
        Map<Integer, Open> open = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue; // not an event line (strace's own messages)
            }
            int tid = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
            long micros = micros(m.group(2), m.group(3));
            String rest = m.group(4);
            Matcher resumed = RESUMED.matcher(rest);
            Matcher start = START.matcher(rest);
            if (resumed.matches()) {
                Open o = open.remove(tid);
                if (o == null || !o.name().equals(resumed.group(1))) {
                    throw new IllegalArgumentException("line " + i + ": resumes a call that did not start: " + line);
                }
                calls.add(call(tid, o.name(), o.args() + resumed.group(2), o.line(), o.micros(), i, micros));
            } else if (start.matches()) {
                String args = start.group(2);
                if (args.endsWith(UNFINISHED)) {
                    Open earlier = open.put(tid, new Open(start.group(1),
                            args.substring(0, args.length() - UNFINISHED.length()), i, micros));
                    if (earlier != null) { // its thread ended inside it, and the id came back
                        calls.add(unreturned(tid, earlier));
                    }
                } else {
                    calls.add(call(tid, start.group(1), args, i, micros, i, micros));
                }
            }
            // else: "--- SIGSEGV {...} ---", "+++ exited with 0 +++" and the like
        }
        open.forEach((tid, o) -> calls.add(unreturned(tid, o)));
        calls.sort((a, b) -> Integer.compare(a.startLine(), b.startLine()));
        return calls;
    }

    private static long micros(String seconds, String fraction) {
        String us = (fraction + "000000").substring(0, 6);
        return Long.parseLong(seconds) * 1_000_000 + Long.parseLong(us);
    }

    private static Syscall unreturned(int tid, Open o) {
        Args a = Args.parse(o.args(), false);
        return new Syscall(tid, o.name(), a.fd, a.fdTarget, a.data.toByteArray(), a.truncated, OptionalLong.empty(),
                "", o.line(), -1, o.micros(), -1);
    }

    /** {@code text} is everything after {@code name(}: the arguments, ")", " = result". */
    private static Syscall call(int tid, String name, String text, int startLine, long startMicros, int endLine,
            long endMicros) {
        Args a = Args.parse(text, true);
        Matcher r = RETURN.matcher(text.substring(a.end + 1));
        if (!r.matches()) {
            throw new IllegalArgumentException("line " + endLine + ": no return value in " + name + "(" + text);
        }
        OptionalLong result = r.group(1).equals("?") ? OptionalLong.empty() : OptionalLong.of(Long.decode(r.group(1)));
        return new Syscall(tid, name, a.fd, a.fdTarget, a.data.toByteArray(), a.truncated, result,
                r.group(2) == null ? "" : r.group(2), startLine, result.isPresent() ? endLine : -1, startMicros,
                result.isPresent() ? endMicros : -1);
    }

    /** The arguments of one call, read left to right. */
    private static final class Args {
        private int fd = -1;
        private String fdTarget = "";
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();
        private boolean truncated;
        private int end; // index of the ')' that closes the arguments

        /** {@code closed}: the text holds the closing ')' (false for a call that never returned). */
        static Args parse(String text, boolean closed) {
            Args a = new Args();
            int i = a.fd(text);
            int dataArg = text.startsWith(", ", i) ? i + 2 : -1; // the argument after the fd
            int depth = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '"') {
                    boolean wanted = i == dataArg || text.startsWith("iov_base=", i - "iov_base=".length());
                    i = a.string(text, i, wanted);
                    continue;
                }
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ']' || c == '}') {
                    depth--;
                } else if (c == ')') {
                    if (depth == 0) {
                        a.end = i;
                        return a;
                    }
                    depth--;
                }
                i++;
            }
            if (closed) {
                throw new IllegalArgumentException("no ')' closes the arguments: " + text);
            }
            a.end = text.length();
            return a;
        }

        /** Reads a leading "12" or "12<target>"; returns the index after it. */
        private int fd(String text) {
            int i = 0;
            while (i < text.length() && (Character.isDigit(text.charAt(i)) || (i == 0 && text.charAt(i) == '-'))) {
                i++;
            }
            if (i == 0 || (i == 1 && text.charAt(0) == '-')) {
                return 0;
            }
            fd = Integer.parseInt(text.substring(0, i));
            if (i < text.length() && text.charAt(i) == '<') {
                int brackets = 0;
                int j = i + 1;
                for (; j < text.length(); j++) {
                    char c = text.charAt(j);
                    if (c == '[') {
                        brackets++;
                    } else if (c == ']') {
                        brackets--;
                    } else if (c == '>' && brackets == 0) {
                        break;
                    }
                }
                fdTarget = text.substring(i + 1, Math.min(j, text.length()));
                i = Math.min(j + 1, text.length());
            }
            return i;
        }

        /** Reads the C-style string starting at the quote at {@code start}; returns the index after it. */
        private int string(String text, int start, boolean keep) {
            int i = start + 1;
            while (i < text.length() && text.charAt(i) != '"') {
                char c = text.charAt(i);
                int b;
                if (c != '\\') {
                    b = c;
                    i++;
                } else {
                    char e = text.charAt(i + 1);
                    i += 2;
                    switch (e) {
                        case 'n' -> b = '\n';
                        case 't' -> b = '\t';
                        case 'r' -> b = '\r';
                        case 'v' -> b = 0x0b;
                        case 'f' -> b = '\f';
                        case 'x' -> {
                            b = Integer.parseInt(text.substring(i, i + 2), 16);
                            i += 2;
                        }
                        default -> {
                            if (e >= '0' && e <= '7') { // up to three octal digits
                                b = e - '0';
                                for (int k = 0; k < 2 && i < text.length() && text.charAt(i) >= '0'
                                        && text.charAt(i) <= '7'; k++, i++) {
                                    b = b * 8 + (text.charAt(i) - '0');
                                }
                            } else {
                                b = e; // \" \\ \'
                            }
                        }
                    }
                }
                if (keep) {
                    data.write(b);
                }
            }
            i++; // the closing quote
            if (text.startsWith("...", i)) {
                truncated |= keep;
                i += 3;
            }
            return i;
        }
    }
}
