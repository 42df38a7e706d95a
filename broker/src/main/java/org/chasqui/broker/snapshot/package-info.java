/**
 * Journal snapshots while the server runs ({@link org.chasqui.broker.snapshot.Snapshotter}: periodic
 * and at a clean stop) and the {@code chasqui backup DIR} command ({@link org.chasqui.broker.snapshot.Backup}).
 */
package org.chasqui.broker.snapshot;
