package org.chasqui.conformance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.chasqui.conformance.SinttestCatalog.TestCase;
import org.igniterealtime.smack.inttest.Configuration;
import org.igniterealtime.smack.inttest.FailedTest;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.ConcreteTest;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.TestRunResult;
import org.igniterealtime.smack.inttest.SuccessfulTest;
import org.igniterealtime.smack.inttest.TestNotPossible;

/**
 * Runs sinttest over a set of tests and gives one outcome per test, even when a test aborts the run.
 *
 * <p>sinttest 4.5.0-beta5 stops the whole run when a test (or a test class constructor) throws an
 * unexpected runtime exception or a {@code NoResponseException}. This runner then keeps what had
 * finished, records the test that was running as failed, and runs the framework again over the
 * tests that are left. A run is selected with the framework's {@code enabledTests}, naming methods
 * ({@code Class.method}); its {@code disabledTests} cannot be used for that, as a disabled
 * {@code Class.method} disables the whole class.
 */
final class SinttestRunner {

    /** Builds the framework configuration for one pass over the given tests. */
    @FunctionalInterface
    interface ConfigurationFactory {
        Configuration create(Collection<String> enabledTests, Collection<String> testPackages) throws Exception;
    }

    private static final Logger FRAMEWORK_LOG = Logger.getLogger(SmackIntegrationTestFramework.class.getName());
    private static final int MAX_REASON_LENGTH = 400;
    /** Thrown by sinttest when a test needs one more account and registration is off. */
    private static final String NO_REGISTRATION = "Account registration not configured";

    private final ConfigurationFactory configurations;
    private final StartedTestRecorder started = new StartedTestRecorder();

    SinttestRunner(ConfigurationFactory configurations) {
        this.configurations = configurations;
    }

    /**
     * Runs {@code cases} except those in {@code excluded} (test id or simple class name to the reason
     * it is not run), and returns one outcome for each case, in the order of {@code cases}.
     */
    List<SinttestOutcome> run(List<TestCase> cases, Map<String, String> excluded) throws Exception {
        Map<String, SinttestOutcome> outcomes = new LinkedHashMap<>();
        Map<String, TestCase> pending = new LinkedHashMap<>();
        for (TestCase c : cases) {
            String reason = excluded.getOrDefault(c.id(), excluded.get(c.testClass().getSimpleName()));
            if (reason != null) {
                outcomes.put(c.id(), SinttestOutcome.skip(c.id(), "excluded from the run: " + reason));
            } else {
                pending.put(c.id(), c);
            }
        }
        FRAMEWORK_LOG.addHandler(started);
        try {
            while (!pending.isEmpty()) {
                int before = pending.size();
                passOnce(pending, outcomes);
                if (pending.size() == before) {
                    for (TestCase c : pending.values()) {
                        outcomes.put(c.id(), SinttestOutcome.skip(c.id(), "sinttest did not run it"));
                    }
                    pending.clear();
                }
            }
        } finally {
            FRAMEWORK_LOG.removeHandler(started);
        }
        List<SinttestOutcome> ordered = new ArrayList<>();
        for (TestCase c : cases) {
            ordered.add(outcomes.get(c.id()));
        }
        return ordered;
    }

    /** One framework run over {@code pending}; removes from it every test that got an outcome. */
    private void passOnce(Map<String, TestCase> pending, Map<String, SinttestOutcome> outcomes) throws Exception {
        Set<String> enabled = new TreeSet<>();
        Set<String> packages = new TreeSet<>();
        for (TestCase c : pending.values()) {
            enabled.add(c.qualifiedName());
            packages.add(c.testClass().getPackageName());
        }
        RecordingFramework framework = new RecordingFramework(configurations.create(enabled, packages));
        started.reset();
        Throwable abort = null;
        try {
            framework.run();
        } catch (Exception | AssertionError e) {
            abort = e;
        }
        TestRunResult result = framework.result();
        if (result != null) {
            collect(result, pending, outcomes);
        }
        if (abort == null) {
            return;
        }
        ConcreteTest running = started.last();
        if (running != null && pending.containsKey(idOf(running))) {
            String id = idOf(running);
            outcomes.put(id, abortOutcome(id, abort, "threw out of the test, which aborted the sinttest run: "));
            pending.remove(id);
            return;
        }
        Optional<Class<?>> setupClass = classInStackTrace(abort, pending.values());
        if (setupClass.isPresent()) {
            for (TestCase c : List.copyOf(pending.values())) {
                if (c.testClass() == setupClass.get()) {
                    outcomes.put(c.id(), abortOutcome(c.id(), abort, "the test class's set-up aborted the run: "));
                    pending.remove(c.id());
                }
            }
            return;
        }
        for (TestCase c : pending.values()) {
            outcomes.put(c.id(), SinttestOutcome.fail(c.id(), "sinttest run aborted before it: " + describe(abort), 0));
        }
        pending.clear();
    }

