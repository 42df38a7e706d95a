/**
 * XEP-0012 Last Activity, version 2.0 (2008-11-26): the server's uptime (§5) and, for an account's
 * bare JID, the time since its last resource went away with that presence's status (§3), answered
 * only to entities allowed to see the account's presence. Queries to a full JID (§4) are routed to
 * the client like any IQ; the server does not yet make §4's authorization check for them.
 */
package org.chasqui.broker.last;
