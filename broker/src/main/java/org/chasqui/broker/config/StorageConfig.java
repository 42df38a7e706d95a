package org.chasqui.broker.config;

import java.util.Locale;
import java.util.Objects;
import org.chasqui.persistence.log.Durability;
import org.chasqui.persistence.log.JournalRoll;

/**
 * How the journals under {@code data_dir} are written (the {@code storage} section).
 *
 * @param durability  when a change counts as stored, and so when it is acknowledged: {@code process}
 *                    once in the journal's memory-mapped file (survives the server being killed, not an
 *                    OS crash or power loss), {@code os} once forced to the disk (fdatasync, in groups)
 * @param journalRoll how often a journal directory created from now on starts a new file ({@code daily},
 *                    {@code hourly}); snapshots delete whole files, so dead records stay on disk for up to
 *                    one roll period. An existing directory keeps the roll it was created with.
 */
public record StorageConfig(Durability durability, JournalRoll journalRoll) {

    public static final Durability DEFAULT_DURABILITY = Durability.PROCESS;
    public static final JournalRoll DEFAULT_JOURNAL_ROLL = JournalRoll.DAILY;

    public static final StorageConfig DEFAULTS = new StorageConfig(DEFAULT_DURABILITY, DEFAULT_JOURNAL_ROLL);

    public StorageConfig {
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(journalRoll, "journalRoll");
    }

    public StorageConfig withDurability(Durability value) {
        return new StorageConfig(value, journalRoll);
    }

    public StorageConfig withJournalRoll(JournalRoll value) {
        return new StorageConfig(durability, value);
    }

    /** The configuration file's spelling of a level: {@code process}, {@code os}. */
    public static String name(Durability d) {
        return d.name().toLowerCase(Locale.ROOT);
    }
}
