package org.chasqui.broker.config;

import java.util.Locale;
import java.util.Objects;
import org.chasqui.persistence.log.Durability;

/**
 * How the journals under {@code data_dir} are written (the {@code storage} section).
 *
 * @param durability when a change counts as stored, and so when it is acknowledged: {@code process}
 *                   once in the journal's memory-mapped file (survives the server being killed, not an
 *                   OS crash or power loss), {@code os} once forced to the disk (fdatasync, in groups)
 */
public record StorageConfig(Durability durability) {

    public static final Durability DEFAULT_DURABILITY = Durability.PROCESS;

    public static final StorageConfig DEFAULTS = new StorageConfig(DEFAULT_DURABILITY);

    public StorageConfig {
        Objects.requireNonNull(durability, "durability");
    }

    public StorageConfig withDurability(Durability value) {
        return new StorageConfig(value);
    }

    /** The configuration file's spelling of a level: {@code process}, {@code os}. */
    public static String name(Durability d) {
        return d.name().toLowerCase(Locale.ROOT);
    }
}
