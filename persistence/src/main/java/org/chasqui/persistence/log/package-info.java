/**
 * The one way Chasqui writes to disk: an append-only Chronicle Queue log of raw byte records with a
 * single writer thread. Each journal (accounts, users, ...) defines its own record format on top.
 *
 * <p>Directory format (the {@code FORMAT} marker, {@link org.chasqui.persistence.log.FormatMarker}),
 * which decides how each record sits in its Chronicle document ({@code Framing}):
 * <pre>
 *   format 1: record                                  (no checksum; still read and appended to)
 *   format 2: crc(int32 little-endian) record         (written into every new directory)
 *             crc = CRC-32C(record) XOR 0xC4A50F1A, computed on the writer thread
 * </pre>
 * A record that does not match its checksum is damage wherever it is, the last record included:
 * Chronicle Queue 2026.4 writes a document's header after its body, so a process killed mid-append
 * leaves an incomplete header (a torn tail, cleared at open) and never a complete header over a
 * damaged body. Opening refuses such a journal ({@code CorruptJournalException}: journal, file,
 * offset, index); {@code chasqui verify-data} reports it as a problem.
 *
 * <p>{@code chasqui repair-data} opens a damaged journal with
 * {@link org.chasqui.persistence.log.ChronicleLog#salvage}: read-only, its first damage found the same
 * way ({@link org.chasqui.persistence.log.JournalDamage}), its readers stopping before it. A server's
 * start never does.
 *
 * <p>Records are read in order ({@link org.chasqui.persistence.log.LogReader}) or one at a time
 * by the address an append yielded ({@link org.chasqui.persistence.log.ChronicleLog#read}), from any
 * thread, through read-only mappings of the cycle files; both check the checksum. A reader that is not
 * the writer (a command beside the running server) opens the directory as a
 * {@link org.chasqui.persistence.log.ReadOnlyLog}, which writes nothing.
 *
 * <p>Deleting the files a snapshot covers ({@code ChronicleLog.deleteCyclesBefore}) first records the
 * index of the last record they hold in the file {@code DELETED} (decimal, one line), so a reader
 * resuming from a position can tell a deleted record after it from a plain change of file.
 *
 * <p>At {@link org.chasqui.persistence.log.Durability#OS} the writer records after each force the index
 * of the last record it covered in the file {@code FORCED} ({@code ForcedMark}), and a
 * {@link org.chasqui.persistence.log.ReadOnlyLog} hands over no record past it, so a reader in another
 * process never gets a record an OS crash could still take back.
 */
package org.chasqui.persistence.log;
