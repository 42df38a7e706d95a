package org.chasqui.persistence.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import org.chasqui.persistence.log.RawJournal;
import org.chasqui.xmpp.sasl.ScramAlgorithm;
import org.chasqui.xmpp.sasl.ScramCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountJournalTest {

    static final SecureRandom RND = new SecureRandom();
    // one derivation for all records: PBKDF2 at 4096 iterations is the slow part of these tests
    static final ScramCredential SHA1 = ScramCredential.generate(ScramAlgorithm.SHA_1, "pencil", 4096, RND);
    static final ScramCredential SHA256 = ScramCredential.generate(ScramAlgorithm.SHA_256, "pencil", 4096, RND);

    @TempDir
    Path dir;

    static AccountRecord juliet() {
        return AccountRecord.of("juliet", SHA1, SHA256);
    }

    @Test
    void saved_and_deleted_records_are_read_back_in_order() {
        try (AccountJournal journal = AccountJournal.open(dir)) {
            journal.appendSaved(juliet()).join();
            journal.appendSaved(AccountRecord.of("romeo", SHA256)).join();
            journal.appendDeleted("romeo").join();
            journal.appendSaved(new AccountRecord("nurse", List.of())).join();

            RecordingVisitor v = new RecordingVisitor();
            assertThat(journal.reader().readAvailable(v)).isEqualTo(4);
            assertThat(v.events).containsExactly("saved juliet", "saved romeo", "deleted romeo", "saved nurse");
            assertThat(v.accounts.get("juliet")).isEqualTo(juliet());
            assertThat(v.accounts.get("juliet").credentials().get(1).verifyPassword("pencil")).isTrue();
            assertThat(v.accounts).containsOnlyKeys("juliet", "nurse");
        }
    }

    @Test
    void state_survives_a_restart() {
        try (AccountJournal journal = AccountJournal.open(dir)) {
            journal.appendSaved(juliet());
            journal.appendSaved(AccountRecord.of("j\u00fcrgen", SHA1));
            journal.appendDeleted("juliet");
        } // close() drains the appends without anyone waiting on the futures

        try (AccountJournal reopened = AccountJournal.open(dir)) {
            RecordingVisitor v = new RecordingVisitor();
            assertThat(reopened.reader().readAvailable(v)).isEqualTo(3);
            assertThat(v.accounts).containsOnlyKeys("j\u00fcrgen");
            assertThat(v.accounts.get("j\u00fcrgen").credentials()).containsExactly(SHA1);

            reopened.appendSaved(juliet()).join();
            RecordingVisitor again = new RecordingVisitor();
            assertThat(reopened.reader().readAvailable(again)).isEqualTo(4);
            assertThat(again.accounts).containsOnlyKeys("j\u00fcrgen", "juliet");
        }
    }

    @Test
    void a_reader_delivers_records_incrementally() {
        try (AccountJournal journal = AccountJournal.open(dir)) {
            AccountJournal.Reader reader = journal.reader();
            RecordingVisitor v = new RecordingVisitor();
            assertThat(reader.readAvailable(v)).isZero();

            journal.appendSaved(juliet()).join();
            assertThat(reader.readAvailable(v)).isEqualTo(1);
            assertThat(reader.readAvailable(v)).isZero();

            journal.appendDeleted("juliet").join();
            journal.appendSaved(AccountRecord.of("romeo", SHA1)).join();
            assertThat(reader.readAvailable(v)).isEqualTo(2);
            assertThat(v.events).containsExactly("saved juliet", "deleted juliet", "saved romeo");
        }
    }

    @Test
    void a_second_instance_on_the_same_directory_sees_the_first_ones_appends() {
        // stands for the CLI (another process) appending while the server runs
        try (AccountJournal server = AccountJournal.open(dir); AccountJournal cli = AccountJournal.open(dir)) {
            AccountJournal.Reader serverReader = server.reader();
            RecordingVisitor v = new RecordingVisitor();
            assertThat(serverReader.readAvailable(v)).isZero();

            cli.appendSaved(juliet()).join();
            assertThat(serverReader.readAvailable(v)).isEqualTo(1);

            server.appendSaved(AccountRecord.of("romeo", SHA1)).join();
            cli.appendDeleted("juliet").join();
            assertThat(serverReader.readAvailable(v)).isEqualTo(2);
            assertThat(v.events).containsExactly("saved juliet", "saved romeo", "deleted juliet");

            RecordingVisitor cliView = new RecordingVisitor();
            assertThat(cli.reader().readAvailable(cliView)).isEqualTo(3);
            assertThat(cliView.events).isEqualTo(v.events);
        }
    }

    @Test
    void appends_from_many_threads_are_all_recorded_and_each_thread_keeps_its_order() throws Exception {
        int threads = 8;
        int perThread = 200;
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        try (AccountJournal journal = AccountJournal.open(dir)) {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Void>> all = new ArrayList<>();
            List<java.util.concurrent.Future<List<CompletableFuture<Void>>>> submitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                submitted.add(callers.submit(() -> {
                    start.await();
                    List<CompletableFuture<Void>> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(journal.appendSaved(AccountRecord.of("t" + thread + "-" + i, SHA256)));
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (var f : submitted) {
                all.addAll(f.get(30, TimeUnit.SECONDS));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            RecordingVisitor v = new RecordingVisitor();
            assertThat(journal.reader().readAvailable(v)).isEqualTo(threads * perThread);
            assertThat(v.accounts).hasSize(threads * perThread);
            for (int t = 0; t < threads; t++) {
                String prefix = "saved t" + t + "-";
                List<String> mine = v.events.stream().filter(e -> e.startsWith(prefix)).toList();
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    expected.add(prefix + i);
                }
                assertThat(mine).isEqualTo(expected);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void a_reader_may_be_handed_to_another_thread() throws Exception {
        try (AccountJournal journal = AccountJournal.open(dir)) {
            journal.appendSaved(juliet()).join();
            AccountJournal.Reader reader = journal.reader();
            RecordingVisitor v = new RecordingVisitor();
            assertThat(reader.readAvailable(v)).isEqualTo(1);
            journal.appendDeleted("juliet").join();
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                assertThat(other.submit(() -> reader.readAvailable(v)).get(10, TimeUnit.SECONDS)).isEqualTo(1);
            } finally {
                other.shutdownNow();
            }
            assertThat(v.events).containsExactly("saved juliet", "deleted juliet");
        }
    }

    @Test
    void appends_after_close_fail_and_close_is_idempotent() {
        AccountJournal journal = AccountJournal.open(dir);
        journal.close();
        journal.close();
        assertThat(journal.appendSaved(juliet())).isCompletedExceptionally();
        assertThat(journal.appendDeleted("juliet")).isCompletedExceptionally();
        assertThatThrownBy(journal::reader).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void account_records_are_validated() {
        assertThatThrownBy(() -> AccountRecord.of("", SHA1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountRecord.of("x", SHA1, SHA1)).isInstanceOf(IllegalArgumentException.class);
        List<ScramCredential> list = new ArrayList<>(List.of(SHA1));
        AccountRecord r = new AccountRecord("x", list);
        list.add(SHA256);
        assertThat(r.credentials()).containsExactly(SHA1);
    }

    @Test
    void a_format_one_directory_replays_and_takes_appends_without_checksums() throws Exception {
        RawJournal.writeFormatOne(dir, AccountJournal.NAME, List.<Consumer<Bytes<?>>>of(
                out -> AccountRecordCodec.writeSaved(out, juliet()), out -> AccountRecordCodec.writeDeleted(out, "romeo")));
        try (AccountJournal journal = AccountJournal.open(dir)) {
            RecordingVisitor v = new RecordingVisitor();
            assertThat(journal.reader().readAvailable(v)).isEqualTo(2);
            assertThat(v.accounts.get("juliet")).isEqualTo(juliet());
            journal.appendSaved(AccountRecord.of("romeo", SHA256)).join();
        }
        try (AccountJournal journal = AccountJournal.open(dir)) {
            RecordingVisitor v = new RecordingVisitor();
            assertThat(journal.reader().readAvailable(v)).isEqualTo(3);
            assertThat(v.events).containsExactly("saved juliet", "deleted romeo", "saved romeo");
        }
        assertThat(Files.readString(dir.resolve("FORMAT")).strip()).isEqualTo("chasqui account-journal format 1");
        assertThat(AccountJournal.verify(dir).problems()).isEmpty();
    }
}
