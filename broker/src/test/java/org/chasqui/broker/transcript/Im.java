package org.chasqui.broker.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chasqui.broker.testing.RawXmppClient;
import org.chasqui.broker.testing.TestServer;
import org.chasqui.broker.testing.Xml;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;

/**
 * What the RFC 6121 transcripts share: fresh accounts per test, logging in the way an IM client does
 * (roster get, initial presence), roster pushes compared without the id and version the server
 * generates, stanzas that may arrive in any order, and settling: proof, without sleeping, that nothing
 * more is on its way to a client.
 */
final class Im {

    static final String ROSTER = "jabber:iq:roster";
    /** The roster item that {@link #settle} changes. */
    static final String MARKER = "settle.marker@localhost";
    private static final AtomicInteger SERIAL = new AtomicInteger();
    /** The clients that asked for the roster in their session, so get roster pushes (RFC 6121 §2.2). */
    private static final Set<RawXmppClient> INTERESTED = Collections.newSetFromMap(new ConcurrentHashMap<>());

    private Im() {
    }

    /** Creates the account "{@code name}N" (N unique in this JVM, password "{@code name}N-pw"); returns its localpart. */
    static String account(TestServer server, String name) {
        String user = name + SERIAL.incrementAndGet();
        server.addUser(user, password(user));
        return user;
    }

    static String password(String user) {
        return user + "-pw";
    }

    /** Connects over STARTTLS, authenticates and binds {@code resource}; no roster, no presence yet. */
    static RawXmppClient connect(TestServer server, String user, String resource) throws Exception {
        return RawXmppClient.login(server, user, password(user), resource);
    }

    /**
     * An IM client's login: roster get (so the resource is interested, RFC 6121 §2.2), then initial
     * presence (§4.2) whose echo (§4.2.2) it receives.
     */
    static RawXmppClient online(TestServer server, String user, String resource) throws Exception {
        RawXmppClient c = connect(server, user, resource);
        rosterGet(c);
        available(c, "");
        return c;
    }

    /** RFC 6121 §2.1.3: the roster; returns the result's query element. */
    static Element rosterGet(RawXmppClient c) {
        c.send("<iq type='get' id='roster-get'><query xmlns='jabber:iq:roster'/></iq>");
        Element result = c.expectStanza("iq");
        assertThat(result.attribute("type")).as(result + "\n" + c.transcript()).isEqualTo("result");
        assertThat(result.attribute("id")).isEqualTo("roster-get");
        INTERESTED.add(c);
        return result.child("query", ROSTER);
    }

    /** Records that {@code c} asked for the roster itself (RFC 6121 §2.2), so {@link #settle} expects pushes. */
    static void askedForRoster(RawXmppClient c) {
        INTERESTED.add(c);
    }

    /** RFC 6121 §4.2 / §4.4: broadcast presence with {@code children}; the sender gets it back (§4.2.2). */
    static void available(RawXmppClient c, String children) {
        c.send("<presence>" + children + "</presence>");
        Element echo = c.expectStanza("presence");
        assertThat(echo.attribute("from")).as(echo + "\n" + c.transcript()).isEqualTo(c.jid());
        assertThat(echo.attribute("type")).as(echo.toString()).isNull();
    }

    /**
     * The next stanza is a roster push (RFC 6121 §2.1.6) to this resource, from the account itself,
     * carrying exactly {@code item} (written as XML in the jabber:iq:roster namespace); the client
     * acknowledges it as RFC 6121 §2.1.6 asks. Returns the push's version.
     */
    static String expectPush(RawXmppClient c, String item) {
        Element push = c.expectStanza("iq");
        assertPush(c, push);
        assertThat(canonical(push)).as(c.transcript()).isEqualTo(push(item));
        return acknowledge(c, push);
    }

    /** The pushed stanza, with a version, acknowledged; returns the version. */
    private static String acknowledge(RawXmppClient c, Element push) {
        c.send("<iq type='result' id='" + RawXmppClient.escape(push.attribute("id")) + "'/>");
        return push.child("query", ROSTER).attribute("ver");
    }

