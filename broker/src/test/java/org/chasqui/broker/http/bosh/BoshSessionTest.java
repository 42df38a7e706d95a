package org.chasqui.broker.http.bosh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chasqui.broker.http.bosh.BoshFixture.NS;

import org.chasqui.broker.config.HttpConfig;
import org.chasqui.broker.http.bosh.BoshFixture.Answer;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.Test;

/** The BOSH session state machine of XEP-0124, on a manual clock, request by request. */
class BoshSessionTest {

    /** wait 60 s, inactivity 30 s, hold 1, maxpause 120 s, polling 2 s. */
    static final HttpConfig CONFIG = HttpConfig.DEFAULTS.withBosh(60, 30, 1, 120, 2);

    private static String message(String id) {
        return "<message xmlns='jabber:client' to='juliet@example.com' id='" + id + "'><body>hi</body></message>";
    }

    private static String body(long rid, String attributes, String payloads) {
        return "<body rid='" + rid + "' sid='SomeSID' " + attributes + " " + NS + ">" + payloads + "</body>";
    }

    // ---- §7.2 session creation response, XEP-0206 §3 ----

    @Test
    void creationResponseCarriesTheSessionTermsAndTheFeatures() {
        BoshFixture f = BoshFixture.create(CONFIG, "<body content='text/xml; charset=utf-8' hold='1' rid='1573741820'"
                + " to='example.com' ver='1.6' wait='60' ack='1' xml:lang='en' xmpp:version='1.0'"
                + " xmlns:xmpp='urn:xmpp:xbosh' " + NS + "/>");
        Answer answer = f.start();
        assertThat(answer.answered()).as("answered when the turn ends, not before the features").isFalse();
        f.clock.runSoon();
        Element body = answer.element();
        assertThat(body.attribute("sid")).isEqualTo("SomeSID");
        assertThat(body.attribute("wait")).isEqualTo("60");
        assertThat(body.attribute("inactivity")).isEqualTo("30");
        assertThat(body.attribute("polling")).isEqualTo("2");
        assertThat(body.attribute("requests")).isEqualTo("2"); // hold + 1
        assertThat(body.attribute("hold")).isEqualTo("1");
        assertThat(body.attribute("ack")).isEqualTo("1573741820"); // §9.2
        assertThat(body.attribute("maxpause")).isEqualTo("120");
        assertThat(body.attribute("ver")).isEqualTo("1.6"); // the lower of the two
        assertThat(body.attribute("from")).isEqualTo("example.com");
        assertThat(body.attribute("authid")).isEqualTo("stream-id-1");
        assertThat(body.attribute("xmpp:version")).isEqualTo("1.0");
        assertThat(body.attribute("xmpp:restartlogic")).isEqualTo("true");
        assertThat(body.elements()).hasSize(1);
        assertThat(body.elements().get(0).name()).isEqualTo("features");
    }

    @Test
    void waitAndHoldAreLoweredToTheLimitsAndZeroMeansPolling() {
        BoshSettings lowered = ((BoshSettings.Granted) BoshSettings.negotiate(BoshFixture.request(
                "<body rid='5' to='example.com' wait='600' hold='5' ver='1.11' " + NS + "/>"), CONFIG)).settings();
        assertThat(lowered.waitSeconds()).isEqualTo(60);
        assertThat(lowered.hold()).isEqualTo(1);
        assertThat(lowered.requests()).isEqualTo(2);
        BoshSettings polling = ((BoshSettings.Granted) BoshSettings.negotiate(BoshFixture.request(
                "<body rid='5' to='example.com' wait='60' hold='0' ver='1.11' " + NS + "/>"), CONFIG)).settings();
        assertThat(polling.pollingSession()).isTrue();
        assertThat(polling.requests()).isEqualTo(1);
        assertThat(polling.inactivity()).isEqualTo(32); // §12: longer than the polling interval
        assertThat(BoshSettings.lowerVersion("1.20")).isEqualTo("1.11");
        assertThat(BoshSettings.lowerVersion("1.9")).isEqualTo("1.9"); // minor compared as an integer
        assertThat(BoshSettings.negotiate(BoshFixture.request(
                "<body rid='5' to='example.com' ver='one' " + NS + "/>"), CONFIG))
                .isEqualTo(new BoshSettings.Refused(BoshCondition.BAD_REQUEST, "'ver' must be major.minor"));
    }

    // ---- §7.3 holding, waiting, batching ----

