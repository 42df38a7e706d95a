package org.chasqui.broker.accounts;

/** The account name is already taken (XEP-0077 §3.1 conflict). */
public final class AccountExistsException extends RuntimeException {

    public AccountExistsException(String username) {
        super("account exists: " + username, null, false, false);
    }
}
