package org.chasqui.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After its writer failed once, a journal takes no more appends: the owner applied the failed change
 * in memory, so anything appended after it would describe a state the journal cannot rebuild.
 */
class WriterFailureTest {

    @TempDir
    Path dir;

    private static CompletableFuture<Void> append(ChronicleLog log, String text) {
        return log.append(out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anAppendThatCannotBeWrittenFailsEveryLaterOneAndTellsTheOwnerOnce() throws Exception {
        List<Throwable> told = new CopyOnWriteArrayList<>();
        List<String> read = new ArrayList<>();
        try (ChronicleLog log = ChronicleLog.open(dir, "test-journal")) {
            log.onFailure(told::add);
            append(log, "before").get(10, TimeUnit.SECONDS);

            CompletableFuture<Void> broken = log.append(out -> {
                out.write("half".getBytes(StandardCharsets.UTF_8));
                throw new IllegalStateException("the codec failed");
            });
            CompletableFuture<Void> after = append(log, "after");

            assertThatThrownBy(() -> broken.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("the codec failed");
            assertThatThrownBy(() -> after.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(WriterFailure.JournalFailedException.class)
                    .hasMessageContaining("an earlier append failed");
            assertThatThrownBy(() -> append(log, "later").get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(WriterFailure.JournalFailedException.class);
            assertThatThrownBy(() -> log.position().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(WriterFailure.JournalFailedException.class);
            assertThat(told).singleElement().satisfies(t -> assertThat(t).hasMessage("the codec failed"));

            List<Throwable> late = new ArrayList<>();
            log.onFailure(late::add);
            assertThat(late).as("a listener registered after the failure is told at once").hasSize(1);
        }
        try (ChronicleLog reopened = ChronicleLog.open(dir, "test-journal");
             LogReader reader = reopened.reader()) {
            reader.readAvailable(bytes -> read.add(bytes.toString()));
            append(reopened, "after a restart").get(10, TimeUnit.SECONDS); // a restart takes appends again
        }
        assertThat(read).as("only what was appended before the failure").hasSize(1);
        assertThat(read.get(0)).contains("before");
    }
}