    @Test
    void aHeldRequestIsAnsweredWithEverythingWrittenInTheSameTurn() {
        BoshFixture f = BoshFixture.started(CONFIG);
        Answer held = f.send(body(1001, "", ""));
        assertThat(held.answered()).isFalse();
        f.session.send(message("m1"));
        f.session.send(message("m2"));
        f.clock.runSoon();
        assertThat(held.element().elements()).extracting(e -> e.attribute("id")).containsExactly("m1", "m2");
    }

    @Test
    void aHeldRequestIsAnsweredEmptyAfterWait() {
        BoshFixture f = BoshFixture.started(CONFIG);
        Answer held = f.send(body(1001, "", ""));
        f.clock.advance(59_999);
        assertThat(held.answered()).isFalse();
        f.clock.advance(1);
        assertThat(held.body).isEqualTo("<body xmlns='http://jabber.org/protocol/httpbind'/>");
        assertThat(f.events).isEmpty();
    }

    @Test
    void aNewRequestBeyondHoldReleasesTheOldest() {
        BoshFixture f = BoshFixture.started(CONFIG);
        Answer first = f.send(body(1001, "", ""));
        Answer second = f.send(body(1002, "", message("out")));
        assertThat(first.answered()).isTrue();
        assertThat(second.answered()).isFalse();
        assertThat(f.events).containsExactly("payload out");
    }

    @Test
    void outputWaitsForTheNextRequestWhenNoneIsHeld() {
        BoshFixture f = BoshFixture.started(CONFIG);
        f.session.send(message("queued"));
        f.clock.runSoon();
        Answer next = f.send(body(1001, "", ""));
        f.clock.runSoon();
        assertThat(next.element().elements()).extracting(e -> e.attribute("id")).containsExactly("queued");
    }

    // ---- §14.3 in-order processing, the window; §14.4 retransmission ----

    @Test
    void aLaterRidWaitsUntilTheGapFills() {
        BoshFixture f = BoshFixture.started(CONFIG);
        Answer third = f.send(body(1002, "", message("b")));
        assertThat(f.events).isEmpty();
        Answer second = f.send(body(1001, "", message("a")));
        assertThat(f.events).containsExactly("payload a", "payload b");
        assertThat(second.answered()).as("1001 answered in rid order, before 1002").isTrue();
        assertThat(third.answered()).isFalse();
    }

    @Test
    void aRidBeyondTheWindowEndsTheSessionWithItemNotFound() {
        BoshFixture f = BoshFixture.started(CONFIG);
        Answer held = f.send(body(1001, "", ""));
        Answer far = f.send(body(1004, "", "")); // window: 1002..1003
        assertThat(far.status).isEqualTo(200);
        assertThat(far.body).isEqualTo(
                "<body type='terminate' condition='item-not-found' xmlns='http://jabber.org/protocol/httpbind'/>");
        assertThat(held.answered()).isTrue();
        assertThat(f.events).containsExactly("connectionLost", "released");
    }

    @Test
    void aRepeatedRidGetsTheSameResponseAgain() {
        BoshFixture f = BoshFixture.started(CONFIG);
        Answer original = f.send(body(1001, "", ""));
        f.session.send(message("m"));
        f.clock.runSoon();
        Answer again = f.send(body(1001, "", ""));
        assertThat(again.body).isEqualTo(original.body);
        assertThat(f.events).isEmpty(); // nothing processed twice
    }

    @Test
    void aRepeatOfAHeldRequestAnswersTheFirstCopyWithARecoverableError() {
        BoshFixture f = BoshFixture.started(CONFIG);
        Answer first = f.send(body(1001, "", ""));
        Answer second = f.send(body(1001, "", ""));
        assertThat(first.body).isEqualTo("<body type='error' xmlns='http://jabber.org/protocol/httpbind'/>");
        assertThat(second.answered()).isFalse();
        f.session.send(message("m"));
        f.clock.runSoon();
        assertThat(second.element().elements()).hasSize(1);
    }

    @Test
    void aRidWhoseResponseIsNoLongerKeptIsItemNotFound() {
        BoshFixture f = BoshFixture.started(CONFIG);
        for (long rid = 1001; rid <= 1004; rid++) {
            f.send(body(rid, "", message("m" + rid)));
        }
        Answer old = f.send(body(1001, "", ""));
        assertThat(old.attribute("condition")).isEqualTo("item-not-found");
    }

