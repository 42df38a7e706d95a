package org.chasqui.broker.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CompletionException;
import org.chasqui.broker.ChasquiServer;
import org.chasqui.broker.accounts.AccountExistsException;
import org.chasqui.broker.accounts.AccountService;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.xmpp.jid.InvalidJidException;
import org.chasqui.xmpp.jid.Jid;

/**
 * adduser / passwd / deluser. They append to the account journal in the data directory; a running
 * server picks the change up within a second.
 */
final class AccountCommands {

    /** Supplies a password, e.g. from the terminal. */
    @FunctionalInterface
    interface PasswordSource {
        String read(String prompt) throws IOException;
    }

    private AccountCommands() {
    }

    static int run(String command, String jidText, ServerConfig config, PasswordSource passwords,
            PrintStream out, PrintStream err) throws IOException {
        Jid jid;
        try {
            jid = jidText.contains("@") ? Jid.parse(jidText) : Jid.of(jidText, config.domain(), null);
        } catch (InvalidJidException e) {
            err.println("chasqui: invalid JID '" + jidText + "': " + e.getMessage());
            return 1;
        }
        if (!jid.hasLocalpart() || jid.hasResource() || !jid.domainpart().equals(Jid.domain(config.domain()).domainpart())) {
            err.println("chasqui: expected an account JID of the form user@" + config.domain());
            return 1;
        }
        String user = jid.localpart();
        try (AccountService accounts = AccountService.open(ChasquiServer.accountsDir(config.dataDir()),
                config.auth().scramIterations(), config.storage().durability(), config.storage().journalRoll())) {
            switch (command) {
                case "adduser" -> {
                    if (accounts.exists(user)) {
                        err.println("chasqui: " + jid + " already exists");
                        return 1;
                    }
                    accounts.create(user, password(passwords)).join();
                    out.println("created " + jid);
                }
                case "passwd" -> {
                    if (!accounts.exists(user)) {
                        err.println("chasqui: no account " + jid);
                        return 1;
                    }
                    accounts.changePassword(user, password(passwords)).join();
                    out.println("password changed for " + jid);
                }
                case "deluser" -> {
                    if (!accounts.delete(user).join()) {
                        err.println("chasqui: no account " + jid);
                        return 1;
                    }
                    out.println("deleted " + jid);
                }
                default -> throw new IllegalArgumentException(command);
            }
            return 0;
        } catch (CompletionException e) {
            if (e.getCause() instanceof AccountExistsException) {
                err.println("chasqui: " + jid + " already exists");
                return 1;
            }
            throw e;
        }
    }

    private static String password(PasswordSource passwords) throws IOException {
        String password = passwords.read("Password");
        if (password.isEmpty()) {
            throw new IOException("the password must not be empty");
        }
        return password;
    }
}
