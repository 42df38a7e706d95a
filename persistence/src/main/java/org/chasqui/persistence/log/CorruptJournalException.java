package org.chasqui.persistence.log;

import java.io.File;

/**
 * A journal file is damaged before its last complete record, or a record does not match its
 * checksum: reading on would silently lose or misread acknowledged changes, so the journal refuses
 * to open (a reader stops there). The message names the journal, the file and the byte offset of
 * the document (and the record's index for a checksum); {@code chasqui verify-data} shows the same
 * finding offline, and {@code chasqui repair-data} rebuilds the journal from what comes before it.
 */
public final class CorruptJournalException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient File file;
    private final long offset;

    CorruptJournalException(String journal, File file, long offset, String problem) {
        super(journal + ": " + file + " is damaged at offset " + offset + ": " + problem
                + " (refusing to start; chasqui verify-data shows the damage; with the server stopped, chasqui"
                + " repair-data keeps the records before it and moves the damaged journal aside; or restore the"
                + " journal from a backup)");
        this.file = file;
        this.offset = offset;
    }

    public File file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