    @Test
    void aLegacyClientGetsHttpErrorCodes() {
        // §17.1: no 'ver' in the creation request
        BoshFixture f = BoshFixture.create(CONFIG, "<body rid='10' to='example.com' wait='60' hold='1' " + NS + "/>");
        f.start();
        f.clock.runSoon();
        assertThat(f.send(body(20, "", "")).status).isEqualTo(404);
        BoshFixture g = BoshFixture.create(CONFIG, "<body rid='10' to='example.com' wait='60' hold='1' " + NS + "/>");
        g.start();
        g.clock.runSoon();
        assertThat(g.send(body(11, "pause='60'", "")).status).isEqualTo(200);
        BoshFixture h = BoshFixture.create(CONFIG, "<body rid='10' to='example.com' wait='60' hold='1' " + NS + "/>");
        h.start();
        h.clock.runSoon();
        assertThat(h.send(body(11, "xmpp:restart='true' xmlns:xmpp='urn:xmpp:xbosh'", "")).status).isEqualTo(400);
    }

    // ---- §9 acknowledgements ----

    @Test
    void responsesAcknowledgeTheHighestRidReceivedInOrder() {
        BoshFixture f = BoshFixture.create(CONFIG, "<body rid='1000' to='example.com' ver='1.11' hold='1' ack='1' "
                + NS + "/>");
        f.start();
        f.clock.runSoon();
        Answer first = f.send(body(1001, "", ""));
        f.send(body(1002, "", message("x")));
        assertThat(first.attribute("ack")).isEqualTo("1002");
        Answer third = f.send(body(1003, "ack='1002'", ""));
        f.clock.advance(60_000);
        f.clock.runSoon();
        assertThat(f.send(body(1001, "", "")).attribute("condition"))
                .as("the client acknowledged 1001: its response is not kept").isEqualTo("item-not-found");
        assertThat(third.answered()).isTrue();
    }

    // ---- §10 pause ----

    @Test
    void pauseAnswersEverythingAndStretchesInactivityOnce() {
        BoshFixture f = BoshFixture.started(CONFIG);
        Answer held = f.send(body(1001, "", ""));
        f.session.send(message("m"));
        Answer pause = f.send(body(1002, "pause='100'", ""));
        assertThat(held.element().elements()).hasSize(1);
        assertThat(pause.body).isEqualTo("<body xmlns='http://jabber.org/protocol/httpbind'/>");
        f.clock.advance(99_000);
        assertThat(f.events).isEmpty();
        Answer back = f.send(body(1003, "", ""));
        assertThat(back.answered()).isFalse();
        f.clock.advance(60_000); // answered after wait; then inactivity is back to 30 s
        f.clock.advance(29_000);
        assertThat(f.events).isEmpty();
        f.clock.advance(1_000);
        assertThat(f.events).containsExactly("connectionLost", "released");
    }

    @Test
    void aPauseLongerThanMaxpauseIsCut() {
        BoshFixture f = BoshFixture.started(CONFIG);
        f.send(body(1001, "pause='1000'", ""));
        f.clock.advance(119_999);
        assertThat(f.events).isEmpty();
        f.clock.advance(1);
        assertThat(f.events).containsExactly("connectionLost", "released");
    }

    @Test
    void pauseWithoutMaxpauseIsAPolicyViolation() {
        BoshFixture f = BoshFixture.create(HttpConfig.DEFAULTS.withBosh(60, 30, 1, 0, 2),
                "<body rid='1000' to='example.com' ver='1.11' hold='1' " + NS + "/>");
        Answer creation = f.start();
        f.clock.runSoon();
        assertThat(creation.attribute("maxpause")).isNull();
        assertThat(f.send(body(1001, "pause='60'", "")).attribute("condition")).isEqualTo("policy-violation");
    }

    // ---- §8 inactivity ----

    @Test
    void noRequestForTheInactivityPeriodEndsTheSessionSilently() {
        BoshFixture f = BoshFixture.started(CONFIG);
        f.clock.advance(29_999);
        assertThat(f.events).isEmpty();
        f.clock.advance(1);
        assertThat(f.events).containsExactly("connectionLost", "released");
    }

    @Test
    void aHeldRequestKeepsTheSessionAlive() {
        BoshFixture f = BoshFixture.started(CONFIG);
        f.send(body(1001, "", ""));
        f.clock.advance(59_000);
        assertThat(f.events).isEmpty();
    }

    // ---- §11, §12 overactivity ----

    @Test
    void anEmptyRequestTooSoonWhileRequestsAreUnansweredIsAPolicyViolation() {
        BoshFixture f = BoshFixture.started(CONFIG);
        f.clock.advance(3_000);
        f.send(body(1001, "", ""));
        f.clock.advance(500);
        Answer second = f.send(body(1002, "", ""));
        assertThat(second.attribute("type")).isEqualTo("terminate");
        assertThat(second.attribute("condition")).isEqualTo("policy-violation");
    }

