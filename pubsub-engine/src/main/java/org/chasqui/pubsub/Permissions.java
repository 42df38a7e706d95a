package org.chasqui.pubsub;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * XEP-0060 §4.1 "Affiliations and their Privileges", as a table. The starred cells of the spec's table
 * are chosen so: a publisher may retract any item and purge (the MAY of the note), a publish-only
 * entity may retract only its own items and may not purge (the SHOULD of the note).
 */
public final class Permissions {

    /** The actions of the table's columns (retrieval is further limited by the access model, §4.5). */
    public enum Action {
        SUBSCRIBE, RETRIEVE_ITEMS, PUBLISH, RETRACT_ANY, RETRACT_OWN, PURGE, CONFIGURE, DELETE
    }

    private static final Map<Affiliation, Set<Action>> TABLE = new EnumMap<>(Affiliation.class);

    static {
        TABLE.put(Affiliation.OWNER, EnumSet.allOf(Action.class));
        TABLE.put(Affiliation.PUBLISHER, EnumSet.of(Action.SUBSCRIBE, Action.RETRIEVE_ITEMS, Action.PUBLISH,
                Action.RETRACT_ANY, Action.RETRACT_OWN, Action.PURGE));
        TABLE.put(Affiliation.PUBLISH_ONLY, EnumSet.of(Action.PUBLISH, Action.RETRACT_OWN));
        TABLE.put(Affiliation.MEMBER, EnumSet.of(Action.SUBSCRIBE, Action.RETRIEVE_ITEMS));
        TABLE.put(Affiliation.NONE, EnumSet.of(Action.SUBSCRIBE));
        TABLE.put(Affiliation.OUTCAST, EnumSet.noneOf(Action.class));
    }

    private Permissions() {
    }

    public static boolean allows(Affiliation affiliation, Action action) {
        return TABLE.get(affiliation).contains(action);
    }
}
