/**
 * RFC 6121 §2 (roster management, with versioning and pre-approval) and §3 (the presence subscription
 * state machine of Appendix A, as {@link org.chasqui.broker.roster.SubscriptionRules}).
 */
package org.chasqui.broker.roster;
