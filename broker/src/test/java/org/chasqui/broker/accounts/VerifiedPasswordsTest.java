package org.chasqui.broker.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import org.chasqui.persistence.log.Durability;
import org.chasqui.xmpp.sasl.ScramAlgorithm;
import org.chasqui.xmpp.sasl.ScramCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedPasswordsTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    private final SecureRandom random = new SecureRandom();
    private final ScramCredential alice = ScramCredential.generate(ScramAlgorithm.SHA_256, "secret", 4096, random);

    @Test
    void aRememberedPasswordMatchesOnlyItsOwnCredentialAndPassword() {
        VerifiedPasswords cache = new VerifiedPasswords(10, Duration.ofMinutes(1), clock, random);
        assertThat(cache.matches("alice", alice, "secret")).isFalse();
        cache.remember("alice", alice, "secret");
        assertThat(cache.matches("alice", alice, "secret")).isTrue();
        assertThat(cache.matches("alice", alice, "secreT")).isFalse();
        assertThat(cache.matches("bob", alice, "secret")).isFalse();
        // the same password, but the account now has another credential (changed, or written by the CLI)
        ScramCredential changed = ScramCredential.generate(ScramAlgorithm.SHA_256, "secret", 4096, random);
        assertThat(cache.matches("alice", changed, "secret")).isFalse();
    }

    @Test
    void entriesExpire() {
        VerifiedPasswords cache = new VerifiedPasswords(10, Duration.ofSeconds(60), clock, random);
        cache.remember("alice", alice, "secret");
        now.addAndGet(59_999);
        assertThat(cache.matches("alice", alice, "secret")).isTrue();
        now.addAndGet(1);
        assertThat(cache.matches("alice", alice, "secret")).isFalse();
        assertThat(cache.size()).isZero();
    }

    @Test
    void sizeIsBounded() {
        VerifiedPasswords cache = new VerifiedPasswords(16, Duration.ofMinutes(1), clock, random);
        for (int i = 0; i < 1000; i++) {
            cache.remember("u" + i, alice, "secret");
            assertThat(cache.size()).isLessThanOrEqualTo(16);
        }
        assertThat(cache.matches("u999", alice, "secret")).isTrue();
    }

    @Test
    void offRemembersNothing() {
        VerifiedPasswords cache = VerifiedPasswords.off();
        cache.remember("alice", alice, "secret");
        assertThat(cache.matches("alice", alice, "secret")).isFalse();
        assertThat(cache.enabled()).isFalse();
    }

    @Test
    void accountServiceUsesAndInvalidatesTheCache(@TempDir Path dir) {
        VerifiedPasswords cache = new VerifiedPasswords(100, Duration.ofMinutes(1), clock, random);
        try (AccountService accounts = AccountService.open(dir, 4096, Durability.PROCESS, cache)) {
            accounts.create("alice", "first").join();
            assertThat(accounts.verifiedRecently("alice", "first")).isFalse();
            assertThat(accounts.verifyPassword("alice", "wrong")).isFalse();
            assertThat(accounts.verifiedRecently("alice", "wrong")).isFalse();
            assertThat(accounts.verifyPassword("alice", "first")).isTrue();
            assertThat(accounts.verifiedRecently("alice", "first")).isTrue();
            assertThat(accounts.verifiedRecently("alice", "second")).isFalse();

            accounts.changePassword("alice", "second").join();
            assertThat(accounts.verifiedRecently("alice", "first")).isFalse();
            assertThat(accounts.verifyPassword("alice", "first")).isFalse();
            assertThat(accounts.verifyPassword("alice", "second")).isTrue();
            assertThat(accounts.verifiedRecently("alice", "second")).isTrue();

            accounts.delete("alice").join();
            assertThat(accounts.verifiedRecently("alice", "second")).isFalse();
            assertThat(accounts.verifyPassword("alice", "second")).isFalse();
            assertThat(cache.size()).isZero();
        }
    }
}