    private static void assertPush(RawXmppClient c, Element push) {
        assertThat(push.attribute("type")).as(push + "\n" + c.transcript()).isEqualTo("set");
        String from = push.attribute("from");
        assertThat(from == null || from.equals(bare(c.jid()))).as("§2.1.6: a push comes from the account").isTrue();
        assertThat(push.attribute("to")).isEqualTo(c.jid());
        assertThat(push.attribute("id")).isNotNull();
        assertThat(push.child("query", ROSTER).attribute("ver")).as("§2.6.3: each push has a version").isNotNull();
    }

    /** The roster push stanza as {@link #canonical} makes it, for {@code item}. */
    static Element push(String item) {
        return Xml.stanza("<iq type='set'><query xmlns='jabber:iq:roster'>" + item + "</query></iq>");
    }

    /**
     * The stanza as compared: without indentation; a roster push without its id, 'to', 'from' and
     * version (checked by {@link #expectPush}), so that it can be written as in the RFC's examples.
     */
    static Element canonical(Element e) {
        Element clean = Xml.withoutIndentation(e);
        if (clean.is("iq", Namespaces.CLIENT) && "set".equals(clean.attribute("type")) && clean.child("query", ROSTER) != null) {
            Element query = clean.child("query", ROSTER).withoutAttribute("ver");
            return Element.builder("iq", Namespaces.CLIENT).attribute("type", "set").child(query).build();
        }
        return clean;
    }

    /**
     * The next {@code expected.length} stanzas are exactly these, in any order (for stanzas that come
     * from different parts of the server, which RFC 6120 §10.1 does not order). Roster pushes are
     * written as by {@link #push} and acknowledged.
     */
    static void expectInAnyOrder(RawXmppClient c, String... expected) {
        List<Element> wanted = new ArrayList<>();
        for (String xml : expected) {
            wanted.add(Xml.stanza(xml));
        }
        List<Element> got = new ArrayList<>();
        while (!wanted.isEmpty()) {
            Element next = c.expect();
            Element actual = canonical(next);
            if (!wanted.remove(actual)) {
                fail(c.jid() + " received\n  " + actual + "\nwhile expecting one of\n  " + wanted + "\nafter " + got
                        + "\n" + c.transcript());
            }
            got.add(actual);
            if (next.is("iq", Namespaces.CLIENT) && "set".equals(next.attribute("type"))) {
                assertPush(c, next);
                acknowledge(c, next);
            }
        }
    }

    /**
     * Proves that nothing more is on its way to these clients: each in turn changes a marker item of
     * its roster; it must receive exactly that push (if it asked for the roster) and the result, and
     * the other open resources of its account that asked for the roster exactly that push, with
     * nothing before them. A roster set is journaled on the account's shard like every subscription
     * change, so its answer comes after everything the shard had started; naming the clients in the
     * order the stanzas of a test travel (e.g. romeo, juliet, romeo) covers chains across accounts.
     */
    static void settle(RawXmppClient... chain) {
        for (RawXmppClient c : chain) {
            String id = "settle-" + SERIAL.incrementAndGet();
            c.send("<iq type='set' id='" + id + "'><query xmlns='jabber:iq:roster'>"
                    + "<item jid='" + MARKER + "' name='" + id + "'/></query></iq>");
            for (RawXmppClient other : othersInterested(c)) {
                expectMarkerPush(other, id, other.expect());
            }
            if (INTERESTED.contains(c)) {
                expectMarkerPush(c, id, c.expect());
            }
            Element result = c.expect();
            assertThat(result.attribute("id")).as(c.jid() + " received an unexpected " + result + "\n" + c.transcript())
                    .isEqualTo(id);
            assertThat(result.attribute("type")).isEqualTo("result");
        }
    }

    /**
     * Like {@link #settle}, but what arrives before the markers is read and dropped (roster pushes
     * acknowledged): for the set-up of a test, whose stanzas the test does not check.
     */
    static void drain(RawXmppClient... chain) {
        for (RawXmppClient c : chain) {
            String id = "drain-" + SERIAL.incrementAndGet();
            c.send("<iq type='set' id='" + id + "'><query xmlns='jabber:iq:roster'>"
                    + "<item jid='" + MARKER + "' name='" + id + "'/></query></iq>");
            for (RawXmppClient other : othersInterested(c)) {
                dropUntilMarkerPush(other, id);
            }
            while (true) {
                Element e = c.expect();
                if (id.equals(e.attribute("id"))) {
                    break;
                }
                if (isPush(e)) {
                    acknowledge(c, e);
                }
            }
        }
    }

