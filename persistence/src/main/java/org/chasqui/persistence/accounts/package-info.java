/**
 * The account journal: every change to a user's SCRAM credentials (RFC 5802 §3 stored form, never a
 * password) as an append-only Chronicle Queue log. The server replays it at start and then polls it, so
 * accounts added by another process (the CLI) while the server runs are picked up.
 *
 * <p>The record format below is the record's own (its version byte); how the record is framed in
 * the journal file, with or without a CRC-32C in front, is the directory's format
 * ({@code FORMAT}: see {@link org.chasqui.persistence.log}). Snapshots hold records unframed.
 *
 * <p>Record format, version 1; every record is raw bytes written field by field (no Wire marshalling,
 * no generated code), lengths as Chronicle stop-bit integers:
 * <pre>
 *   saved:   'S' 0x01 username credentialCount { algorithm salt iterations storedKey serverKey }*
 *   deleted: 'D' 0x01 username
 *   username  = stopBit(byteLength) UTF-8 bytes
 *   algorithm = one byte: 1 = SCRAM-SHA-1, 2 = SCRAM-SHA-256
 *   salt, storedKey, serverKey = stopBit(length) bytes;  iterations = stopBit
 * </pre>
 * Readers skip, with a warning, records whose tag or version they do not know and credentials whose
 * algorithm code they do not know, so the format can grow without breaking older readers.
 */
package org.chasqui.persistence.accounts;
