package org.chasqui.broker.register;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.chasqui.broker.accounts.AccountExistsException;
import org.chasqui.broker.accounts.AccountService;
import org.chasqui.broker.iq.IqHandler;
import org.chasqui.broker.iq.IqRequest;
import org.chasqui.broker.routing.SessionRegistry;
import org.chasqui.xmpp.jid.InvalidJidException;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StanzaError;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XEP-0077 in-band registration with the server: registering before authentication (§3.1, only when
 * enabled), password change (§3.3) and cancellation (§3.2) by an authenticated user.
 */
public final class RegistrationHandler implements IqHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationHandler.class);

    private final Vertx vertx;
    private final AccountService accounts;
    private final SessionRegistry sessions;
    private final Jid domain;
    private final boolean registrationEnabled;
    private final boolean removalAllowed;

    public RegistrationHandler(Vertx vertx, AccountService accounts, SessionRegistry sessions, Jid domain,
            boolean registrationEnabled, boolean removalAllowed) {
        this.vertx = vertx;
        this.accounts = accounts;
        this.sessions = sessions;
        this.domain = domain;
        this.registrationEnabled = registrationEnabled;
        this.removalAllowed = removalAllowed;
    }

    public boolean registrationEnabled() {
        return registrationEnabled;
    }

    @Override
    public void handle(IqRequest request) {
        // XEP-0077 §3.2 cancels without 'to', which addresses the user's own account (RFC 6120 §10.3.3)
        boolean ownAccount = request.from() != null && request.to().equals(request.from().bare());
        if (!request.toDomain() && !ownAccount) {
            request.error(StanzaErrorCondition.SERVICE_UNAVAILABLE);
        } else if (request.from() == null) {
            unauthenticated(request);
        } else {
            authenticated(request);
        }
    }

    /** XEP-0077 §3.1: an unauthenticated entity registers an account. */
    private void unauthenticated(IqRequest request) {
        if (!registrationEnabled) {
            request.error(StanzaErrorCondition.SERVICE_UNAVAILABLE);
            return;
        }
        if (request.isGet()) {
            request.result(Element.builder("query", Namespaces.REGISTER)
                    .textChild("instructions", "Choose a username and password to register with this server.")
                    .child("username", Namespaces.REGISTER)
                    .child("password", Namespaces.REGISTER)
                    .build());
            return;
        }
        Element query = request.payload();
        String username = query.childText("username", Namespaces.REGISTER);
        String password = query.childText("password", Namespaces.REGISTER);
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            // XEP-0077 §3.1: required information missing
            request.error(StanzaError.of(StanzaErrorCondition.NOT_ACCEPTABLE, "username and password are required"));
            return;
        }
        String localpart;
        try {
            localpart = Jid.of(username, domain.domainpart(), null).localpart();
        } catch (InvalidJidException e) {
            request.error(StanzaError.of(StanzaErrorCondition.NOT_ACCEPTABLE, "invalid username: " + e.getMessage()));
            return;
        }
        if (accounts.exists(localpart)) {
            request.error(StanzaErrorCondition.CONFLICT); // XEP-0077 §3.1, before spending a key derivation
            return;
        }
        blocking(() -> accounts.create(localpart, password)).onComplete(ar -> {
            if (ar.succeeded()) {
                LOG.info("registered account {}@{} in-band", localpart, domain);
                request.result();
            } else if (cause(ar.cause()) instanceof AccountExistsException) {
                request.error(StanzaErrorCondition.CONFLICT); // XEP-0077 §3.1
            } else {
                fail(request, ar.cause());
            }
        });
    }

    private void authenticated(IqRequest request) {
        String user = request.from().localpart();
        if (request.isGet()) {
            // XEP-0077 §3.1: an already registered entity gets <registered/> and its username
            request.result(Element.builder("query", Namespaces.REGISTER)
                    .child("registered", Namespaces.REGISTER)
                    .textChild("username", user)
                    .build());
            return;
        }
        Element query = request.payload();
        if (query.child("remove", Namespaces.REGISTER) != null) {
            remove(request, query, user);
        } else {
            changePassword(request, query, user);
        }
    }

    /** XEP-0077 §3.2: the account is deleted and every session of it ends with not-authorized. */
    private void remove(IqRequest request, Element query, String user) {
        if (!removalAllowed) {
            request.error(StanzaErrorCondition.NOT_ALLOWED);
            return;
        }
        if (query.elements().size() != 1) {
            request.error(StanzaErrorCondition.BAD_REQUEST);
            return;
        }
        Future.fromCompletionStage(accounts.delete(user), vertx.getOrCreateContext()).onComplete(ar -> {
            if (ar.failed()) {
                fail(request, ar.cause());
                return;
            }
            LOG.info("account {}@{} removed in-band", user, domain);
            request.result();
            StreamError error = new StreamError(StreamErrorCondition.NOT_AUTHORIZED, "account removed");
            sessions.sessionsOf(request.from().bare()).forEach(s -> s.terminate(error));
        });
    }

    /** XEP-0077 §3.3: password change; the username must be the user's own. */
    private void changePassword(IqRequest request, Element query, String user) {
        String username = query.childText("username", Namespaces.REGISTER);
        String password = query.childText("password", Namespaces.REGISTER);
        if (username == null || password == null) {
            request.error(StanzaErrorCondition.BAD_REQUEST);
            return;
        }
        if (password.isEmpty()) {
            request.result(); // XEP-0077 §3.3: an empty password keeps the existing one
            return;
        }
        if (!user.equals(AccountService.normalizeUsername(username, domain.domainpart()).orElse(null))) {
            request.error(StanzaErrorCondition.NOT_AUTHORIZED);
            return;
        }
        blocking(() -> accounts.changePassword(user, password)).onComplete(ar -> {
            if (ar.succeeded()) {
                LOG.info("password changed for {}@{}", user, domain);
                request.result();
            } else {
                fail(request, ar.cause());
            }
        });
    }

    /** Runs CPU-heavy key derivation off the event loop; completes on the caller's context. */
    private Future<Void> blocking(Supplier<CompletableFuture<Void>> work) {
        return vertx.executeBlocking(() -> work.get().join(), false);
    }

    private static Throwable cause(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static void fail(IqRequest request, Throwable t) {
        LOG.error("account operation failed", t);
        request.error(StanzaErrorCondition.INTERNAL_SERVER_ERROR);
    }
}
