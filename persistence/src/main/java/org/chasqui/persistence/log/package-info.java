/**
 * The one way Chasqui writes to disk: an append-only Chronicle Queue log of raw byte records with a
 * single writer thread. Each journal (accounts, users, ...) defines its own record format on top.
 */
package org.chasqui.persistence.log;
