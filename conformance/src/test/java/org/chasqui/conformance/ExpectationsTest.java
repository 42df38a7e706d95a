package org.chasqui.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ratchet's rules, without a server. */
class ExpectationsTest {

    @Test
    void theCommittedFileParsesAndListsOnlyDistinctIds() throws Exception {
        Expectations expected = Expectations.load(SinttestConformanceTest.EXPECTED);
        assertThat(expected.mustPass("PingIntegrationTest.pingServer")).isTrue();
        assertThat(expected.mustPass("# a comment")).isFalse();
    }

    @Test
    void aListedTestThatFailsSkipsOrIsMissingIsARegressionAndAnUnlistedPassIsNew() throws Exception {
        Expectations expected = Expectations.load(SinttestConformanceTest.EXPECTED)
                .restrictTo(id -> id.startsWith("PingIntegrationTest.") || id.equals("VersionIntegrationTest.testVersion"));
        Expectations.Verdict verdict = expected.check(List.of(
                SinttestOutcome.pass("PingIntegrationTest.pingServer", 1),
                SinttestOutcome.fail("PingIntegrationTest.pingAsync", "TimeoutException", 10_000),
                SinttestOutcome.pass("RosterIntegrationTest.subscribeRequestListenerTest", 5)), o -> false);
        assertThat(verdict.regressions()).hasSize(2)
                .anySatisfy(r -> assertThat(r).startsWith("PingIntegrationTest.pingAsync: expected to pass, but FAIL"))
                .anySatisfy(r -> assertThat(r).startsWith("VersionIntegrationTest.testVersion: expected to pass, but sinttest has no such test"));
        assertThat(verdict.newPasses()).containsExactly("RosterIntegrationTest.subscribeRequestListenerTest");
    }

    @Test
    void anExcusedOutcomeIsNoRegression() throws Exception {
        Expectations expected = Expectations.load(SinttestConformanceTest.EXPECTED)
                .restrictTo(id -> id.equals("XmppConnectionIntegrationTest.allToAllMessageSendTest"));
        SinttestOutcome skipped = SinttestOutcome.skip("XmppConnectionIntegrationTest.allToAllMessageSendTest",
                SinttestOutcome.NEEDS_MORE_ACCOUNTS + " (IllegalStateException)");
        assertThat(expected.check(List.of(skipped), SinttestOutcome::needsMoreAccounts).regressions()).isEmpty();
        assertThat(expected.check(List.of(skipped), o -> false).regressions()).hasSize(1);
    }
}
