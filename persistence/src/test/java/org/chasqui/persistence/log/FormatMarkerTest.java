package org.chasqui.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.chasqui.persistence.users.UserJournal;
import org.chasqui.persistence.users.UserRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal directory in another format, or of another journal, is refused, never misread. */
class FormatMarkerTest {

    @TempDir
    Path dir;

    @Test
    void aNewDirectoryIsMarkedAndReopens() throws Exception {
        try (UserJournal j = UserJournal.open(dir)) {
            j.append(new UserRecord.VCard("juliet", "<vCard xmlns='vcard-temp'/>")).join();
        }
        assertThat(Files.readString(dir.resolve("FORMAT")).strip()).isEqualTo("chasqui user-journal format 2");
        try (UserJournal j = UserJournal.open(dir)) {
            assertThat(j.replay(r -> { })).isEqualTo(1);
        }
    }

    @Test
    void aNewerFormatVersionIsRefusedWithAMessage() throws Exception {
        Files.writeString(dir.resolve("FORMAT"), "chasqui user-journal format 3\n");
        assertThatThrownBy(() -> UserJournal.open(dir))
                .isInstanceOf(FormatMarker.IncompatibleDataException.class)
                .hasMessageContaining("holds \"chasqui user-journal format 3\"")
                .hasMessageContaining("this Chasqui reads \"chasqui user-journal format 1\" or"
                        + " \"chasqui user-journal format 2\"")
                .hasMessageContaining("refusing to start");
        assertThat(UserJournal.verify(dir).problems()).singleElement().asString().contains("format 3");
    }

    @Test
    void anotherJournalsDirectoryIsRefused() throws Exception {
        Files.writeString(dir.resolve("FORMAT"), "chasqui pubsub-journal format 1\n");
        assertThatThrownBy(() -> UserJournal.open(dir)).isInstanceOf(FormatMarker.IncompatibleDataException.class);
    }
}
