/**
 * XEP-0163 Personal Eventing Protocol (version 1.2.2): every account's bare JID is a pubsub service run
 * by the same engine as pubsub.domain, with the recommended defaults, implicit subscriptions of
 * presence subscribers filtered by XEP-0115 capabilities, and the last item on presence.
 */
package org.chasqui.broker.pep;
