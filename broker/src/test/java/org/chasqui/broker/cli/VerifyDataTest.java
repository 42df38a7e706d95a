package org.chasqui.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.accounts.AccountService;
import org.chasqui.broker.testing.JournalFiles;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.persistence.log.CorruptJournalException;
import org.chasqui.persistence.snapshot.Coverage;
import org.chasqui.persistence.snapshot.SnapshotStore;
import org.chasqui.persistence.users.UserJournal;
import org.chasqui.persistence.users.UserRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chasqui verify-data}: a sound directory exits 0, a damaged one 1, and both say what they found. */
class VerifyDataTest {

    @TempDir
    Path data;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void someData() {
        try (AccountService accounts = AccountService.open(ChasquiServer.accountsDir(data), 4096)) {
            accounts.create("alice", "secret").join();
            accounts.create("bob", "secret").join();
        }
        try (UserJournal users = UserJournal.open(ChasquiServer.usersDir(data))) {
            for (String name : List.of("one", "two", "three")) {
                users.append(new UserRecord.VCard("alice", "<vCard xmlns='vcard-temp'><FN>" + name + "</FN></vCard>"))
                        .join();
            }
        }
    }

    private int verify() {
        return Main.run(new String[] {"verify-data", "--data", data.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSoundDirectoryExitsZeroAndCountsTheRecords() {
        assertThat(verify()).isZero();
        assertThat(output()).containsPattern("account-journal +accounts +2 records, sound")
                .containsPattern("user-journal +users +3 records, sound")
                .containsPattern("pubsub-journal +pubsub +absent")
                .endsWith("sound" + System.lineSeparator());
    }

    @Test
    void damageBeforeTheLastRecordExitsOneNamingFileAndOffset() throws Exception {
        Path file = JournalFiles.cycleFile(ChasquiServer.usersDir(data));
        long second = JournalFiles.dataHeadersAndEnd(file).get(1);
        JournalFiles.write(file, second, JournalFiles.NOT_COMPLETE, new byte[0]);

        assertThat(verify()).isEqualTo(1);
        assertThat(output()).contains("PROBLEM: " + file, "offset " + second).contains("NOT SOUND: 1 problem(s)");
    }

    @Test
    void theSameDamageStopsTheServerAtStart() throws Exception {
        Path file = JournalFiles.cycleFile(ChasquiServer.usersDir(data));
        long second = JournalFiles.dataHeadersAndEnd(file).get(1);
        JournalFiles.write(file, second, JournalFiles.NOT_COMPLETE, new byte[0]);

        assertThatThrownBy(() -> ChasquiServer.start(TestServer.baseConfig(data)).stop())
                .isInstanceOf(CorruptJournalException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("offset " + second);
    }

    @Test
    void aTornTailIsAWarningNotAProblem() throws Exception {
        Path file = JournalFiles.cycleFile(ChasquiServer.usersDir(data));
        List<Long> headers = JournalFiles.dataHeadersAndEnd(file);
        long end = headers.get(headers.size() - 1);
        JournalFiles.write(file, end, 0, "<vCard xmlns='vcard-temp'><FN>cut of".getBytes(StandardCharsets.UTF_8));

        assertThat(verify()).isZero();
        assertThat(output()).contains("warning: " + file + " offset " + end).contains("user-journal")
                .endsWith("sound" + System.lineSeparator());
    }

    @Test
    void anUnreadableRecordAndAForeignFormatAreProblems() throws Exception {
        Path file = JournalFiles.cycleFile(ChasquiServer.usersDir(data));
        long second = JournalFiles.dataHeadersAndEnd(file).get(1);
        JournalFiles.write(file, second + 8, 0x7f7f7f7f, new byte[0]); // the record's first bytes: tag and version
        JournalFiles.rechecksum(file, second); // as a newer version's record would be: sound, but unknown here
        Files.writeString(ChasquiServer.accountsDir(data).resolve("FORMAT"), "chasqui account-journal format 99\n");

        assertThat(verify()).isEqualTo(1);
        assertThat(output()).contains("PROBLEM: record 2").contains("format 99");
    }

    @Test
    void aFlippedByteInsideARecordExitsOneNamingFileAndOffset() throws Exception {
        Path file = JournalFiles.cycleFile(ChasquiServer.usersDir(data));
        long second = JournalFiles.dataHeadersAndEnd(file).get(1);
        JournalFiles.flip(file, JournalFiles.offsetOf(file, "<FN>two</FN>") + 4); // "two" -> "uwo": still a vCard

        assertThat(verify()).isEqualTo(1);
        assertThat(output()).contains("PROBLEM: " + file + " offset " + second + ": record 2 of the file")
                .contains("does not match its checksum").contains("NOT SOUND: 1 problem(s)");
        assertThatThrownBy(() -> ChasquiServer.start(TestServer.baseConfig(data)).stop())
                .isInstanceOf(CorruptJournalException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("offset " + second)
                .hasMessageContaining("does not match its checksum");
    }

    @Test
    void aFlippedByteInsideTheLastRecordIsDamageNotATornTail() throws Exception {
        Path file = JournalFiles.cycleFile(ChasquiServer.usersDir(data));
        List<Long> headers = JournalFiles.dataHeadersAndEnd(file);
        long last = headers.get(headers.size() - 2);
        JournalFiles.flip(file, JournalFiles.offsetOf(file, "<FN>three</FN>") + 4);

        assertThat(verify()).isEqualTo(1);
        assertThat(output()).contains("PROBLEM: " + file + " offset " + last + ": record 3 of the file");
        assertThatThrownBy(() -> ChasquiServer.start(TestServer.baseConfig(data)).stop())
                .isInstanceOf(CorruptJournalException.class).hasMessageContaining("offset " + last);
    }

    @Test
    void aMissingDirectoryExitsOne() {
        assertThat(Main.run(new String[] {"verify-data", "--data", data.resolve("nope").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a directory");
    }

    @Test
    void snapshotsAreCheckedTooADamagedOneIsAWarningWhileAnotherIsSound() throws Exception {
        Path users = ChasquiServer.usersDir(data);
        List<UserRecord> state = List.of(new UserRecord.VCard("alice", "<vCard xmlns='vcard-temp'><FN>three</FN></vCard>"));
        SnapshotStore.Snapshot older;
        SnapshotStore.Snapshot newer;
        try (UserJournal journal = UserJournal.open(users)) {
            older = journal.snapshot(Coverage.of(journal.position().join()), state, 2);
            newer = journal.snapshot(Coverage.of(journal.position().join()), state, 2);
        }
        assertThat(verify()).isZero();
        assertThat(output()).containsPattern("user-journal snapshots +users/snapshots +1 records, sound")
                .doesNotContain("account-journal snapshots");

        cutLastByte(newer.dir().resolve("data"));
        out.reset();
        assertThat(verify()).isZero();
        assertThat(output()).contains("warning: " + newer.dir() + " is damaged").endsWith("sound" + System.lineSeparator());

        cutLastByte(older.dir().resolve("data"));
        out.reset();
        assertThat(verify()).isEqualTo(1);
        assertThat(output()).contains("PROBLEM: no sound snapshot in " + users.resolve("snapshots"));
    }

    private static void cutLastByte(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));
    }
}
