package org.chasqui.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The ratchet: the tests that must pass (one id per line, {@code #} starts a comment). A listed test
 * that fails or does not run is a regression; a passing test that is not listed is reported so it
 * can be added.
 */
final class Expectations {

    private final Set<String> mustPass;

    private Expectations(Set<String> mustPass) {
        this.mustPass = mustPass;
    }

    static Expectations load(String resource) throws IOException {
        try (InputStream in = Expectations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            Set<String> ids = new LinkedHashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int hash = line.indexOf('#');
                String id = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!id.isEmpty() && !ids.add(id)) {
                    throw new IOException(resource + ": " + id + " is listed twice");
                }
            }
            return new Expectations(ids);
        }
    }

    /** The comparison of one run with this list. */
    record Verdict(List<String> regressions, List<String> newPasses) {
    }

    /** The same list without the tests {@code keep} rejects (for a run of part of the suite). */
    Expectations restrictTo(Predicate<String> keep) {
        Set<String> kept = new LinkedHashSet<>();
        mustPass.stream().filter(keep).forEach(kept::add);
        return new Expectations(kept);
    }

    boolean mustPass(String id) {
        return mustPass.contains(id);
    }

    /**
     * Compares a run with the list. A listed test that did not pass is a regression unless
     * {@code excused} accepts its outcome; a test the run did not include at all is one too.
     */
    Verdict check(List<SinttestOutcome> outcomes, Predicate<SinttestOutcome> excused) {
        Map<String, SinttestOutcome> byId = outcomes.stream()
                .collect(Collectors.toMap(SinttestOutcome::id, Function.identity()));
        List<String> regressions = new ArrayList<>();
        for (String id : mustPass) {
            SinttestOutcome o = byId.get(id);
            if (o == null) {
                regressions.add(id + ": expected to pass, but sinttest has no such test");
            } else if (o.status() != SinttestOutcome.Status.PASS && !excused.test(o)) {
                regressions.add(id + ": expected to pass, but " + o.status() + ": " + o.reason());
            }
        }
        List<String> newPasses = outcomes.stream()
                .filter(o -> o.status() == SinttestOutcome.Status.PASS && !mustPass.contains(o.id()))
                .map(SinttestOutcome::id)
                .toList();
        return new Verdict(regressions, newPasses);
    }
}
