package org.chasqui.broker.http.bosh;

import java.util.List;
import org.chasqui.xmpp.xml.Element;

/**
 * One client request: the attributes of its {@code <body/>} wrapper (XEP-0124 §4) and its payloads.
 * Numbers are already checked; an absent attribute is null.
 *
 * @param rid         §14.1 request id, always present, 0 &lt; rid &lt;= 2^53-1
 * @param sid         §7.2 session id; null only on a session creation request
 * @param type        {@code terminate} (§13), or null
 * @param to          §7.1 target domain
 * @param from        §7.1 originator
 * @param lang        {@code xml:lang}
 * @param ver         §7.1 highest BOSH version of the client ("major.minor"); null: a legacy client (§17.1)
 * @param waitSeconds §7.1 longest wait, seconds
 * @param hold        §7.1 most requests held at once
 * @param ack         §9 the client's acknowledgement (on creation: "1" to use acknowledgements)
 * @param pause       §10 requested pause, seconds
 * @param content     §7.1 Content-Type wanted on responses
 * @param xmppVersion XEP-0206 §3 {@code xmpp:version}
 * @param restart     XEP-0206 §5 {@code xmpp:restart='true'}
 * @param payloads    the children of the wrapper, stanzas in jabber:client
 */
record BoshRequest(long rid, String sid, String type, String to, String from, String lang, String ver,
        Integer waitSeconds, Integer hold, Long ack, Integer pause, String content, String xmppVersion, boolean restart,
        List<Element> payloads) {

    BoshRequest {
        payloads = List.copyOf(payloads);
    }

    boolean terminate() {
        return "terminate".equals(type);
    }

    /** §11: a request that carries nothing the session has to act on. */
    boolean empty() {
        return payloads.isEmpty() && !restart && !terminate() && pause == null;
    }
}
