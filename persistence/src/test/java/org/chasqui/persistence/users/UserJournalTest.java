package org.chasqui.persistence.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import org.chasqui.persistence.log.RawJournal;
import org.chasqui.persistence.users.UserRecord.Blocklist;
import org.chasqui.persistence.users.UserRecord.LastSeen;
import org.chasqui.persistence.users.UserRecord.OfflineCleared;
import org.chasqui.persistence.users.UserRecord.OfflineStored;
import org.chasqui.persistence.users.UserRecord.PendingIn;
import org.chasqui.persistence.users.UserRecord.PendingInCleared;
import org.chasqui.persistence.users.UserRecord.RosterItem;
import org.chasqui.persistence.users.UserRecord.RosterItemRemoved;
import org.chasqui.persistence.users.UserRecord.UserRemoved;
import org.chasqui.persistence.users.UserRecord.VCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserJournalTest {

    @TempDir
    Path dir;

    private static List<UserRecord> everyKind() {
        return List.of(
                new RosterItem("juliet", "romeo@example.net", "Romeo", List.of("Friends", "Ünïcode <&>"),
                        Subscription.BOTH, true, false, 7),
                new RosterItem("juliet", "nurse@example.com", null, List.of(), Subscription.NONE, false, true, 8),
                new RosterItemRemoved("juliet", "tybalt@example.com", 9),
                new PendingIn("juliet", "mercutio@example.com", "<presence type='subscribe'/>"),
                new PendingInCleared("juliet", "mercutio@example.com"),
                new OfflineStored("romeo", 41, 1_700_000_000_123L, "<message><body>x</body></message>"),
                new OfflineCleared("romeo", 41),
                new Blocklist("romeo", List.of("tybalt@example.com", "example.org")),
                new VCard("romeo", "<vCard xmlns='vcard-temp'><FN>Romeo</FN></vCard>"),
                new LastSeen("romeo", 1_700_000_000_999L, "gone"),
                new LastSeen("romeo", 5, null),
                new UserRemoved("benvolio"));
    }

    @Test
    void everyRecordKindSurvivesAReopen() {
        try (UserJournal journal = UserJournal.open(dir)) {
            everyKind().forEach(r -> journal.append(r).join());
        }
        List<UserRecord> read = new ArrayList<>();
        try (UserJournal journal = UserJournal.open(dir)) {
            assertEquals(everyKind().size(), journal.replay(read::add));
        }
        assertEquals(everyKind(), read);
    }

    @Test
    void appendsKeepTheirOrder() {
        List<UserRecord> written = new ArrayList<>();
        try (UserJournal journal = UserJournal.open(dir)) {
            for (int i = 0; i < 2000; i++) {
                UserRecord r = new OfflineStored("u" + (i % 7), i, i, "<message>" + i + "</message>");
                written.add(r);
                journal.append(r); // not joined: the writer thread must keep the call order
            }
        }
        List<UserRecord> read = new ArrayList<>();
        try (UserJournal journal = UserJournal.open(dir)) {
            journal.replay(read::add);
        }
        assertEquals(written, read);
    }

    @Test
    void aFormatOneDirectoryReplaysAndTakesAppendsWithoutChecksums() throws Exception {
        List<Consumer<Bytes<?>>> old = everyKind().stream().<Consumer<Bytes<?>>>map(r -> out -> UserRecordCodec.write(out, r))
                .toList();
        RawJournal.writeFormatOne(dir, UserJournal.NAME, old); // as the version before checksums wrote it
        UserRecord added = new VCard("juliet", "<vCard xmlns='vcard-temp'><FN>Juliet</FN></vCard>");
        List<UserRecord> expected = new ArrayList<>(everyKind());
        try (UserJournal journal = UserJournal.open(dir)) {
            List<UserRecord> read = new ArrayList<>();
            journal.replay(read::add);
            assertEquals(expected, read);
            journal.append(added).join();
        }
        expected.add(added);
        List<UserRecord> read = new ArrayList<>();
        try (UserJournal journal = UserJournal.open(dir)) {
            journal.replay(read::add);
        }
        assertEquals(expected, read);
        assertEquals("chasqui user-journal format 1", Files.readString(dir.resolve("FORMAT")).strip());
        assertEquals(List.of(), UserJournal.verify(dir).problems());
    }
}