    @Test
    void pollingFasterThanThePollingIntervalIsAPolicyViolation() {
        BoshFixture f = BoshFixture.create(CONFIG, "<body rid='1000' to='example.com' ver='1.11' hold='0' wait='60' "
                + NS + "/>");
        f.start();
        f.clock.runSoon();
        f.clock.advance(3_000);
        Answer poll = f.send(body(1001, "", ""));
        assertThat(poll.answered()).as("a polling session holds nothing").isTrue();
        f.clock.advance(2_000);
        assertThat(f.send(body(1002, "", "")).attribute("type")).isNull(); // at the interval: fine
        f.clock.advance(1_000);
        assertThat(f.send(body(1003, "", "")).attribute("condition")).isEqualTo("policy-violation");
    }

    // ---- §13 terminate ----

    @Test
    void theClientTerminatesAfterItsLastPayloads() {
        BoshFixture f = BoshFixture.started(CONFIG);
        Answer held = f.send(body(1001, "", ""));
        Answer terminate = f.send(body(1002, "type='terminate'",
                "<presence type='unavailable' xmlns='jabber:client' id='bye'/>"));
        assertThat(held.attribute("type")).isEqualTo("terminate"); // the oldest acknowledges (§13)
        assertThat(terminate.body).isEqualTo("<body xmlns='http://jabber.org/protocol/httpbind'/>");
        assertThat(f.events).containsExactly("payload bye", "clientTerminated", "connectionLost", "released");
    }

    @Test
    void aStreamErrorReachesTheClientAsRemoteStreamError() {
        BoshFixture f = BoshFixture.started(CONFIG);
        Answer held = f.send(body(1001, "", ""));
        f.session.send(message("last"));
        f.session.terminate(BoshCondition.REMOTE_STREAM_ERROR,
                "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>");
        Element body = held.element();
        assertThat(body.attribute("type")).isEqualTo("terminate");
        assertThat(body.attribute("condition")).isEqualTo("remote-stream-error");
        assertThat(body.elements()).extracting(Element::name).containsExactly("message", "error"); // XEP-0206 §6
        assertThat(body.elements().get(1).child("conflict", "urn:ietf:params:xml:ns:xmpp-streams")).isNotNull();
        f.clock.runSoon();
        assertThat(f.events).containsExactly("released", "connectionLost");
    }

    @Test
    void aTerminationWithNothingHeldGoesToTheNextRequest() {
        BoshFixture f = BoshFixture.started(CONFIG);
        f.session.terminate(null, null);
        f.clock.runSoon();
        assertThat(f.events).containsExactly("connectionLost");
        Answer next = f.send(body(1001, "", ""));
        assertThat(next.body).isEqualTo("<body type='terminate' xmlns='http://jabber.org/protocol/httpbind'/>");
        assertThat(f.events).containsExactly("connectionLost", "released");
    }

    @Test
    void anUnansweredTerminationIsForgottenAfterInactivity() {
        BoshFixture f = BoshFixture.started(CONFIG);
        f.session.terminate(null, null);
        f.clock.advance(30_000);
        assertThat(f.events).containsExactly("connectionLost", "released");
    }

    // ---- XEP-0206 §5 restart ----

    @Test
    void aRestartWhenDueOpensTheNewStreamAndGetsItsFeatures() {
        BoshFixture f = BoshFixture.started(CONFIG);
        f.restartDue = true;
        Answer restart = f.send(body(1001, "to='example.com' xml:lang='en' xmpp:restart='true'"
                + " xmlns:xmpp='urn:xmpp:xbosh'", ""));
        f.session.send("<stream:features xmlns:stream='http://etherx.jabber.org/streams'/>");
        f.clock.runSoon();
        assertThat(f.events).containsExactly("restart");
        assertThat(restart.element().elements()).extracting(Element::name).containsExactly("features");
    }

    @Test
    void aRestartThatIsNotDueIsABadRequest() {
        BoshFixture f = BoshFixture.started(CONFIG);
        Answer restart = f.send(body(1001, "xmpp:restart='true' xmlns:xmpp='urn:xmpp:xbosh'", ""));
        assertThat(restart.attribute("condition")).isEqualTo("bad-request");
        assertThat(f.events).containsExactly("restart", "connectionLost", "released");
    }

    // ---- output bound ----

    @Test
    void outputPastTheBoundMeansTheClientIsNotReading() {
        BoshFixture f = BoshFixture.started(CONFIG);
        String big = "x".repeat(1 << 20);
        for (int i = 0; i < 8; i++) {
            f.session.send(big);
        }
        assertThat(f.session.backlogged()).isFalse();
        f.session.send("x");
        assertThat(f.session.backlogged()).isTrue();
    }
}
