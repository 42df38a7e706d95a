package org.chasqui.broker.accounts;

/** No account has this name. */
public final class NoSuchAccountException extends RuntimeException {

    public NoSuchAccountException(String username) {
        super("no such account: " + username, null, false, false);
    }
}
