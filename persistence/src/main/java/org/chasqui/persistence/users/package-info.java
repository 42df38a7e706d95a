/**
 * The user journal: every change to a user's durable IM state as an append-only Chronicle Queue log
 * ({@link org.chasqui.persistence.log.ChronicleLog}); the server replays it into memory at start.
 *
 * <p>The record format below is the record's own (its version byte); how the record is framed in
 * the journal file, with or without a CRC-32C in front, is the directory's format
 * ({@code FORMAT}: see {@link org.chasqui.persistence.log}). Snapshots hold records unframed.
 *
 * <p>Record format, version 1; raw bytes, strings as stopBit(byteLength) + UTF-8, numbers as stop-bit
 * integers, an optional string as one byte 0 (absent) or 1 followed by the string:
 * <pre>
 *   every record:  tag(1 byte) version(1 byte = 0x01) user
 *   'R' roster item      contact name? groupCount group* subscription(byte 0 none,1 to,2 from,3 both)
 *                        flags(byte: 1 = ask subscribe, 2 = pre-approved) version
 *   'r' item removed     contact version
 *   'P' pending in       contact stanzaXml
 *   'p' pending cleared  contact
 *   'O' offline stored   id storedAtMillis stanzaXml
 *   'o' offline cleared  upToId
 *   'B' block list       count jid*
 *   'V' vCard            vcardXml ("" = none)
 *   'L' last seen        atMillis status?
 *   'X' user removed
 * </pre>
 * Each record states what something now is, so replay is idempotent per record. A record whose tag
 * or version this reader does not know is skipped with a warning.
 */
package org.chasqui.persistence.users;
