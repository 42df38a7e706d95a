package org.chasqui.persistence.accounts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test visitor: records what was delivered, in order, and keeps the resulting account state. */
final class RecordingVisitor implements AccountJournal.Visitor {

    final List<String> events = new ArrayList<>();
    final Map<String, AccountRecord> accounts = new LinkedHashMap<>();

    @Override
    public void saved(AccountRecord r) {
        events.add("saved " + r.username());
        accounts.put(r.username(), r);
    }

    @Override
    public void deleted(String username) {
        events.add("deleted " + username);
        accounts.remove(username);
    }
}
