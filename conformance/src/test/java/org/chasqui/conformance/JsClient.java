package org.chasqui.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JavaScript client of conformance/web run as a child process. It reports each step of its
 * scenario as one stdout line ({@code ONLINE <jid>}, {@code SUBSCRIBED <node>}, …, {@code DONE} or
 * {@code ERROR <reason>}); the test reads them in order with {@link #next}. Its stderr (the
 * browser's console, Node's warnings) goes to a file whose end is quoted in every failure.
 */
final class JsClient implements AutoCloseable {

    private static final String END_OF_OUTPUT = "\u0000end of output";

    private final String name;
    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private JsClient(String name, Process process, Path stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::readStdout, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code command} in {@code directory}; stderr goes to {@code logDir/<name>.stderr.log}. */
    static JsClient start(String name, Path directory, Path logDir, List<String> command) throws IOException {
        Files.createDirectories(logDir);
        Path stderr = logDir.resolve(name + ".stderr.log");
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectError(stderr.toFile())
                .start();
        process.getOutputStream().close(); // the clients read no input
        return new JsClient(name, process, stderr);
    }

    /** The next step line; an {@code ERROR} line, the end of output or the timeout fails the test. */
    String next(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw failure("no line within " + timeout.toSeconds() + " s");
        }
        if (line.equals(END_OF_OUTPUT)) {
            lines.add(END_OF_OUTPUT);
            throw failure("output ended");
        }
        seen.add(line);
        if (line.startsWith("ERROR")) {
            throw failure("reported " + line);
        }
        return line;
    }

    /** The next line, which must start with {@code prefix}; returns the rest of it. */
    String expect(String prefix, Duration timeout) throws InterruptedException {
        String line = next(timeout);
        if (!line.startsWith(prefix)) {
            throw failure("expected a line starting with '" + prefix + "', got '" + line + "'");
        }
        return line.substring(prefix.length());
    }

    /** Waits for the process to end and returns its exit code. */
    int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw failure("still running after " + timeout.toSeconds() + " s");
        }
        return process.exitValue();
    }

    /** An assertion error naming the client, the lines it printed and the end of its stderr. */
    AssertionError failure(String what) {
        return new AssertionError(name + ": " + what + "\nstdout so far: " + seen + "\nstderr ("
                + stderr + "), last lines:\n" + tail(stderr, 40));
    }

    @Override
    public void close() {
        // Chromium runs as the Node script's children: end them too, not only the script.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readStdout() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("ERROR reading the client's output: " + e);
        } finally {
            lines.add(END_OF_OUTPUT);
        }
    }

    static String tail(Path file, int maxLines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - maxLines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
