package org.chasqui.broker.sm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.chasqui.xmpp.jid.Jid;
import org.junit.jupiter.api.Test;

class ResumptionRegistryTest {

    private final ResumptionRegistry<String> registry = new ResumptionRegistry<>();
    private final Jid romeo = Jid.parse("romeo@localhost");

    @Test
    void aSessionIsFoundOnlyByItsOwnAccount() {
        String id = registry.register(Jid.parse("romeo@localhost/orchard"), "session-1");

        assertThat(registry.find(id, romeo)).isEqualTo("session-1");
        assertThat(registry.find(id, Jid.parse("romeo@localhost/other"))).isEqualTo("session-1");
        assertThat(registry.find(id, Jid.parse("juliet@localhost"))).as("§10: another user").isNull();
        assertThat(registry.find("no-such-id", romeo)).isNull();
        assertThat(registry.find(null, romeo)).isNull();
    }

    @Test
    void removeOnlyRemovesTheNamedSession() {
        String id = registry.register(romeo, "old");
        registry.reassign(id, romeo, "new");

        assertThat(registry.remove(id, "old")).as("taken over already").isFalse();
        assertThat(registry.find(id, romeo)).isEqualTo("new");
        assertThat(registry.remove(id, "new")).isTrue();
        assertThat(registry.remove(id, "new")).isFalse();
        assertThat(registry.size()).isZero();
    }

    @Test
    void idsAreLongRandomAndDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = registry.register(romeo, "s" + i);
            assertThat(id).matches("[A-Za-z0-9_-]{24}");
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }
}
