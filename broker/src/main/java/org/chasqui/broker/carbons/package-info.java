/**
 * XEP-0280 Message Carbons, version 1.0.1: which messages are copied (§6.1) and the forwarded
 * copies (§7, §8, XEP-0297) sent to a user's other carbons-enabled resources. Enabling and
 * disabling (§4, §5) is per session and handled by the session's stanza handler.
 */
package org.chasqui.broker.carbons;
