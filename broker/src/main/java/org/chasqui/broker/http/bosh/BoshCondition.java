package org.chasqui.broker.http.bosh;

/**
 * The terminal binding conditions of XEP-0124 §17.2, each with the HTTP status a legacy client (one
 * whose session creation request had no {@code ver}) gets instead (§17.1): 400, 403 and 404 for the
 * three conditions the table supersedes, 200 with the condition otherwise.
 */
enum BoshCondition {
    BAD_REQUEST("bad-request", 400),
    HOST_GONE("host-gone", 200),
    HOST_UNKNOWN("host-unknown", 200),
    IMPROPER_ADDRESSING("improper-addressing", 200),
    INTERNAL_SERVER_ERROR("internal-server-error", 200),
    ITEM_NOT_FOUND("item-not-found", 404),
    OTHER_REQUEST("other-request", 200),
    POLICY_VIOLATION("policy-violation", 403),
    REMOTE_CONNECTION_FAILED("remote-connection-failed", 200),
    REMOTE_STREAM_ERROR("remote-stream-error", 200),
    SEE_OTHER_URI("see-other-uri", 200),
    SYSTEM_SHUTDOWN("system-shutdown", 200),
    UNDEFINED_CONDITION("undefined-condition", 200);

    private final String value;
    private final int legacyStatus;

    BoshCondition(String value, int legacyStatus) {
        this.value = value;
        this.legacyStatus = legacyStatus;
    }

    /** The value of the {@code condition} attribute. */
    String value() {
        return value;
    }

    /** XEP-0124 §17.1: the HTTP status; a legacy client gets the deprecated error code where there is one. */
    int status(boolean legacy) {
        return legacy ? legacyStatus : 200;
    }
}
