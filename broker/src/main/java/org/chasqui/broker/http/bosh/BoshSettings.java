package org.chasqui.broker.http.bosh;

import org.chasqui.broker.config.HttpConfig;

/**
 * The terms of one session, granted in the session creation response (XEP-0124 §7.2) from what the
 * client asked (§7.1) and the server's limits.
 *
 * @param waitSeconds seconds a request may be held; 0 in a polling session (§12)
 * @param hold        requests held at once; 0 in a polling session
 * @param requests    §11: simultaneous requests allowed, hold + 1
 * @param polling     §12: shortest polling interval, seconds (0: any)
 * @param inactivity  §8: longest time without a request, seconds
 * @param maxPause    §10: longest pause, seconds; 0: pausing is not offered
 * @param ver         the version granted, or null for a legacy client (§17.1)
 * @param acks        §9: the client asked for acknowledgements
 * @param contentType §7.1: the Content-Type of every response
 */
record BoshSettings(int waitSeconds, int hold, int requests, int polling, int inactivity, int maxPause, String ver,
        boolean acks, String contentType) {

    /** The version of XEP-0124 implemented. */
    static final String VERSION = "1.11";
    static final String DEFAULT_CONTENT_TYPE = "text/xml; charset=utf-8";

    /** The outcome of a negotiation: settings, or the condition that refuses the session. */
    sealed interface Outcome permits Granted, Refused {
    }

    record Granted(BoshSettings settings) implements Outcome {
    }

    record Refused(BoshCondition condition, String reason) implements Outcome {
    }

    boolean legacy() {
        return ver == null;
    }

    boolean pollingSession() {
        return hold == 0;
    }

    /**
     * §7.1-7.2: 'wait' and 'hold' are lowered to the server's limits (the response "MUST be less than or
     * equal to" the request, so asking for more is not an error); a client asking for wait or hold 0 gets a
     * polling session (§12), with the inactivity period extended by the polling interval.
     */
    static Outcome negotiate(BoshRequest request, HttpConfig config) {
        String ver = request.ver() == null ? null : lowerVersion(request.ver());
        if (request.ver() != null && ver == null) {
            return new Refused(BoshCondition.BAD_REQUEST, "'ver' must be major.minor");
        }
        String content = request.content() == null ? DEFAULT_CONTENT_TYPE : request.content();
        if (!content.matches("[\\x20-\\x7e]{1,200}")) {
            return new Refused(BoshCondition.BAD_REQUEST, "'content' is not a Content-Type value");
        }
        int wait = request.waitSeconds() == null ? config.boshMaxWaitSeconds()
                : Math.min(request.waitSeconds(), config.boshMaxWaitSeconds());
        int hold = request.hold() == null ? 1 : Math.min(request.hold(), config.boshMaxHold());
        if (wait == 0 || hold == 0) {
            wait = 0;
            hold = 0;
        }
        int polling = config.boshPollingSeconds();
        int inactivity = config.boshMaxInactivitySeconds() + (hold == 0 ? polling : 0); // §12
        boolean acks = request.ack() != null && request.ack() == 1;
        return new Granted(new BoshSettings(wait, hold, hold + 1, polling, inactivity, config.boshMaxPauseSeconds(),
                ver, acks, content));
    }

    /** §7.2 'ver': the lower of the client's and ours, compared as separate integers; null if malformed. */
    static String lowerVersion(String clientVersion) {
        int[] client = parse(clientVersion);
        if (client == null) {
            return null;
        }
        int[] ours = parse(VERSION);
        boolean clientLower = client[0] < ours[0] || (client[0] == ours[0] && client[1] < ours[1]);
        return clientLower ? client[0] + "." + client[1] : VERSION;
    }

    private static int[] parse(String version) {
        int dot = version.indexOf('.');
        if (dot <= 0 || dot == version.length() - 1 || version.length() > 12) {
            return null;
        }
        String major = version.substring(0, dot);
        String minor = version.substring(dot + 1);
        if (!major.chars().allMatch(c -> c >= '0' && c <= '9') || !minor.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return new int[] {Integer.parseInt(major), Integer.parseInt(minor)};
    }
}
