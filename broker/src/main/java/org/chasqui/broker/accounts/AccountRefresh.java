package org.chasqui.broker.accounts;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's periodic reading of accounts that another process (the CLI's {@code adduser},
 * {@code passwd}, {@code deluser}) appended to the account journal, with its failures made visible.
 * A record that fails its checksum stops the journal's reader before it, so every later refresh fails
 * at the same place: the first failure is logged as an error naming the journal, file and offset, the
 * repeats are not, and a refresh that works again is logged once. Runs on a worker (blocking I/O).
 */
public final class AccountRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(AccountRefresh.class);

    private final AccountService accounts;
    /** The message of the failure the last refresh ended with; null when it worked. */
    private String problem;

    public AccountRefresh(AccountService accounts) {
        this.accounts = accounts;
    }

    /** Reads what was appended since the last call; never throws. Blocking I/O. */
    public synchronized void run() {
        try {
            accounts.refresh();
            if (problem != null) {
                LOG.info("account journal: reading accounts changed by other processes works again");
                problem = null;
            }
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.equals(problem)) {
                LOG.error("account journal: cannot read accounts changed by other processes; changes after this"
                        + " point are not seen until it is mended (the server keeps the accounts it has)", e);
            }
            problem = message;
        }
    }

    /** Why the last refresh failed, if it did. */
    public synchronized Optional<String> problem() {
        return Optional.ofNullable(problem);
    }
}
