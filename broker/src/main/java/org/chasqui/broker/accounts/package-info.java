/** Accounts of the served domain: SCRAM credentials indexed in memory, kept in the account journal. */
package org.chasqui.broker.accounts;
