/**
 * Journal snapshots while the server runs ({@link org.chasqui.broker.snapshot.Snapshotter}: periodic
 * and at a clean stop) and the {@code chasqui backup DIR} command ({@link org.chasqui.broker.snapshot.Backup}),
 * which writes each module's state as a new journal ({@link org.chasqui.broker.snapshot.FreshJournal}, also
 * used by {@code chasqui repair-data}).
 */
package org.chasqui.broker.snapshot;
