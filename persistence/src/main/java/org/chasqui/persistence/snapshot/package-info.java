/**
 * Snapshots of the journals: the minimal records that rebuild the current state, tagged with the
 * journal positions they cover ({@link org.chasqui.persistence.snapshot.Coverage}), written atomically
 * ({@link org.chasqui.persistence.snapshot.SnapshotStore}); recovery reads the newest snapshot and the
 * journal records after it, and journal files a snapshot covers are deleted
 * ({@link org.chasqui.persistence.snapshot.Snapshots}). A snapshot's records can be read one at a time at
 * their offsets from its mapped data file ({@link org.chasqui.persistence.snapshot.SnapshotData}).
 */
package org.chasqui.persistence.snapshot;
