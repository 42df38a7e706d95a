/**
 * XEP-0054 vcard-temp, version 1.3.0 (2024-06-27): the server stores each account's vCard
 * ({@code UserRecord.VCard}) and answers for it (§3.1 own, §3.2 update, §3.3 another user's).
 */
package org.chasqui.broker.vcard;
