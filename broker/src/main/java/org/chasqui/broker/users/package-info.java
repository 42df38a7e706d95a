/**
 * Per-user IM state (rosters, pending subscription requests, offline messages, block lists, vCards,
 * last activity) owned by user shards and made durable through the user journal.
 */
package org.chasqui.broker.users;
