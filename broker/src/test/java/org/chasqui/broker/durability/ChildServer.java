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
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.chasqui.broker.cli.Main;
import org.chasqui.broker.config.TlsConfig;
import org.chasqui.broker.tls.TlsMaterial;

/**
 * A Chasqui server in a child JVM ({@code chasqui run --config FILE}) on the test's class path, with
 * the Chronicle flags this JVM was started with, so that a test can kill it with SIGKILL
 * ({@link Process#destroyForcibly()}) as a crash would, and start another on the same data.
 */
final class ChildServer implements AutoCloseable {

    private static final long START_TIMEOUT_MS = 60_000;

    private final Process process;
    private final int port;
    private final Path dataDir;
    private final Path log;

    private ChildServer(Process process, int port, Path dataDir, Path log) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
    }

    /** Starts a server on {@code dataDir} with {@code durability} ("process" or "os"); returns once it listens. */
    static ChildServer start(Path dataDir, Path workDir, String durability, String name) throws Exception {
        int port = freePort();
        Path config = workDir.resolve(name + ".yaml");
        Files.writeString(config, String.join("\n",
                "domain: localhost",
                "data_dir: '" + dataDir + "'",
                "c2s:",
                "  bind_address: 127.0.0.1",
                "  starttls_port: " + port,
                "  direct_tls_port: -1",
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
                "  durability: " + durability,
                ""), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(chronicleFlags());
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--config", config.toString()));
        Path log = workDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ChildServer child = new ChildServer(process, port, dataDir, log);
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

    /** SIGKILL: no shutdown hook, no flush, no close; then waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the shutdown hook stops the server cleanly. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
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
