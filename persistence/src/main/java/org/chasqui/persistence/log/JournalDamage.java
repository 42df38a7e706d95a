package org.chasqui.persistence.log;

import java.io.File;

/**
 * The first damage of a journal, for {@code chasqui repair-data}: where it is, and what a repair that
 * keeps the records before it sets aside.
 *
 * @param journal       the journal's name
 * @param file          the cycle file holding the damage
 * @param offset        the byte offset in that file of the damaged document
 * @param index         the queue index of the first record not kept (the damaged one, or the first one
 *                      after a damaged header)
 * @param problem       what is wrong there, as {@link CorruptJournalException} says it
 * @param recordsBefore the complete records of the journal's files before the damage, in order
 * @param recordsAfter  the records in {@code file} from the damaged one on, as far as a walk of their
 *                      headers goes; -1 when a damaged header hides them
 * @param bytesAfter    the bytes of data in {@code file} from {@code offset} on
 * @param laterFiles    the cycle files after {@code file}, set aside whole
 * @param laterRecords  the complete records a walk finds in them
 */
public record JournalDamage(String journal, File file, long offset, long index, String problem,
        long recordsBefore, long recordsAfter, long bytesAfter, int laterFiles, long laterRecords) {
}
