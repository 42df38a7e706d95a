package org.chasqui.persistence.accounts;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.chasqui.xmpp.sasl.ScramAlgorithm;
import org.chasqui.xmpp.sasl.ScramCredential;

/** Run in a child JVM by {@link AccountJournalProcessTest}: what the CLI {@code adduser} does. */
public final class OtherProcessAppender {

    private OtherProcessAppender() {
    }

    public static void main(String[] args) {
        try (AccountJournal journal = AccountJournal.open(Path.of(args[0]))) {
            ScramCredential c = ScramCredential.generate(ScramAlgorithm.SHA_256, args[2], 4096, new SecureRandom());
            journal.appendSaved(AccountRecord.of(args[1], c)).join();
        }
    }
}
