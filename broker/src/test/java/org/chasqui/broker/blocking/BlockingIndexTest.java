package org.chasqui.broker.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.chasqui.xmpp.jid.Jid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** XEP-0191 §6 JID matching, and whose list is asked. */
class BlockingIndexTest {

    static final Jid JULIET = Jid.parse("juliet@capulet.lit");

    private static BlockingIndex blocking(String... items) {
        BlockingIndex index = new BlockingIndex("capulet.lit");
        index.update("juliet", List.of(items).stream().map(Jid::parse).toList());
        return index;
    }

    @ParameterizedTest(name = "item {0}, sender {1}: {2}")
    @CsvSource({
            // <user@domain/resource> (only that resource matches)
            "romeo@montague.lit/orchard, romeo@montague.lit/orchard, true",
            "romeo@montague.lit/orchard, romeo@montague.lit/garden,  false",
            "romeo@montague.lit/orchard, romeo@montague.lit,         false",
            // <user@domain> (any resource matches)
            "romeo@montague.lit,         romeo@montague.lit,         true",
            "romeo@montague.lit,         romeo@montague.lit/garden,  true",
            "romeo@montague.lit,         benvolio@montague.lit,      false",
            "romeo@montague.lit,         montague.lit,               false",
            // <domain/resource> (only that resource matches)
            "montague.lit/chat,          montague.lit/chat,          true",
            "montague.lit/chat,          montague.lit,               false",
            "montague.lit/chat,          romeo@montague.lit/chat,    false",
            // <domain> (the domain itself matches, as does any user@domain or domain/resource)
            "montague.lit,               montague.lit,               true",
            "montague.lit,               romeo@montague.lit,         true",
            "montague.lit,               romeo@montague.lit/orchard, true",
            "montague.lit,               montague.lit/chat,          true",
            "montague.lit,               chat.montague.lit,          false",
            "montague.lit,               romeo@verona.lit,           false",
            // matching is on enforced JIDs (RFC 7622): case of local- and domainpart does not matter
            "Romeo@Montague.lit,         romeo@montague.lit/Orchard, true",
    })
    void matchesAsSection6Says(String item, String sender, boolean blocked) {
        assertThat(blocking(item).blocks(JULIET, Jid.parse(sender))).isEqualTo(blocked);
    }

    @Test
    void onlyTheOwnersListCountsAndOnlyForLocalAccounts() {
        BlockingIndex index = blocking("romeo@montague.lit");
        assertThat(index.blocks(Jid.parse("nurse@capulet.lit"), Jid.parse("romeo@montague.lit"))).isFalse();
        assertThat(index.blocks(Jid.parse("juliet@elsewhere.lit"), Jid.parse("romeo@montague.lit"))).isFalse();
        assertThat(index.blocks(Jid.parse("capulet.lit"), Jid.parse("romeo@montague.lit"))).isFalse();
    }

    @Test
    void anUpdateReplacesTheWholeListAndAnEmptyOneRemovesIt() {
        BlockingIndex index = blocking("romeo@montague.lit", "tybalt@capulet.lit");
        index.update("juliet", List.of(Jid.parse("tybalt@capulet.lit")));
        assertThat(index.blocks(JULIET, Jid.parse("romeo@montague.lit"))).isFalse();
        assertThat(index.blocks(JULIET, Jid.parse("tybalt@capulet.lit/sword"))).isTrue();
        index.update("juliet", List.of());
        assertThat(index.blocks(JULIET, Jid.parse("tybalt@capulet.lit"))).isFalse();
    }
}
