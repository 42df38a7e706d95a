/**
 * XMPP addresses (JIDs) as validated values: the address format of RFC 7622 (September 2015), with the
 * PRECIS profiles of RFC 8265 for the localpart (UsernameCaseMapped) and resourcepart (OpaqueString) and
 * IDNA2008 rules for the domainpart. A {@link org.chasqui.xmpp.jid.Jid} is parsed and enforced once, at
 * the edge; code that holds one can compare and route it without further checks.
 */
package org.chasqui.xmpp.jid;
