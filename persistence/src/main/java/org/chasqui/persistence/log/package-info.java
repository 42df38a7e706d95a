/**
 * The one way Chasqui writes to disk: an append-only Chronicle Queue log of raw byte records with a
 * single writer thread. Each journal (accounts, users, ...) defines its own record format on top.
 * Records are read in order ({@link org.chasqui.persistence.log.ChronicleLog.Reader}) or one at a time
 * by the address an append yielded ({@link org.chasqui.persistence.log.ChronicleLog#read}), from any
 * thread, through read-only mappings of the cycle files.
 */
package org.chasqui.persistence.log;
