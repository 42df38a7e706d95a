package org.chasqui.broker.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.accounts.AccountService;
import org.chasqui.broker.durability.ChildServer.Security;
import org.chasqui.broker.durability.StraceParser.Syscall;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code storage.durability: os} seen at the OS boundary, on real traffic: the server runs in a child
 * JVM under {@code strace}, a client publishes pubsub items over plain TCP (no TLS, so the XML is
 * readable in the trace), {@value #ONE_AT_A_TIME} one at a time and then {@value #BURST} sent in one
 * write (several appends waiting together: group commit), and the trace is checked.
 *
 * <p><b>What is asserted</b>, for every publish: on the client's socket, let R be the receive that
 * brought the last byte of the publish request ({@code </iq>}) and W the send that took the first byte
 * of its IQ result. Then at {@code os} a call {@code fdatasync} or {@code fsync} on a cycle file of the
 * pubsub journal ({@code data_dir/pubsub/*.cq4}) returned 0 after R returned and before W started, and
 * at {@code process} (the control, so the check cannot pass for another reason) there is no such call.
 * "After" and "before" are the order of strace's lines ({@link StraceParser}): strace handles a call's
 * entry while its thread is stopped before the call runs and its return after it ran, so a force whose
 * return line comes before W's start line had finished in the kernel before W began to send, whatever
 * the threads. The force starting after R returned means it cannot be one that ran before the request
 * had even arrived.
 *
 * <p><b>What it cannot show.</b> The record itself is written into a memory-mapped file, with no system
 * call, so the trace cannot tell which force covered which record: in the burst, a reply whose record
 * was in a later group than the force before it would still pass here; {@code DurabilityTest}
 * (persistence) checks the grouping itself. And a force returning is the OS's word; whether the disk
 * keeps what it acknowledged through a power cut is not tested anywhere.
 *
 * <p>strace must be on the machine: {@code src/test/scripts/install-strace.sh} installs it with apt-get
 * when missing (as root, as on CI). The test is skipped only when strace cannot be had or ptrace is
 * not permitted.
 */
class FsyncBeforeReplyTest {

    static final int ONE_AT_A_TIME = 10;
    static final int BURST = 20;
    private static final String USER = "publisher";
    private static final String PASSWORD = "fsync test 1";
    private static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    private static final String NODE = "traced";
    private static final Path INSTALL = Path.of("src/test/scripts/install-strace.sh").toAbsolutePath();
    private static final int INSTALL_TIMEOUT_MINUTES = 15;
    /**
     * What the checks need: socket receives and sends, and forces. The server's epoll transport
     * receives with recvfrom; {@code read} is traced only if it will use NIO (read), since tracing it
     * also dumps every class file the JVM loads, some 25 MB of trace.
     */
    private static final String CALLS = String.join(",", Epoll.isAvailable()
                    ? TracedConnection.RECEIVES.stream().filter(c -> !c.equals("read")).toList()
                    : TracedConnection.RECEIVES)
            + "," + String.join(",", TracedConnection.SENDS) + ",fdatasync,fsync";

    /** strace and its options before {@code -o FILE}; set by {@link #needsStrace()}. */
    private static List<String> strace;

    @TempDir
    Path work;

    /** One publish as the trace shows it: R and W as in the class comment, and the forces between. */
    private record Exchange(String id, Syscall request, Syscall reply, List<Syscall> forcesBetween) {
    }

    /** A traced run: each publish, and the trace file. */
    private record Run(List<Exchange> exchanges, List<Syscall> forces, Path trace) {

        /** Copies the trace out of the temporary directory, for a failure's message. */
        String kept() {
            Path dir = Path.of("target", "fsync-before-reply");
            try {
                Files.createDirectories(dir);
                Path copy = Files.copy(trace, dir.resolve(trace.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                return "trace kept in " + copy.toAbsolutePath() + " (line numbers from 1)";
            } catch (IOException e) {
                return "trace not kept: " + e;
            }
        }
    }

    @BeforeAll
    static void needsStrace() throws Exception {
        Path log = Files.createTempFile("install-strace", ".log");
        Process install = new ProcessBuilder("bash", INSTALL.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        install.getOutputStream().close();
        if (!install.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            install.descendants().forEach(ProcessHandle::destroyForcibly);
            install.destroyForcibly();
            fail(INSTALL + " still running after " + INSTALL_TIMEOUT_MINUTES + " min:\n" + Files.readString(log));
        }
        String output = Files.readString(log).strip();
        Files.delete(log);
        assumeTrue(install.exitValue() != 3, output);
        assertThat(install.exitValue()).as("%s failed:\n%s", INSTALL, output).isZero();
        System.out.println(output);

        // --seccomp-bpf stops the threads only at the traced calls (strace 5.3+); without it, at all
        List<String> refusals = new ArrayList<>();
        for (List<String> filter : List.of(List.of("--seccomp-bpf"), List.<String>of())) {
            List<String> command = new ArrayList<>(List.of("strace", "-f", "-qq"));
            command.addAll(filter);
            command.addAll(List.of("-e", "trace=write", "-o", "/dev/null", "true"));
            Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
            String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (probe.waitFor() == 0) {
                strace = new ArrayList<>(List.of("strace", "-f", "-qq", "-ttt", "-y", "-s", "65536",
                        "-e", "signal=none", "-e", "trace=" + CALLS));
                strace.addAll(filter);
                return;
            }
            refusals.add(String.join(" ", command) + ": " + said);
        }
        String why = String.join("\n", refusals);
        assumeTrue(!why.contains("ptrace") && !why.contains("Operation not permitted"),
                "strace cannot trace here (ptrace not permitted):\n" + why);
        fail("strace does not run:\n" + why);
    }

    @Test
    void atOsEveryReplyLeavesOnlyAfterAForceOfThePubsubJournalThatFollowedItsRequest() throws Exception {
        long started = System.nanoTime();
        Run run = publishTraced("os");
        List<Exchange> exchanges = run.exchanges();

        List<String> unforced = exchanges.stream().filter(e -> e.forcesBetween().isEmpty())
                .map(FsyncBeforeReplyTest::describe).toList();
        assertThat(unforced).as(() -> "publishes answered at 'os' without a force of the pubsub journal between "
                + "their request and their reply (a real bug: the reply can outrun the disk); " + run.kept()).isEmpty();

        // group commit, reported only: how many groups a burst makes depends on timing
        List<Exchange> burst = exchanges.subList(ONE_AT_A_TIME, exchanges.size());
        int firstRead = burst.stream().mapToInt(e -> e.request().endLine()).min().orElseThrow();
        int lastReply = burst.stream().mapToInt(e -> e.reply().startLine()).max().orElseThrow();
        long burstForces = run.forces().stream().filter(f -> f.startLine() > firstRead && f.endLine() < lastReply).count();
        System.out.printf("os: each of %d publishes answered after a force of the pubsub journal that began after "
                + "its request; the burst of %d: %d forces from its first request read to its last reply; %d ms%n",
                exchanges.size(), BURST, burstForces, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @Test
    void atProcessNoForceComesBetweenARequestAndItsReply() throws Exception {
        long started = System.nanoTime();
        Run run = publishTraced("process");
        List<Exchange> exchanges = run.exchanges();

        List<String> forced = exchanges.stream().filter(e -> !e.forcesBetween().isEmpty())
                .map(FsyncBeforeReplyTest::describe).toList();
        assertThat(forced).as(() -> "at 'process' nothing forces the journal; " + run.kept()).isEmpty();
        System.out.printf("process: none of %d publishes had a force of the pubsub journal between request and "
                + "reply (%d forces of it in the whole run); %d ms%n", exchanges.size(), run.forces().size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Runs a traced server at {@code durability}, publishes, stops it and reads the trace. */
    private Run publishTraced(String durability) throws Exception {
        Path data = work.resolve("data");
        try (AccountService accounts = AccountService.open(ChasquiServer.accountsDir(data), 4096)) {
            accounts.create(USER, PASSWORD).join();
        }
        Path trace = work.resolve("strace-" + durability + ".txt");
        List<String> launcher = new ArrayList<>(strace);
        launcher.addAll(List.of("-o", trace.toString()));
        List<String> ids = IntStream.range(0, ONE_AT_A_TIME + BURST).mapToObj(i -> String.format("pub-%02d", i)).toList();
        try (ChildServer child = ChildServer.start(data, work, durability, "server-" + durability,
                Security.PLAIN_WITHOUT_TLS, launcher)) {
            RawXmppClient client = RawXmppClient.connect(USER, child.port());
            client.openStreamAndExpectFeatures();
            client.authenticatePlain(USER, PASSWORD);
            client.bind("traced");
            client.send("<iq type='set' to='pubsub.localhost' id='create'><pubsub xmlns='" + PUBSUB + "'>"
                    + "<create node='" + NODE + "'/></pubsub></iq>");
            expectResults(client, Set.of("create"));
            for (String id : ids.subList(0, ONE_AT_A_TIME)) {
                client.send(publish(id));
                expectResults(client, Set.of(id));
            }
            List<String> burst = ids.subList(ONE_AT_A_TIME, ids.size());
            client.send(burst.stream().map(FsyncBeforeReplyTest::publish).collect(Collectors.joining()));
            expectResults(client, new HashSet<>(burst));
            client.closeStream();
            client.close();
            child.stop(); // strace has written everything once the JVM it runs has ended
        }
        List<Syscall> calls = StraceParser.parse(Files.readAllLines(trace, StandardCharsets.ISO_8859_1));
        List<Syscall> forces = forcesOfCycleFiles(calls, ChasquiServer.pubsubDir(data).toRealPath());
        return new Run(exchanges(calls, ids, forces), forces, trace);
    }

    private static String publish(String id) {
        return "<iq type='set' to='pubsub.localhost' id='" + id + "'><pubsub xmlns='" + PUBSUB + "'>"
                + "<publish node='" + NODE + "'><item id='item-" + id + "'><entry xmlns='urn:chasqui:test:fsync'>"
                + id + "</entry></item></publish></pubsub></iq>";
    }

    /** Waits for an IQ result for each id, in any order. */
    private static void expectResults(RawXmppClient client, Set<String> ids) {
        Set<String> waiting = new HashSet<>(ids);
        while (!waiting.isEmpty()) {
            Element iq = client.expectStanza("iq");
            assertThat(iq.attribute("type")).as(iq.toString()).isEqualTo("result");
            assertThat(waiting.remove(iq.attribute("id"))).as("an answer to %s", iq).isTrue();
        }
    }

    /** The calls fdatasync and fsync that returned 0 on a cycle file of the journal in {@code dir}. */
    private static List<Syscall> forcesOfCycleFiles(List<Syscall> calls, Path dir) {
        return calls.stream()
                .filter(c -> (c.name().equals("fdatasync") || c.name().equals("fsync")) && c.returned()
                        && c.result().getAsLong() == 0 && isCycleFile(c.fdTarget(), dir))
                .toList();
    }

    /** Finds each publish's request, reply and, among {@code forces}, those between them. */
    private static List<Exchange> exchanges(List<Syscall> calls, List<String> ids, List<Syscall> forces) {
        String first = "id='" + ids.get(0) + "'";
        List<TracedConnection> candidates = TracedConnection.bySocket(calls).values().stream()
                .filter(c -> c.received().contains(first)).toList();
        assertThat(candidates).as("the client's socket: the one that received %s", first).hasSize(1);
        TracedConnection client = candidates.get(0);
        List<Exchange> out = new ArrayList<>();
        for (String id : ids) {
            String attribute = "id='" + id + "'";
            int inRequest = client.received().indexOf(attribute);
            assertThat(inRequest).as("request %s in what the server received", id).isNotNegative();
            int requestEnd = client.received().indexOf("</iq>", inRequest) + "</iq>".length();
            Syscall request = client.receiveCarrying(requestEnd - 1);

            int inReply = client.sent().indexOf(attribute);
            assertThat(inReply).as("reply to %s in what the server sent", id).isNotNegative();
            int replyStart = client.sent().lastIndexOf('<', inReply);
            String tag = client.sent().substring(replyStart, client.sent().indexOf('>', inReply) + 1);
            assertThat(tag).as("the reply to %s", id).startsWith("<iq ").contains("type='result'");
            Syscall reply = client.sendCarrying(replyStart);

            List<Syscall> between = forces.stream()
                    .filter(f -> f.startLine() > request.endLine() && f.endLine() < reply.startLine()).toList();
            out.add(new Exchange(id, request, reply, between));
        }
        return out;
    }

    /** A Chronicle cycle file directly in the pubsub journal's directory, as {@code strace -y} names it. */
    private static boolean isCycleFile(String target, Path pubsubDir) {
        Path p = Path.of(target);
        return p.getFileName() != null && p.getFileName().toString().endsWith(".cq4") && pubsubDir.equals(p.getParent());
    }

    private static String describe(Exchange e) {
        return String.format("%s: request %s, reply %s, forces between %s", e.id(), e.request(), e.reply(),
                e.forcesBetween());
    }
}
