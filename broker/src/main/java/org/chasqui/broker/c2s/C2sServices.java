package org.chasqui.broker.c2s;

import io.vertx.core.Vertx;
import java.util.Set;
import org.chasqui.broker.accounts.AccountService;
import org.chasqui.broker.config.ServerConfig;
import org.chasqui.broker.iq.IqHandlers;
import org.chasqui.broker.presence.PresenceService;
import org.chasqui.broker.roster.SubscriptionService;
import org.chasqui.broker.routing.Router;
import org.chasqui.broker.routing.SessionRegistry;
import org.chasqui.broker.sm.ResumptionRegistry;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.xml.Element;

/**
 * What every client session shares: configuration, accounts, the registry of bound sessions, the
 * router and the server's IQ handlers, the XEP-0198 sessions that can be resumed, plus the set of all
 * open sessions (for shutdown): open streams and sessions waiting for resumption, and the stream
 * features already built.
 */
record C2sServices(
        Vertx vertx,
        ServerConfig config,
        Jid domain,
        AccountService accounts,
        SessionRegistry registry,
        Router router,
        SubscriptionService subscriptions,
        PresenceService presence,
        IqHandlers iqHandlers,
        boolean registrationEnabled,
        ConnectionLimiter limiter,
        StartTls startTls,
        ResumptionRegistry<ClientSession> resumptions,
        Element serverCaps,
        Set<ClientSession> openSessions,
        StreamFeatures.Memo features) {
}