    /** The other open resources of c's account that asked for the roster: they get c's marker pushes too. */
    private static List<RawXmppClient> othersInterested(RawXmppClient c) {
        return INTERESTED.stream().filter(o -> o != c && bare(o.jid()).equals(bare(c.jid()))).toList();
    }

    /**
     * What reaches {@code c} before a marker of its own (see {@link #settle}), roster pushes
     * acknowledged; the other interested resources of the account drop what they get up to the marker.
     */
    static List<Element> collect(RawXmppClient c) {
        String id = "collect-" + SERIAL.incrementAndGet();
        c.send("<iq type='set' id='" + id + "'><query xmlns='jabber:iq:roster'>"
                + "<item jid='" + MARKER + "' name='" + id + "'/></query></iq>");
        for (RawXmppClient other : othersInterested(c)) {
            dropUntilMarkerPush(other, id);
        }
        List<Element> got = new ArrayList<>();
        while (true) {
            Element e = c.expect();
            if (id.equals(e.attribute("id"))) {
                return got;
            }
            if (isPush(e)) {
                acknowledge(c, e);
                if (id.equals(e.child("query", ROSTER).child("item", ROSTER).attribute("name"))) {
                    continue;
                }
            }
            got.add(e);
        }
    }

    private static void dropUntilMarkerPush(RawXmppClient c, String id) {
        while (true) {
            Element e = c.expect();
            if (isPush(e)) {
                acknowledge(c, e);
                if (id.equals(e.child("query", ROSTER).child("item", ROSTER).attribute("name"))) {
                    return;
                }
            }
        }
    }

    private static boolean isPush(Element e) {
        return e.is("iq", Namespaces.CLIENT) && "set".equals(e.attribute("type")) && e.child("query", ROSTER) != null
                && e.child("query", ROSTER).child("item", ROSTER) != null;
    }

    private static void expectMarkerPush(RawXmppClient c, String id, Element e) {
        Element item = e.is("iq", Namespaces.CLIENT) && e.child("query", ROSTER) != null
                ? e.child("query", ROSTER).child("item", ROSTER) : null;
        if (item == null || !MARKER.equals(item.attribute("jid")) || !id.equals(item.attribute("name"))) {
            fail(c.jid() + " received an unexpected\n  " + e + "\n" + c.transcript());
        }
        acknowledge(c, e);
    }

    /**
     * Returns once the account's shard has run everything queued on it so far: for stanzas already
     * handed over by their sender's session (e.g. after {@link #settle} of the sender), their records
     * are then with the journal, which a stop waits for.
     */
    static void throughShardOf(TestServer server, String user) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        server.server().users().withUser(user, s -> done.complete(null));
        done.get(RawXmppClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    static String bare(String jid) {
        int slash = jid.indexOf('/');
        return slash < 0 ? jid : jid.substring(0, slash);
    }

    /** The next stanza is an error of this type and condition (RFC 6120 §8.3.2); returns it. */
    static Element expectError(RawXmppClient client, String type, String condition) {
        Element stanza = client.expect();
        assertThat(stanza.attribute("type")).as(stanza + "\n" + client.transcript()).isEqualTo("error");
        Element error = stanza.child("error", Namespaces.CLIENT);
        assertThat(error.attribute("type")).as(stanza.toString()).isEqualTo(type);
        assertThat(error.firstChildIn(Namespaces.STANZAS)).as(stanza.toString())
                .isEqualTo(Element.empty(condition, Namespaces.STANZAS));
        return stanza;
    }

    /** Closes the stream (RFC 6120 §4.4) and waits for the server to close its side. */
    static void leave(RawXmppClient c) {
        INTERESTED.remove(c);
        c.closeStream();
        c.close();
    }

    /** Cuts the TCP connection without closing the stream: a lost connection. */
    static void kill(RawXmppClient c) {
        INTERESTED.remove(c);
        c.close();
    }

    static void closeAll(RawXmppClient... clients) {
        for (RawXmppClient c : clients) {
            if (c != null) {
                INTERESTED.remove(c);
                c.close();
            }
        }
    }
}
