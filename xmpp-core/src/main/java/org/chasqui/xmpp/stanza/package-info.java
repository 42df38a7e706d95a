/** Stanza and stream vocabulary of RFC 6120: namespaces, error conditions, error replies. */
package org.chasqui.xmpp.stanza;
