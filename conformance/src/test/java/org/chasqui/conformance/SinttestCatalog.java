package org.chasqui.conformance;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.igniterealtime.smack.inttest.AbstractSmackIntTest;
import org.igniterealtime.smack.inttest.AbstractSmackIntegrationTest;
import org.igniterealtime.smack.inttest.AbstractSmackLowLevelIntegrationTest;
import org.igniterealtime.smack.inttest.annotations.SmackIntegrationTest;
import org.reflections.Reflections;
import org.reflections.scanners.SubTypesScanner;

/**
 * Every sinttest test on the class path, found the way the framework finds them (its default
 * packages, non-abstract subclasses of its base classes, methods annotated
 * {@link SmackIntegrationTest}), so that a test that never ran can still be named and counted.
 */
final class SinttestCatalog {

    /** The framework's default test packages (SmackIntegrationTestFramework#run). */
    static final String[] PACKAGES = {
        "org.jivesoftware.smackx", "org.jivesoftware.smack", "org.igniterealtime.smackx", "org.igniterealtime.smack",
    };

    /** The framework's own unit-test fixtures, which it skips too. */
    private static final String FIXTURE_PACKAGE = "org.igniterealtime.smack.inttest.unittest";

    /** One test method of one test class. */
    record TestCase(Class<? extends AbstractSmackIntTest> testClass, Method method) {

        String id() {
            return idOf(testClass, method.getName());
        }

        /** The form the framework's {@code enabledTests} setting takes. */
        String qualifiedName() {
            return testClass.getName() + '.' + method.getName();
        }
    }

    private SinttestCatalog() {
    }

    static String idOf(Class<?> testClass, String method) {
        return testClass.getSimpleName() + '.' + method;
    }

    static List<TestCase> scan() {
        Reflections reflections = new Reflections(PACKAGES, new SubTypesScanner());
        List<Class<? extends AbstractSmackIntTest>> classes = new ArrayList<>();
        classes.addAll(reflections.getSubTypesOf(AbstractSmackIntegrationTest.class));
        classes.addAll(reflections.getSubTypesOf(AbstractSmackLowLevelIntegrationTest.class));
        List<TestCase> cases = new ArrayList<>();
        for (Class<? extends AbstractSmackIntTest> c : Set.copyOf(classes)) {
            if (Modifier.isAbstract(c.getModifiers()) || c.getName().startsWith(FIXTURE_PACKAGE)) {
                continue;
            }
            for (Method m : c.getMethods()) {
                if (m.isAnnotationPresent(SmackIntegrationTest.class)) {
                    cases.add(new TestCase(c, m));
                }
            }
        }
        cases.sort(Comparator.comparing(TestCase::id));
        return cases;
    }
}