    private static void collect(TestRunResult result, Map<String, TestCase> pending,
            Map<String, SinttestOutcome> outcomes) {
        for (SuccessfulTest t : List.copyOf(result.getSuccessfulTests())) {
            put(SinttestOutcome.pass(idOf(t.concreteTest), t.duration), pending, outcomes);
        }
        for (FailedTest t : List.copyOf(result.getFailedTests())) {
            put(SinttestOutcome.fail(idOf(t.concreteTest), describe(t.failureReason), t.duration), pending, outcomes);
        }
        for (TestNotPossible t : List.copyOf(result.getNotPossibleTests())) {
            put(SinttestOutcome.skip(idOf(t.concreteTest), "not possible: " + describe(t.testNotPossibleException)),
                    pending, outcomes);
        }
        result.getImpossibleTestClasses().forEach((testClass, why) -> {
            for (TestCase c : List.copyOf(pending.values())) {
                if (c.testClass() == testClass) {
                    put(SinttestOutcome.skip(c.id(), "test class not possible: " + describe(why)), pending, outcomes);
                }
            }
        });
    }

    private static void put(SinttestOutcome o, Map<String, TestCase> pending, Map<String, SinttestOutcome> outcomes) {
        outcomes.put(o.id(), o);
        pending.remove(o.id());
    }

    private static SinttestOutcome abortOutcome(String id, Throwable abort, String context) {
        String reason = describe(abort);
        if (reason.contains(NO_REGISTRATION)) {
            return SinttestOutcome.skip(id, SinttestOutcome.NEEDS_MORE_ACCOUNTS + " (" + reason + ")");
        }
        return SinttestOutcome.fail(id, context + reason, 0);
    }

    /** The first pending test class whose code is on the stack of {@code t} or of its causes. */
    private static Optional<Class<?>> classInStackTrace(Throwable t, Collection<TestCase> pending) {
        for (Throwable e = t; e != null; e = e.getCause()) {
            for (StackTraceElement frame : e.getStackTrace()) {
                for (TestCase c : pending) {
                    if (c.testClass().getName().equals(frame.getClassName())) {
                        return Optional.of(c.testClass());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String idOf(ConcreteTest t) {
        return SinttestCatalog.idOf(t.getMethod().getDeclaringClass(), t.getMethod().getName());
    }

    /** One line: the exception and its causes, shortened. */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable e = t; e != null && sb.length() < MAX_REASON_LENGTH; e = e.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(e.getClass().getSimpleName());
            if (e.getMessage() != null) {
                sb.append(": ").append(e.getMessage().replaceAll("\\s+", " ").strip());
            }
            if (e.getCause() == e) {
                break;
            }
        }
        return sb.length() > MAX_REASON_LENGTH ? sb.substring(0, MAX_REASON_LENGTH) + "…" : sb.toString();
    }

    /** Exposes the partial result the framework keeps when a run aborts. */
    private static final class RecordingFramework extends SmackIntegrationTestFramework {
        RecordingFramework(Configuration configuration) {
            super(configuration);
        }

        TestRunResult result() {
            return testRunResult;
        }
    }

    /**
     * Remembers the test the framework last started: it logs "<test> Start" on the test's thread
     * right after making it the test under execution, which it forgets again before an abort.
     */
    private static final class StartedTestRecorder extends Handler {
        private volatile ConcreteTest last;

        StartedTestRecorder() {
            setLevel(Level.ALL);
        }

        void reset() {
            last = null;
        }

        ConcreteTest last() {
            return last;
        }

        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (message != null && message.endsWith(" Start")) {
                ConcreteTest current = SmackIntegrationTestFramework.getTestUnderExecution();
                if (current != null) {
                    last = current;
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
