package org.chasqui.conformance;

/**
 * The result of one sinttest test.
 *
 * @param id     {@code SimpleClassName.method}, as in the expectations file
 * @param status what happened
 * @param reason why it failed or was skipped (empty for a pass)
 * @param millis how long it ran
 */
record SinttestOutcome(String id, Status status, String reason, long millis) {

    enum Status { PASS, FAIL, SKIP }

    static SinttestOutcome pass(String id, long millis) {
        return new SinttestOutcome(id, Status.PASS, "", millis);
    }

    static SinttestOutcome fail(String id, String reason, long millis) {
        return new SinttestOutcome(id, Status.FAIL, reason, millis);
    }

    static SinttestOutcome skip(String id, String reason) {
        return new SinttestOutcome(id, Status.SKIP, reason, 0);
    }

    /** Why a test is skipped with pre-created accounts when it needs a fourth one. */
    static final String NEEDS_MORE_ACCOUNTS = "needs accounts beyond the three pre-created ones";

    boolean needsMoreAccounts() {
        return status == Status.SKIP && reason.startsWith(NEEDS_MORE_ACCOUNTS);
    }

    /** One line of the report: {@code PASS id}, {@code FAIL id: reason}, {@code SKIP id: reason}. */
    String line() {
        return status == Status.PASS ? "PASS " + id + " (" + millis + " ms)" : status + " " + id + ": " + reason;
    }
}
