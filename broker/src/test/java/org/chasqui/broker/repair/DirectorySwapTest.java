package org.chasqui.broker.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directories of a repair: names, the swap, and what a later run does after an interruption. */
class DirectorySwapTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:00Z");

    @TempDir
    Path data;

    @Test
    void namesAreStampedInUtcAndNeverTaken() throws Exception {
        Path journal = data.resolve("users");
        DirectorySwap.Names first = DirectorySwap.names(journal, NOW);
        assertThat(first.building()).isEqualTo(data.resolve("users.repairing-20261124T101500Z"));
        assertThat(first.aside()).isEqualTo(data.resolve("users.damaged-20261124T101500Z"));

        Files.createDirectories(first.aside()); // a repair earlier in the same second
        DirectorySwap.Names second = DirectorySwap.names(journal, NOW);
        assertThat(second.aside()).isEqualTo(data.resolve("users.damaged-20261124T101500Z-1"));
        assertThat(second.building()).isEqualTo(data.resolve("users.repairing-20261124T101500Z-1"));
    }

    @Test
    void theSwapKeepsTheOldDirectoryAsideAndPutsTheNewOneInPlace() throws Exception {
        Path journal = data.resolve("users");
        Files.createDirectories(journal);
        Files.writeString(journal.resolve("old"), "damaged");
        DirectorySwap.Names names = DirectorySwap.names(journal, NOW);
        Files.createDirectories(names.building().resolve("snapshots"));
        Files.writeString(names.building().resolve("new"), "rebuilt");

        DirectorySwap.swap(names);

        assertThat(journal.resolve("new")).hasContent("rebuilt");
        assertThat(journal.resolve("snapshots")).isDirectory();
        assertThat(names.aside().resolve("old")).hasContent("damaged");
        assertThat(names.building()).doesNotExist();
    }

    @Test
    void anInterruptedRebuildGoesAndAnInterruptedSwapIsFinished() throws Exception {
        Path users = data.resolve("users");
        Files.createDirectories(users);
        Path halfBuilt = data.resolve("users.repairing-20261124T101500Z");
        Files.createDirectories(halfBuilt);
        Files.writeString(halfBuilt.resolve("part"), "x");
        assertThat(DirectorySwap.finishInterrupted(users)).isEmpty();
        assertThat(halfBuilt).doesNotExist();
        assertThat(users).isDirectory();

        Path pubsub = data.resolve("pubsub");
        Path rebuilt = data.resolve("pubsub.repairing-20261124T101500Z");
        Path aside = data.resolve("pubsub.damaged-20261124T101500Z");
        Files.createDirectories(rebuilt);
        Files.writeString(rebuilt.resolve("new"), "rebuilt");
        Files.createDirectories(aside);
        assertThat(DirectorySwap.finishInterrupted(pubsub)).contains(aside);
        assertThat(pubsub.resolve("new")).hasContent("rebuilt");
        assertThat(rebuilt).doesNotExist();
        assertThat(aside).isDirectory();
    }

    @Test
    void anAmbiguousLeftoverIsLeftAlone() throws Exception {
        Path users = data.resolve("users");
        Files.createDirectories(users);
        Path building = data.resolve("users.repairing-20261124T101500Z");
        Files.createDirectories(building);
        Files.createDirectories(data.resolve("users.damaged-20261124T101500Z"));

        assertThat(DirectorySwap.finishInterrupted(users)).isEmpty();
        assertThat(building).as("both partners and a journal: not ours to guess").isDirectory();
    }
}
