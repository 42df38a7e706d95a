package org.chasqui.broker.durability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.chasqui.broker.cli.Main;
import org.chasqui.broker.config.TlsConfig;
import org.chasqui.broker.tls.TlsMaterial;

/**
 * A Chasqui server in a child JVM ({@code chasqui run --config FILE}) on the test's class path, with
 * the Chronicle flags this JVM was started with, so that a test can kill it with SIGKILL
 * ({@link Process#destroyForcibly()}) as a crash would, and start another on the same data; or run
 * it under a launcher such as strace.
 */
final class ChildServer implements AutoCloseable {

    private static final long START_TIMEOUT_MS = 60_000;

    private final Process process;
    private final boolean launched; // process is a launcher whose child is the server's JVM
    private final int port;
    private final Path dataDir;
    private final Path log;

    private ChildServer(Process process, boolean launched, int port, Path dataDir, Path log) {
        this.process = process;
        this.launched = launched;
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
    }

    /** How clients reach the child's c2s port. */
    enum Security {
        /** The default: STARTTLS, required before authentication. */
        STARTTLS_REQUIRED,
        /**
         * The loopback benchmark mode ({@code TestServer.startPlainWithoutTls}): no TLS required, SASL
         * PLAIN offered on a stream without TLS, so what crosses the socket is readable XML.
         */
        PLAIN_WITHOUT_TLS
    }

    /**
     * Starts a server on {@code dataDir} with {@code durability} ("process" or "os"), taking a snapshot
     * every second and keeping one, so that a kill may land in a snapshot, its pruning or compaction;
     * returns once it listens.
     */
    static ChildServer start(Path dataDir, Path workDir, String durability, String name) throws Exception {
        return start(dataDir, workDir, durability, name, Security.STARTTLS_REQUIRED, List.of(),
                List.of("snapshots:", "  interval_seconds: 1", "  keep: 1"));
    }

    /**
     * As {@link #start(Path, Path, String, String)}, reached as {@code security} says, its JVM run by
     * {@code launcher} (a command and its arguments in front of {@code java}, e.g. strace; empty for
     * none). The launcher must run the JVM as its child and end when the JVM ends.
     */
    static ChildServer start(Path dataDir, Path workDir, String durability, String name, Security security,
            List<String> launcher) throws Exception {
        return start(dataDir, workDir, durability, name, security, launcher, List.of());
    }

    /** As above, with {@code extraConfig} (top-level YAML lines) appended to the configuration. */
    static ChildServer start(Path dataDir, Path workDir, String durability, String name, Security security,
            List<String> launcher, List<String> extraConfig) throws Exception {
        int port = freePort();
        Path config = workDir.resolve(name + ".yaml");
        List<String> lines = new ArrayList<>(List.of(
                "domain: localhost",
                "data_dir: '" + dataDir + "'",
                "c2s:",
                "  bind_address: 127.0.0.1",
                "  starttls_port: " + port,
                "  direct_tls_port: -1"));
        if (security == Security.PLAIN_WITHOUT_TLS) {
            lines.addAll(List.of("  require_tls: false", "  allow_plain_without_tls: true"));
        }
        lines.addAll(List.of(
                // the HTTP listeners' default ports are fixed (5280, 5443): another build's child
                // server, or a chasqui run on this machine, would make the start fail
                "http:",
                "  port: -1",
                "  tls_port: -1",
                "pubsub:",
                "  max_items_per_node: 1000000",
                "server:",
                "  shutdown_grace_seconds: 0",
                "storage:",
                "  durability: " + durability));
        lines.addAll(extraConfig);
        lines.add("");
        Files.writeString(config, String.join("\n", lines), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(chronicleFlags());
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--config", config.toString()));
        Path log = workDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ChildServer child = new ChildServer(process, !launcher.isEmpty(), port, dataDir, log);
        child.awaitListening();
        return child;
    }

    /** The flags Chronicle needs, as surefire's argLine gave them to this JVM. */
    private static List<String> chronicleFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle.")
                        || a.startsWith("--enable-native-access") || a.startsWith("--sun-misc-unsafe-memory-access"))
                .toList();
    }

    private void awaitListening() throws Exception {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("the server did not listen within " + START_TIMEOUT_MS + " ms:\n" + log());
    }

    int port() {
        return port;
    }

    /** Trusts exactly the certificate the server generated into its data directory. */
    SSLContext sslContext() throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("chasqui", TlsMaterial.load(TlsConfig.DEFAULTS, dataDir, "localhost").certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** SIGKILL: no shutdown hook, no flush, no close; then waits for the process (and its launcher) to be gone. */
    void kill() throws InterruptedException {
        jvm().ifPresent(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * SIGTERM to the server's JVM: the shutdown hook stops the server cleanly. Returns once the JVM
     * and its launcher have ended (a launcher such as strace has then written all its output).
     */
    void stop() throws InterruptedException {
        Optional<ProcessHandle> jvm = jvm();
        if (jvm.isEmpty()) { // already gone
            process.waitFor(30, TimeUnit.SECONDS);
            return;
        }
        jvm.get().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** The server's JVM: the process, or the launcher's child; empty once it has ended. */
    private Optional<ProcessHandle> jvm() {
        if (!launched) {
            return process.isAlive() ? Optional.of(process.toHandle()) : Optional.empty();
        }
        return process.children().findFirst();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
