/**
 * XEP-0191 Blocking Command, version 1.3 (2015-03-12): the block list commands and pushes (§3),
 * what routing does with stanzas to and from blocked JIDs (§3.3, through
 * {@link org.chasqui.broker.routing.BlockingPolicy}), and JID matching (§6). Block lists are journaled
 * per user ({@code UserRecord.Blocklist}); {@link org.chasqui.broker.blocking.BlockingIndex} is the
 * lock-free copy every thread reads.
 */
package org.chasqui.broker.blocking;
