package org.chasqui.persistence.log;

import java.nio.file.Path;
import java.util.List;

/**
 * What an offline check of one journal directory found ({@link ChronicleLog#verify}).
 *
 * @param journal  the journal's name, as in its FORMAT marker
 * @param dir      its directory
 * @param present  false when the directory does not exist (a journal never written: not a problem)
 * @param records  records readable from the start, in order
 * @param warnings findings that do not lose an acknowledged record (a torn tail the next start clears)
 * @param problems findings that do: damage, unreadable records, a foreign format
 */
public record JournalReport(String journal, Path dir, boolean present, long records,
        List<String> warnings, List<String> problems) {

    public JournalReport {
        warnings = List.copyOf(warnings);
        problems = List.copyOf(problems);
    }

    public boolean sound() {
        return problems.isEmpty();
    }
}
